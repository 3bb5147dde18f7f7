using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Catalog;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;
using PosCloud.Reconciliation;
using PosCloud.SqlServer.Tests.Offline;
using Xunit.Abstractions;

namespace PosCloud.SqlServer.Tests;

/// <summary>
/// Every T-SQL text the product sends on SQL Server, captured from the real Api and services running on the SQL Server
/// EF provider with no server (see <see cref="SqlCapture"/>), parsed by Microsoft's TSql160Parser: zero parse errors per
/// code path. Nothing here lists statements by hand: a query or column another change adds is captured when its code
/// path runs. The scenarios are those of the PostgreSQL integration tests (upload, resend, reconcile, re-run, give up,
/// status, sync-status, dashboard, e-invoices, master data); the GET sweep reaches every GET endpoint the Api maps.
/// </summary>
public sealed class CapturedStatementsTests(OfflineApiFixture fixture, ITestOutputHelper output) : IClassFixture<OfflineApiFixture>
{
    private OfflineApi Api => fixture.Api;
    private FakeWorld World => fixture.Api.World;
    private static string Period => PosCloud.Invoicing.Numbers.InvoicePeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Code;

    [Fact]
    public void Start_up_migrations_seeding_and_hosted_services()
    {
        var report = Check(SqlCapture.Background);
        AssertSent(report, @"CREATE TABLE \[Orders\]", "EF's migrations ran at start-up");
        AssertSent(report, @"INSERT INTO \[Stores\]", "the demo data was seeded");
    }

    [Fact]
    public async Task Ingestion_of_a_new_batch()
    {
        World.Clear();
        World.MasterData();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-1);
        var batch = Scenario.ThreeOrders(soldAt, 41);
        batch = batch with
        {
            Orders =
            [
                batch.Orders[0] with { Invoice = new OfflineInvoice($"AB{10000001}", soldAt, "0001"), Hash = "h41", PreviousHash = "h40", VoidedInvoiceNumbers = ["AB10000000"] },
                batch.Orders[1] with { Hash = "h42", PreviousHash = "h41" },
                batch.Orders[2] with { Hash = "h43", PreviousHash = "WRONG" },
            ],
        };
        var report = await RunAsync("ingestion: new batch", async () =>
        {
            using var register = Api.Client(OfflineApi.RegisterKey);
            var answer = await Scenario.UploadAsync(register, batch);
            Assert.All(answer.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        });
        AssertSent(report, @"INSERT INTO \[OrderClaims\]|MERGE \[OrderClaims\]", "the order ids' exactly-once claims");
        AssertSent(report, @"INSERT INTO \[ReceivedOrders\]|MERGE \[ReceivedOrders\]", "the orders as uploaded, waiting for their worker");
        AssertSent(report, @"INSERT INTO \[OutboxMessages\]", "");
        AssertSent(report, @"INSERT INTO \[IssuedInvoices\]", "");
        AssertSent(report, @"MERGE \[StoreStatusCounts\] WITH \(HOLDLOCK\)", "the status-count upsert (SQL Server's MERGE) was sent");
    }

    [Fact]
    public async Task Ingestion_of_a_resent_batch()
    {
        World.Clear();
        World.MasterData().StoredOrder();
        var report = await RunAsync("ingestion: resent batch", async () =>
        {
            using var register = Api.Client(OfflineApi.RegisterKey);
            var resent = new UploadBatchRequest(Stored.BatchId, "S001", "S001-R1",
                [Scenario.Order(41, DateTimeOffset.UtcNow.AddHours(-2)) with { OrderId = Stored.OrderId }]);
            var answer = await Scenario.UploadAsync(register, resent);
            Assert.Equal(UploadOutcome.Duplicate, Assert.Single(answer.Results).Outcome);
        });
        AssertSent(report, @"UPDATE \[b\]\s+SET\s+\[b\]\.\[AcceptedCount\]\s*=\s*\[b\]\.\[AcceptedCount\]\s*\+", "the stored batch row counts the duplicate (an increment in SQL, never lost under concurrency)");
    }

