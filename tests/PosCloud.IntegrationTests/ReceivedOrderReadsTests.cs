using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Dashboard.Charts;
using PosCloud.Api.Dashboard.Orders;
using PosCloud.Api.Dashboard.Overview;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.Contracts.Sync;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Orders;
using PosCloud.Core.Returns;
using PosCloud.IntegrationTests.Support;
using static PosCloud.Api.Dashboard.DashboardEndpoints;

namespace PosCloud.IntegrationTests;

/// <summary>
/// One write per order (issue 15): an order waiting for its worker lives in ReceivedOrders, not Orders. Every read
/// that shows orders must show it as Received, beside final rows and legacy Received Orders rows. The rows are put
/// in directly (no worker runs), so each read is checked against a known mix of both tables.
/// </summary>
public class ReceivedOrderReadsTests(ReceivedOrderReadsTests.Cloud cloud) : IClassFixture<ReceivedOrderReadsTests.Cloud>
{
    /// <summary>The Api on its own PostgreSQL database, with no Workers host: nothing moves the ReceivedOrders.</summary>
    public sealed class Cloud : IAsyncLifetime
    {
        private string? _unavailable;
        private ApiFactory? _api;
        public ApiFactory Api => _unavailable is null ? _api! : throw new SkipException(_unavailable);

        public async Task InitializeAsync()
        {
            try
            {
                _api = new ApiFactory((await ApiFactory.NewServerAsync()).Settings);
                _ = _api.Services;
            }
            catch (SkipException ex)
            {
                _unavailable = ex.Message;
            }
        }

        public async Task DisposeAsync()
        {
            if (_api is not null) await _api.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Orders_waiting_for_their_worker_show_as_received_on_PostgreSQL() => await RunAsync(cloud.Api);

    [Fact]
    public async Task Orders_waiting_for_their_worker_show_as_received_on_the_embedded_default()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["Workers:HostedInApi"] = "false",
        });
        try
        {
            await RunAsync(api);
        }
        finally
        {
            await api.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private sealed record Seeded(DateTimeOffset T, Guid BatchB, Dictionary<long, Guid> S001, Guid S002Received, Guid ReturnId);

    /// <summary>
    /// S001-R1: 1 Reconciled, 2 NeedsReview with an override (both final, in Orders), 3 a legacy Received Orders row,
    /// 4, 5 (chain broken) and 7 in ReceivedOrders, 6 never arrived. S002-R1: 1 in ReceivedOrders.
    /// Received at T + 1, 3, 5, 0, 2, 4 minutes: newest first is 3, 7, 2, 5, 1, 4; 4 is the oldest waiting.
    /// </summary>
    private static async Task<Seeded> SeedAsync(ApiFactory api)
    {
        var now = DateTimeOffset.UtcNow;
        var t = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-2);
        var batchA = Guid.NewGuid();
        var batchB = Guid.NewGuid();
        var ids = new Dictionary<long, Guid>();
        Order Sale(string store, long n, Guid batch, int receivedMinute, decimal price = 589m)
        {
            var id = Guid.NewGuid();
            if (store == "S001") ids[n] = id;
            return new Order
            {
                Id = id, BatchId = batch, StoreId = store, RegisterId = store + "-R1", LocalNumber = n, SoldAt = t.AddMinutes(n - 30),
                StaffId = store + "-E02", Total = price * 2, Hash = $"h{n}", PreviousHash = $"h{n - 1}",
                ReceivedAt = t.AddMinutes(receivedMinute),
                Lines = [new OrderLine { OrderId = id, LineNumber = 1, Sku = "ts-0400001 ", TypedName = "外套(手打)", Type = LineType.Regular, Quantity = 2, ChargedUnitPrice = price }],
                Payments = [new Payment { OrderId = id, PaymentNumber = 1, Method = "cash", Amount = price * 2 }],
            };
        }
        var reconciled = Sale("S001", 1, batchA, 1);
        reconciled.MoveTo(OrderStatus.Received, null, reconciled.ReceivedAt);
        reconciled.MoveTo(OrderStatus.Reconciled, null, t.AddMinutes(6));
        var review = Sale("S001", 2, batchB, 3, price: 500m);
        review.MoveTo(OrderStatus.Received, null, review.ReceivedAt);
        review.MoveTo(OrderStatus.NeedsReview, "override above the limit", t.AddMinutes(6));
        review.Overrides.Add(new PriceOverride
        {
            OrderId = review.Id, LineNumber = 1, Sku = "TS-0400001", ExpectedUnitPrice = 589m, ChargedUnitPrice = 500m, Difference = -178m,
            Quantity = 2, Reason = "manual", CreatedAt = t.AddMinutes(6),
        });
        var legacy = Sale("S001", 3, batchA, 5);
        legacy.MoveTo(OrderStatus.Received, null, legacy.ReceivedAt);
        var waiting = new[] { Sale("S001", 4, batchB, 0), Sale("S001", 5, batchB, 2), Sale("S001", 7, batchA, 4) };
        waiting[1].ChainBroken = true;
        var other = Sale("S002", 1, Guid.NewGuid(), 1);
        var returnId = Guid.NewGuid();

        await api.WithDbAsync(async db =>
        {
            db.Batches.AddRange(
                new Batch { Id = batchA, StoreId = "S001", RegisterId = "S001-R1", ReceivedAt = t, AcceptedCount = 3 },
                new Batch { Id = batchB, StoreId = "S001", RegisterId = "S001-R1", ReceivedAt = t.AddMinutes(3), AcceptedCount = 3 },
                new Batch { Id = other.BatchId, StoreId = "S002", RegisterId = "S002-R1", ReceivedAt = t.AddMinutes(1), AcceptedCount = 1 });
            db.Orders.AddRange(reconciled, review, legacy);
            db.ReceivedOrders.AddRange(waiting.Append(other).Select(ReceivedOrder.From));
            db.OrderClaims.AddRange(new[] { reconciled, review, legacy, other }.Concat(waiting)
                .Select(o => new OrderClaim { OrderId = o.Id, StoreId = o.StoreId, BatchId = o.BatchId }));
            // A return of sale 4 that arrived before the sale was written final: it waits, and the sale's view lists it.
            db.Returns.Add(new SaleReturn
            {
                Id = returnId, OrderId = ids[4], BatchId = Guid.NewGuid(), StoreId = "S001", RegisterId = "S001-R1", LocalNumber = 8,
                ReturnedAt = t.AddMinutes(10), StaffId = "S001-E02", Reason = "size", RefundTotal = 589m, InvoiceOutcome = "none",
                Status = OrderStatus.Received, ReceivedAt = t.AddMinutes(10),
                Lines = [new ReturnLine { ReturnId = returnId, LineIndex = 0, Sku = "TS-0400001", Quantity = 1, Amount = 589m }],
            });
            await db.SaveChangesAsync();
            // Counts as the upload and the worker would have kept them; the rebuild must count ReceivedOrders as Received.
            await StoreStatusCounts.RebuildAsync(db);
            return 0;
        });
        return new Seeded(t, batchB, ids, other.Id, returnId);
    }

