using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Orders;
using PosCloud.IntegrationTests.Support;
using PosCloud.Reconciliation;

namespace PosCloud.IntegrationTests;

/// <summary>
/// Issue 15: the upload appends a claim and a received order per sale; the worker writes the final rows once and
/// removes the received row in the same transaction. Here no worker runs on its own: the test calls the workers'
/// service itself, several at once, on PostgreSQL (DELETE … RETURNING takes the orders) and on the embedded
/// SQLite default (EF's keyed delete fails the loser, which reloads what is left).
/// </summary>
public class OneWriteTests
{
    [SkippableFact]
    public async Task On_PostgreSQL_the_upload_appends_and_competing_workers_write_each_order_once()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync(); // workers not hosted in the Api: nothing reconciles by itself
        await using var api = new ApiFactory(settings);
        await UploadThenCompeteAsync(api);
    }

    [Fact]
    public async Task On_the_embedded_default_competing_workers_write_each_order_once()
    {
        await using var api = ApiFactory.Embedded(out _, new Dictionary<string, string?> { ["Workers:HostedInApi"] = "false" });
        await UploadThenCompeteAsync(api);
    }

    [SkippableFact]
    public async Task An_upgraded_database_still_reconciles_orders_stored_the_old_way()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient(); // migrates
        // An order as the upload stored it before ReceivedOrders: an Orders row in Received, with its lines (and its
        // claim, which the migration adds for every stored order).
        var batchId = Guid.NewGuid();
        var legacy = new Order
        {
            Id = Guid.NewGuid(), BatchId = batchId, StoreId = "S001", RegisterId = "S001-R1", LocalNumber = 77, SoldAt = DateTimeOffset.UtcNow.AddHours(-3),
            StaffId = "S001-E02", Total = 500m, ReceivedAt = DateTimeOffset.UtcNow.AddHours(-1),
        };
        legacy.Lines.Add(new OrderLine { OrderId = legacy.Id, LineNumber = 1, Sku = "TS-0400001", TypedName = "外套", Type = LineType.Regular, Quantity = 1, ChargedUnitPrice = 500m });
        legacy.MoveTo(OrderStatus.Received, null, legacy.ReceivedAt);
        await api.WithDbAsync(async db =>
        {
            db.Batches.Add(new Batch { Id = batchId, StoreId = "S001", RegisterId = "S001-R1", ReceivedAt = legacy.ReceivedAt, AcceptedCount = 1 });
            db.Orders.Add(legacy);
            db.OrderClaims.Add(new OrderClaim { OrderId = legacy.Id, StoreId = "S001", BatchId = batchId });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(1, await ReconcileAsync(api, batchId));
        var stored = await api.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Overrides).SingleAsync(o => o.Id == legacy.Id));
        Assert.Equal(OrderStatus.Reconciled, stored.Status);
        Assert.Single(stored.Overrides); // 500 typed against the catalog's 589: a 店長改價
        // Answered as stored: a resend of it is a duplicate with its final status.
        var again = await Scenario.UploadAsync(client, new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1",
            [Scenario.Order(77, legacy.SoldAt) with { OrderId = legacy.Id }]));
        Assert.Equal((UploadOutcome.Duplicate, OrderStatus.Reconciled), (again.Results[0].Outcome, again.Results[0].Status));
    }

    [SkippableFact]
    public async Task A_sale_still_waiting_for_its_worker_is_returnable_at_another_store()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync(); // no worker: the sale stays a received order
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();
        var soldAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
        var sale = Scenario.Order(601, soldAt, new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m))
            with { Invoice = new OfflineInvoice("AB10000601", soldAt, "1234") };
        await Outcomes.UploadAcceptedAsync(client, Scenario.Batch(sale));
        Assert.Equal(1, await api.WithDbAsync(db => db.ReceivedOrders.CountAsync(r => r.Id == sale.OrderId)));

        var period = PosCloud.Invoicing.Numbers.InvoicePeriod.Of(PosCloud.Invoicing.Numbers.TaiwanTime.Local(soldAt)).Code;
        var view = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/returnable-sales/{period}/AB10000601");
        Assert.Equal(sale.OrderId, view.GetProperty("orderId").GetGuid());
        Assert.Equal("TS-0400001", Assert.Single(view.GetProperty("lines").EnumerateArray()).GetProperty("sku").GetString());
    }

    [SkippableFact]
    public async Task On_PostgreSQL_a_chain_flag_set_after_the_worker_read_its_order_is_written()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        var (id, outcome) = await FlagBehindTheWorkersBackAsync(api);
        Assert.Null(outcome); // DELETE … RETURNING gave the newest flag
        Assert.True(await api.WithDbAsync(db => db.Orders.Where(o => o.Id == id).Select(o => o.ChainBroken).SingleAsync()));
    }

    [Fact]
    public async Task On_the_embedded_default_a_chain_flag_set_after_the_worker_read_its_order_fails_the_stale_write()
    {
        await using var api = ApiFactory.Embedded(out _, new Dictionary<string, string?> { ["Workers:HostedInApi"] = "false" });
        var (id, outcome) = await FlagBehindTheWorkersBackAsync(api);
        Assert.IsType<DbUpdateConcurrencyException>(outcome); // the service reloads and writes the flag (TakenByAnother)
        Assert.Equal(1, await ReconcileAsync(api, (await api.WithDbAsync(db => db.ReceivedOrders.SingleAsync(r => r.Id == id))).BatchId));
        Assert.True(await api.WithDbAsync(db => db.Orders.Where(o => o.Id == id).Select(o => o.ChainBroken).SingleAsync()));
    }

    /// <summary>
    /// A worker reads a waiting order, then an upload flags its chain (a neighbour arrived that does not link), then the
    /// worker writes what it read. Returns the order and what the stale write did (null: written; else its exception).
    /// </summary>
    private static async Task<(Guid Id, Exception? Outcome)> FlagBehindTheWorkersBackAsync(ApiFactory api)
    {
        using var client = api.CreateRegisterClient();
        // The successor first: its predecessor, arriving later with another hash, breaks its link (the flag is the successor's).
        var sale = Scenario.Order(502, DateTimeOffset.UtcNow.AddHours(-2)) with { PreviousHash = "h-501", Hash = "h-502" };
        await Outcomes.UploadAcceptedAsync(client, Scenario.Batch(sale));
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PosCloud.Core.Persistence.CloudDbContext>();
        var read = await db.ReceivedOrders.AsNoTracking().Where(r => r.Id == sale.OrderId).ToListAsync();
        Assert.False(read[0].ChainBroken);
        var predecessor = Scenario.Order(501, DateTimeOffset.UtcNow.AddHours(-2)) with { PreviousHash = "h-500", Hash = "h-OTHER" };
        await Outcomes.UploadAcceptedAsync(client, Scenario.Batch(predecessor));
        Assert.True(await api.WithDbAsync(d => d.ReceivedOrders.Where(r => r.Id == sale.OrderId).Select(r => r.ChainBroken).SingleAsync()));
        var order = read[0].ToOrder();
        order.MoveTo(OrderStatus.Reconciling, null, DateTimeOffset.UtcNow);
        order.MoveTo(OrderStatus.Reconciled, null, DateTimeOffset.UtcNow);
        try
        {
            await FinalOrderWriter.WriteAsync(db, read, [order], default);
            return (sale.OrderId, null);
        }
        catch (Exception ex)
        {
            return (sale.OrderId, ex);
        }
    }

    private static async Task UploadThenCompeteAsync(ApiFactory api)
    {
        using var client = api.CreateRegisterClient();
        var batch = Outcomes.Triples(20, 1, DateTimeOffset.UtcNow.AddDays(-1));
        await Outcomes.UploadAcceptedAsync(client, batch);
        var ids = batch.Orders.Select(o => o.OrderId).ToList();

        // The upload's one append: a claim and a received order per sale, no final rows, counted Received.
        await api.WithDbAsync(async db =>
        {
            Assert.Equal(ids.Count, await db.OrderClaims.CountAsync(c => c.BatchId == batch.BatchId));
            Assert.Equal(ids.Count, await db.ReceivedOrders.CountAsync(r => r.BatchId == batch.BatchId));
            Assert.Equal(0, await db.Orders.CountAsync(o => o.BatchId == batch.BatchId));
            Assert.Equal(0, await db.OrderLines.CountAsync(l => ids.Contains(l.OrderId)));
            Assert.Equal(ids.Count, await db.StoreStatusCounts.Where(c => c.StoreId == "S001" && c.Status == OrderStatus.Received).SumAsync(c => c.Count));
            return 0;
        });

        // Three workers take the same batch at once (a redelivery racing the first delivery): every order written once.
        var written = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ReconcileAsync(api, batch.BatchId)));
        Assert.Equal(ids.Count, written.Sum());

        await api.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.ReceivedOrders.CountAsync(r => r.BatchId == batch.BatchId));
            await Outcomes.AssertReconciledExactlyOnceAsync(db, ids);
            Assert.Equal(batch.Orders.Sum(o => o.Lines.Count), await db.OrderLines.CountAsync(l => ids.Contains(l.OrderId)));
            Assert.Equal(batch.Orders.Sum(o => o.Payments.Count), await db.Payments.CountAsync(p => ids.Contains(p.OrderId)));
            var counts = await db.StoreStatusCounts.Where(c => c.StoreId == "S001").ToDictionaryAsync(c => c.Status, c => c.Count);
            Assert.Equal(0L, counts.GetValueOrDefault(OrderStatus.Received));
            Assert.Equal(ids.Count, counts.GetValueOrDefault(OrderStatus.Reconciled) + counts.GetValueOrDefault(OrderStatus.NeedsReview));
            return 0;
        });

        // A resend after the final write is a duplicate with the final status, and changes nothing.
        var again = await Scenario.UploadAsync(client, batch);
        Assert.All(again.Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));
        Assert.All(again.Results, r => Assert.True(r.Status is OrderStatus.Reconciled or OrderStatus.NeedsReview, $"{r.OrderId}: {r.Status}"));
        Assert.Equal(0, await ReconcileAsync(api, batch.BatchId));
    }

    private static async Task<int> ReconcileAsync(ApiFactory api, Guid batchId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderReconciliationService>().ReconcileBatchAsync(batchId, default);
    }
}