    [Fact]
    public async Task Reconciliation_rerun_and_giving_up()
    {
        World.Clear();
        World.MasterData().StoredOrder();
        var report = await RunAsync("reconciliation (EF path)", async () =>
        {
            // A waiting order's first reconciliation writes its final rows and deletes its received row; so does giving up.
            Assert.Equal(1, await Api.WithServiceAsync<int, OrderReconciliationService>(s => s.ReconcileBatchAsync(Stored.BatchId, default)));
            Assert.Equal(1, await Api.WithServiceAsync<int, OrderReconciliationService>(s => s.MarkReceivedFailedAsync(r => r.BatchId == Stored.BatchId, "the bus gave up", default)));
            // A re-run of an order that already has an override (kept, changed or removed by the new decision).
            World.Clear();
            World.MasterData().StoredOrder(OrderStatus.NeedsReview);
            Assert.Equal(1, await Api.WithServiceAsync<int, OrderReconciliationService>(s => s.RerunAsync([Stored.OrderId], default)));
            Assert.Equal(1, await Api.WithServiceAsync<int, OrderReconciliationService>(s => s.MarkFailedAsync(o => o.BatchId == Stored.BatchId, "the bus gave up", default)));
            await Api.WithServiceAsync<bool, CloudDbContext>(async db =>
            {
                await StoreStatusCounts.RebuildAsync(db);
                return await StoreStatusCounts.NeedsRebuildAsync(db);
            });
        });
        AssertSent(report, @"INSERT INTO \[Orders\]|MERGE \[Orders\]", "the waiting order's final row was written");
        AssertSent(report, @"DELETE FROM \[ReceivedOrders\]", "its received row went in the same save");
        AssertSent(report, @"UPDATE \[Orders\] SET", "the re-run order's status was saved");
        AssertSent(report, @"INSERT INTO \[OrderStatusChanges\]|MERGE \[OrderStatusChanges\]", "its history grew");
        AssertSent(report, @"INSERT INTO \[PriceOverrides\]|MERGE \[PriceOverrides\]", "the price override was saved");
        AssertSent(report, @"MERGE \[StoreStatusCounts\]", "");
        AssertSent(report, @"DELETE FROM \[StoreStatusCounts\]|DELETE FROM \[s\]", "the counts were rebuilt");
    }