    private static async Task RunAsync(ApiFactory api)
    {
        var s = await SeedAsync(api);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);

        // Maintained counts after a rebuild: ReceivedOrders are Received.
        var counts = await api.WithDbAsync(db => db.StoreStatusCounts.AsNoTracking().Where(c => c.Count != 0)
            .ToDictionaryAsync(c => (c.StoreId, c.Status), c => c.Count));
        Assert.Equal(4L, counts[("S001", OrderStatus.Received)]);
        Assert.Equal((1L, 1L), (counts[("S001", OrderStatus.Reconciled)], counts[("S001", OrderStatus.NeedsReview)]));
        Assert.Equal(1L, counts[("S002", OrderStatus.Received)]);

        // GET /orders/{id}: the sale as uploaded, Received, one history entry, no reconciliation; its return listed.
        var four = Assert.IsType<OrderView>(await register.GetFromJsonAsync<OrderView>($"/api/v1/orders/{s.S001[4]}"));
        Assert.Equal((OrderStatus.Received, (string?)null, (DateTimeOffset?)null), (four.Status, four.StatusReason, four.FinishedAt));
        Assert.Equal((s.BatchB, "S001", "S001-R1", 4L, 1178m, s.T), (four.BatchId, four.StoreId, four.RegisterId, four.LocalNumber, four.Total, four.ReceivedAt));
        var line = Assert.Single(four.Lines);
        Assert.Equal((1, "ts-0400001 ", "外套(手打)", 2m, 589m), (line.LineNumber, line.Sku, line.TypedName, line.Quantity, line.ChargedUnitPrice));
        Assert.Equal(((string?)null, (string?)null, (decimal?)null), (line.MatchedSku, line.CatalogName, line.ExpectedUnitPrice));
        Assert.Empty(line.Flags);
        Assert.Empty(four.Overrides);
        var history = Assert.Single(four.History);
        Assert.Equal((OrderStatus.Received, s.T), (history.Status, history.At));
        Assert.Equal(s.ReturnId, Assert.Single(four.Returns!).ReturnId);
        var two = (await register.GetFromJsonAsync<OrderView>($"/api/v1/orders/{s.S001[2]}"))!;
        Assert.Equal((OrderStatus.NeedsReview, 1, 2), (two.Status, two.Overrides.Count, two.History.Count));
        Assert.Equal(HttpStatusCode.Forbidden, (await register.GetAsync($"/api/v1/orders/{s.S002Received}")).StatusCode);
        Assert.Equal(OrderStatus.Received, (await hq.GetFromJsonAsync<OrderView>($"/api/v1/orders/{s.S002Received}"))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await register.GetAsync($"/api/v1/orders/{Guid.NewGuid()}")).StatusCode);

        // /orders/status, GET and POST: received, final, legacy, unknown, another store's (not found for a register key).
        var unknown = Guid.NewGuid();
        Guid[] asked = [s.S001[4], s.S001[2], s.S001[3], unknown, s.S002Received];
        var byGet = (await register.GetFromJsonAsync<List<OrderStatusView>>($"/api/v1/orders/status?ids={string.Join(',', asked)}"))!;
        var byPost = await (await register.PostAsJsonAsync("/api/v1/orders/status", new OrderStatusRequest(asked))).Content.ReadFromJsonAsync<List<OrderStatusView>>();
        foreach (var answer in new[] { byGet, byPost! })
        {
            Assert.Equal(asked, answer.Select(a => a.OrderId));
            Assert.Equal([OrderStatus.Received, OrderStatus.NeedsReview, OrderStatus.Received, null, null], answer.Select(a => a.Status));
            Assert.Equal([true, true, true, false, false], answer.Select(a => a.Found));
            Assert.Equal(s.T.AddMinutes(6), answer[1].FinishedAt);
            Assert.Null(answer[0].FinishedAt);
        }
        var hqAnswer = (await hq.GetFromJsonAsync<List<OrderStatusView>>($"/api/v1/orders/status?ids={s.S002Received}"))!;
        Assert.Equal((true, (OrderStatus?)OrderStatus.Received), (hqAnswer[0].Found, hqAnswer[0].Status));

        // 上傳紀錄: both tables in one list, newest first, paged in the database.
        var first = (await register.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?pageSize=4"))!;
        var second = (await register.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?pageSize=4&page=2"))!;
        Assert.Equal((6, 6), (first.TotalCount, second.TotalCount));
        Assert.Equal([3L, 7L, 2L, 5L], first.Items.Select(r => r.LocalNumber));
        Assert.Equal([1L, 4L], second.Items.Select(r => r.LocalNumber));
        Assert.Equal([OrderStatus.Received, OrderStatus.Received, OrderStatus.NeedsReview, OrderStatus.Received], first.Items.Select(r => r.Status));
        Assert.Equal([0, 0, 1, 0], first.Items.Select(r => r.OverrideCount));
        Assert.Equal(s.S001[7], first.Items[1].OrderId);
        Assert.Equal((s.T.AddMinutes(4), 1178m, (DateTimeOffset?)null), (first.Items[1].ReceivedAt, first.Items[1].Total, first.Items[1].FinishedAt));
        var received = (await register.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?status=Received"))!;
        Assert.Equal(4, received.TotalCount);
        Assert.Equal([3L, 7L, 5L, 4L], received.Items.Select(r => r.LocalNumber));
        var window = (await register.GetFromJsonAsync<Page<UploadRecord>>(
            $"/api/v1/stores/S001/uploads?from={Uri.EscapeDataString(s.T.AddMinutes(2).ToString("O"))}&to={Uri.EscapeDataString(s.T.AddMinutes(5).ToString("O"))}"))!;
        Assert.Equal([7L, 2L, 5L], window.Items.Select(r => r.LocalNumber));
        Assert.Equal(1, (await register.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?status=Reconciled"))!.TotalCount);

        // A batch's orders: the final one and the two waiting, by number.
        var batch = (await register.GetFromJsonAsync<BatchView>($"/api/v1/batches/{s.BatchB}"))!;
        Assert.Equal([2L, 4L, 5L], batch.Orders.Select(o => s.S001.Single(kv => kv.Value == o.OrderId).Key));
        Assert.Equal([OrderStatus.NeedsReview, OrderStatus.Received, OrderStatus.Received], batch.Orders.Select(o => o.Status));

        // Sync status: waiting from the counts, the oldest waiting is ReceivedOrder 4, 6 is missing, 5's chain is broken.
        var sync = (await hq.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status"))!;
        var s001 = sync.Stores.Single(x => x.StoreId == "S001");
        Assert.Equal((4, 1, 1, 0), (s001.Waiting, s001.Reconciled, s001.NeedsReview, s001.Failed));
        AssertAge(s.T, sync.GeneratedAt, s001.OldestWaitingSeconds);
        var r1 = s001.Registers.Single(r => r.RegisterId == "S001-R1");
        Assert.Equal((7L, 1), (r1.HighestLocalNumber, r1.MissingCount));
        Assert.Equal([6L], r1.MissingLocalNumbers);
        Assert.Equal([5L], r1.BrokenChainAt);
        var s002 = sync.Stores.Single(x => x.StoreId == "S002");
        Assert.Equal(1, s002.Waiting);
        Assert.Equal(1L, s002.Registers.Single(r => r.RegisterId == "S002-R1").HighestLocalNumber);

        // The dashboard: overview, the store's page, an order's page.
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "hq-viewer", "viewer-demo-1234")).StatusCode);
        var overview = (await browser.GetFromJsonAsync<OverviewView>("/dashboard/api/overview"))!;
        var row = overview.Stores.Single(x => x.StoreId == "S001");
        Assert.Equal(4L, row.Waiting);
        AssertAge(s.T, overview.GeneratedAt, row.OldestWaitingSeconds);
        AssertAge(s.T.AddMinutes(1), overview.GeneratedAt, overview.Stores.Single(x => x.StoreId == "S002").OldestWaitingSeconds);

        var page = (await browser.GetFromJsonAsync<StoreOrdersView>("/dashboard/api/stores/S001/orders"))!;
        Assert.Equal(6, page.Total);
        Assert.Equal([7L, 5L, 4L, 3L, 2L, 1L], page.Orders.Select(o => o.LocalNumber)); // newest sale first
        Assert.Equal((OrderStatus.Received, 0, 0m), (page.Orders[2].Status, page.Orders[2].OverrideCount, page.Orders[2].OverrideAmount));
        Assert.Equal((1, -178m), (page.Orders[4].OverrideCount, page.Orders[4].OverrideAmount));
        var waitingPage = (await browser.GetFromJsonAsync<StoreOrdersView>("/dashboard/api/stores/S001/orders?status=Received"))!;
        Assert.Equal([7L, 5L, 4L, 3L], waitingPage.Orders.Select(o => o.LocalNumber));
        var withOverride = (await browser.GetFromJsonAsync<StoreOrdersView>("/dashboard/api/stores/S001/orders?hasOverride=true"))!;
        Assert.Equal([2L], withOverride.Orders.Select(o => o.LocalNumber));
        Assert.Equal(5, (await browser.GetFromJsonAsync<StoreOrdersView>("/dashboard/api/stores/S001/orders?hasOverride=false"))!.Total);

        // The pictures: arrivals count the waiting orders, and they stay in the backlog (3 final-or-legacy + 4 waiting, 2 finished).
        string Day(DateTimeOffset at, int plus) => DateOnly.FromDateTime(at.UtcDateTime).AddDays(plus).ToString("yyyy-MM-dd");
        var charts = (await browser.GetFromJsonAsync<ChartsView>($"/dashboard/api/charts?from={Day(s.T, -1)}&to={Day(DateTimeOffset.UtcNow, 1)}"))!;
        Assert.Equal((7, 2, 5), (charts.Uploads.Sum(), charts.Reconciliations.Sum(), charts.Backlog[^1]));
        var later = (await browser.GetFromJsonAsync<ChartsView>($"/dashboard/api/charts?from={Day(DateTimeOffset.UtcNow, 2)}&to={Day(DateTimeOffset.UtcNow, 2)}"))!;
        Assert.Equal(0, later.Uploads.Sum());
        Assert.All(later.Backlog, b => Assert.Equal(5, b)); // waiting at its start: the legacy row and the four ReceivedOrders

        var detail = (await browser.GetFromJsonAsync<OrderDetailView>($"/dashboard/api/orders/{s.S001[4]}"))!;
        Assert.Equal((OrderStatus.Received, 4L), (detail.Order.Status, detail.Order.LocalNumber));
        Assert.Equal(("cash", 1178m), (Assert.Single(detail.Payments!).Method, detail.Payments![0].Amount));
        Assert.Single(detail.Order.Returns!);

        // Backlog (the gauge's count): the three ReceivedOrders of S001, S002's and the legacy row.
        Assert.Equal(5L, await api.WithDbAsync(db => OrderHeaders.Waiting(db).LongCountAsync()));
        Assert.True(await api.WithDbAsync(db => OrderHeaders.ExistsAsync(db, s.S001[5], default)));

        // The agent's status poll reads only what it shows: the override count's subquery is pruned from the UNION ALL.
        var statusSql = await api.WithDbAsync(db => Task.FromResult(OrderHeaders.All(db).Where(o => o.Id == s.S001[4])
            .Select(o => new OrderStatusView(o.Id, true, o.Status, o.StatusReason, o.FinishedAt)).ToQueryString()));
        Assert.Contains("UNION ALL", statusSql);
        Assert.DoesNotContain("PriceOverrides", statusSql);
    }

    private static void AssertAge(DateTimeOffset receivedAt, DateTimeOffset at, double? seconds)
    {
        var expected = (at - receivedAt).TotalSeconds;
        Assert.NotNull(seconds);
        Assert.InRange(seconds!.Value, expected - 5, expected + 5);
    }
}