    [Fact]
    public async Task Status_queries()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.Reconciled);
        await RunAsync("status queries", async () =>
        {
            using var register = Api.Client(OfflineApi.RegisterKey);
            await OkAsync(register.GetAsync($"/api/v1/orders/{Stored.OrderId}"));
            await OkAsync(register.GetAsync($"/api/v1/orders/status?ids={Stored.OrderId},{Guid.NewGuid()}"));
            await OkAsync(register.GetAsync($"/api/v1/batches/{Stored.BatchId}"));
            await OkAsync(register.GetAsync("/api/v1/stores/S001/uploads"));
            await OkAsync(register.GetAsync("/api/v1/stores/S001/snapshot"));
        });
    }

    [Fact]
    public async Task Sync_status()
    {
        World.Clear();
        World.MasterData().StoredOrder();
        await RunAsync("sync-status", async () =>
        {
            using var hq = Api.Client(OfflineApi.HqKey);
            using var register = Api.Client(OfflineApi.RegisterKey);
            await OkAsync(hq.GetAsync("/api/v1/sync-status"));
            await OkAsync(register.GetAsync("/api/v1/sync-status"));
        });
    }

    [Fact]
    public async Task Dashboard_reads_actions_and_users()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.NeedsReview);
        var report = await RunAsync("dashboard", async () =>
        {
            using var browser = await SignedInAsync();
            foreach (var url in new[]
            {
                "/dashboard/api/overview", "/dashboard/api/charts", "/dashboard/api/stores/S001/orders", $"/dashboard/api/orders/{Stored.OrderId}",
                "/dashboard/api/audit", $"/dashboard/api/audit?storeId=S001&orderId={Stored.OrderId}", "/dashboard/api/products?q=TS",
                "/dashboard/api/export/overrides.csv", "/dashboard/api/export/needs-review.csv", "/dashboard/api/export/returns.csv",
            })
                await OkAsync(browser.GetAsync(url));
            await OkAsync(browser.PostAsync($"/dashboard/api/orders/{Stored.OrderId}/rerun", null));
            await OkAsync(browser.PostAsync("/dashboard/api/stores/S001/rerun", null));
            await OkAsync(browser.PostAsJsonAsync("/dashboard/api/sku-mappings", new { alias = "TS0400009", sku = "TS-0400001", orderId = Stored.OrderId }));

            using var hq = Api.Client(OfflineApi.HqKey);
            await OkAsync(hq.GetAsync("/api/v1/dashboard-users"));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/dashboard-users", new CreateDashboardUserRequest("hq-viewer2", "檢視者", DashboardRoles.Viewer, "viewer-password-123")));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/dashboard-users/hq-operator", new UpdateDashboardUserRequest(DisplayName: "作業員")));
        });
        AssertSent(report, @"INSERT INTO \[AuditEntries\]", "operator actions are audited");
    }

    [Fact]
    public async Task E_invoices()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.Reconciled);
        // E0402 (blank numbers) exists only for a period that has closed: the one before the current one.
        var closed = PosCloud.Invoicing.Numbers.InvoicePeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).AddMonths(-2))).Code;
        World.Add(new PosCloud.Core.Invoices.InvoiceNumberRange { Id = 2, Period = closed, Track = "AB", From = 30000000, To = 30000099, RegisteredAt = Stored.Now.AddDays(-70) },
            new PosCloud.Core.Stores.InvoiceBlock { Id = 2, Period = closed, Track = "AB", From = 30000000, To = 30000049, RegisterId = "S001-R1" });
        await RunAsync("e-invoices", async () =>
        {
            using var hq = Api.Client(OfflineApi.HqKey);
            await OkAsync(hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "CD", "20000000", "20000999")));
            await OkAsync(hq.GetAsync("/api/v1/invoice-ranges"));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(Period, "AB", "10000050", "10000099")));
            await OkAsync(hq.GetAsync("/api/v1/registers/S001-R1/invoice-blocks"));
            await OkAsync(hq.GetAsync("/api/v1/registers/S001-R1/invoices"));
            await OkAsync(hq.GetAsync("/api/v1/invoices/deadlines"));
            // The UPDATE is sent; the fake world does not apply writes, so the read after it finds the invoice not uploaded (409).
            await OkAsync(hq.PostAsync($"/api/v1/invoices/{Stored.InvoiceNumber}/platform-upload", null), HttpStatusCode.Conflict);
            await OkAsync(hq.GetAsync($"/api/v1/invoices/{Stored.InvoiceNumber}/f0401"));
            await OkAsync(hq.GetAsync($"/api/v1/invoice-periods/{closed}/e0402"));
        });
    }

    [Fact]
    public async Task Master_data_keys_catalog_and_review()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.NeedsReview);
        await RunAsync("admin: master data, keys, catalog, review", async () =>
        {
            using var hq = Api.Client(OfflineApi.HqKey);
            await OkAsync(hq.PutAsJsonAsync("/api/v1/stores/S002", new StoreUpsert("板橋店", "S002-E01")));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/stores/S001", new StoreUpsert("信義旗艦店", "S001-E01")));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/stores/S001/staff/S001-E09", new StaffUpsert("新店員", "clerk")));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/customers/C0002", new CustomerUpsert("張先生", "0912345678", "silver")));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S001")));
            await OkAsync(hq.PostAsync("/api/v1/registers/S001-R1/keys", null));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/api-clients", new CreateApiClientRequest("ERP", "integrator")));
            await OkAsync(hq.GetAsync("/api/v1/products/TS-0400001"));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/products/TS-0400001", new ProductUpsert("TS-0400001", "職人 輕量防潑水外套 酒紅 M", 599m, Barcode: "4712265906404")));
            await OkAsync(hq.PutAsJsonAsync("/api/v1/products/NEW-0001", new ProductUpsert("NEW-0001", "新商品", 100m)));
            await OkAsync(hq.PostAsync("/api/v1/products/import", new StringContent(
                "sku,barcode,name,category,list_price,add_on_price,gift_eligible,active\nTS-0400001,4712265906404,外套,外套,609,,false,true\nNEW-0002,,新品,雜貨,50,45,true,true\n",
                System.Text.Encoding.UTF8, "text/csv")));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/sku-aliases", new MapSkuRequest("TS0400002", "TS-0400001")));
            await OkAsync(hq.PostAsJsonAsync("/api/v1/orders/reruns", new RerunRequest([Stored.OrderId])));
            await OkAsync(hq.PostAsync("/api/v1/stores/S001/reruns", null));
        });
    }

    /// <summary>
    /// Every GET endpoint the Api maps (found in its endpoint table, so one added later is swept too), with its route
    /// values filled from the stored scenario, asked with the HQ key, the register key and the dashboard sign-in.
    /// </summary>
    [Fact]
    public async Task Every_GET_endpoint_swept()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.NeedsReview);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["storeId"] = "S001", ["registerId"] = "S001-R1", ["orderId"] = Stored.OrderId.ToString(), ["batchId"] = Stored.BatchId.ToString(),
            ["sku"] = "TS-0400001", ["number"] = Stored.InvoiceNumber, ["period"] = Stored.Period, ["name"] = "app.js", ["userName"] = "hq-operator",
            ["id"] = "1", // a platform message (Turnkey delivery)
            ["returnId"] = Guid.NewGuid().ToString(),
            ["invoiceNumber"] = Stored.InvoiceNumber, // a returnable sale (returns of other stores' sales)
        };
        var gets = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern)
            .Where(p => p.RawText is { } raw && (raw.StartsWith("/api/v1", StringComparison.Ordinal) || raw.StartsWith("/dashboard", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(gets);
        var answered = new List<string>();
        await RunAsync("GET sweep (every GET endpoint)", async () =>
        {
            using var hq = Api.Client(OfflineApi.HqKey);
            using var register = Api.Client(OfflineApi.RegisterKey);
            using var browser = await SignedInAsync();
            foreach (var pattern in gets)
            {
                var missing = pattern.Parameters.Where(p => !values.ContainsKey(p.Name)).Select(p => p.Name).ToList();
                Assert.True(missing.Count == 0, $"GET {pattern.RawText}: give the sweep a value for {string.Join(", ", missing)}");
                var url = pattern.Parameters.Aggregate(pattern.RawText!, (u, p) => System.Text.RegularExpressions.Regex.Replace(u, "\\{" + p.Name + "[^}]*\\}", Uri.EscapeDataString(values[p.Name])));
                var statuses = new List<int>();
                foreach (var client in pattern.RawText!.StartsWith("/dashboard", StringComparison.Ordinal) ? [browser] : new[] { hq, register })
                {
                    using var response = await client.GetAsync(url);
                    Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    statuses.Add((int)response.StatusCode);
                }
                answered.Add($"GET {url} → {string.Join("/", statuses)}");
            }
        });
        output.WriteLine(string.Join("\n", answered));
    }

    /// <summary>
    /// Every endpoint that writes (POST/PUT/DELETE, found in the endpoint table, so one added later is reached too) asked
    /// with an empty JSON body: whatever it sends before refusing the body is captured and parsed, and bad input must not
    /// become a 5xx. The scenarios above drive each of them with a real body; this catches the ones added after them.
    /// </summary>
    [Fact]
    public async Task Every_write_endpoint_swept_with_an_empty_body()
    {
        World.Clear();
        World.MasterData().StoredOrder(OrderStatus.NeedsReview);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["storeId"] = "S001", ["registerId"] = "S001-R1", ["orderId"] = Stored.OrderId.ToString(), ["batchId"] = Stored.BatchId.ToString(),
            ["sku"] = "TS-0400001", ["number"] = Stored.InvoiceNumber, ["period"] = Stored.Period, ["userName"] = "hq-operator",
            ["staffId"] = "S001-E02", ["customerId"] = "C0001",
            ["id"] = "1", // a platform message (Turnkey delivery)
        };
        var writes = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "GET" && m != "HEAD").Select(m => (Method: m, e.RoutePattern)))
            .Where(w => w.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/v1", StringComparison.Ordinal) || raw.StartsWith("/dashboard/api", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(writes);
        var answered = new List<string>();
        await RunAsync("write sweep (every POST/PUT/DELETE, empty body)", async () =>
        {
            using var hq = Api.Client(OfflineApi.HqKey);
            using var browser = await SignedInAsync();
            foreach (var (method, pattern) in writes)
            {
                var missing = pattern.Parameters.Where(p => !values.ContainsKey(p.Name)).Select(p => p.Name).ToList();
                Assert.True(missing.Count == 0, $"{method} {pattern.RawText}: give the sweep a value for {string.Join(", ", missing)}");
                var url = pattern.Parameters.Aggregate(pattern.RawText!, (u, p) => System.Text.RegularExpressions.Regex.Replace(u, "\\{" + p.Name + "[^}]*\\}", Uri.EscapeDataString(values[p.Name])));
                var client = url.StartsWith("/dashboard", StringComparison.Ordinal) ? browser : hq;
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{method} {url} with an empty body answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                answered.Add($"{method} {url} → {(int)response.StatusCode}");
            }
        });
        output.WriteLine(string.Join("\n", answered));
    }

    /// <summary>The check can fail: a broken statement sent through the same capture is reported with its text.</summary>
    [Fact]
    public async Task A_broken_statement_is_reported_with_its_text()
    {
        const string broken = "MERGE [StoreStatusCounts] WITH (HOLDLOCK) AS t USING (VALUES (@p0, @p1)) AS s ([StoreId], [Status]) ON WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] +;";
        const string path = "deliberately broken";
        using (SqlCapture.Path(path))
            await Api.WithServiceAsync<int, CloudDbContext>(db => db.Database.ExecuteSqlRawAsync(broken, "S001", "Received"));
        var report = CaptureReport.Of(path, Api.Capture.Of(path));
        var failure = Assert.Single(report.Failures);
        Assert.Equal(broken, failure.Text);
        Assert.Contains(broken, report.Describe());
        Assert.NotEmpty(failure.Errors);
        output.WriteLine(report.Describe());
    }

    private static void AssertSent(CaptureReport report, string pattern, string why) =>
        Assert.True(report.Sent(pattern), $"{report.Path} sent nothing matching {pattern} ({why}); it sent:\n" +
            string.Join("\n", report.Statements.Select(s => "  " + s.Text.ReplaceLineEndings(" ")[..Math.Min(160, s.Text.ReplaceLineEndings(" ").Length)])));

    private CaptureReport Check(string path)
    {
        var report = CaptureReport.Of(path, Api.Capture.Of(path));
        output.WriteLine(report.Summary);
        Assert.NotEmpty(report.Statements);
        Assert.True(report.Failures.Count == 0, $"T-SQL that SQL Server 2022 would not parse, sent by {path}:\n{report.Describe()}");
        return report;
    }

    private async Task<CaptureReport> RunAsync(string path, Func<Task> drive)
    {
        using (SqlCapture.Path(path)) await drive();
        return Check(path);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = Api.Client();
        using var login = await DashboardSignIn.PostAsync(browser, "hq-operator", OfflineApi.OperatorPassword);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"dashboard sign-in answered {(int)login.StatusCode}");
        var me = await browser.GetFromJsonAsync<JsonElement>("/dashboard/api/me");
        browser.DefaultRequestHeaders.Add(DashboardAuth.CsrfHeader, me.GetProperty("csrf").GetString());
        return browser;
    }

    /// <summary>A success (or one of the answers named), so the code path ran past authentication and validation.</summary>
    private static async Task OkAsync(Task<HttpResponseMessage> request, params HttpStatusCode[] alsoAccepted)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || alsoAccepted.Contains(response.StatusCode), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
    }
}
