using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PosCloud.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosCloud.Contracts.Readiness;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Readiness;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Readiness;

/// <summary>A register clock that runs <see cref="Skew"/> off the real one (timers still run in real time).</summary>
public sealed class SkewedClock(TimeSpan skew) : TimeProvider
{
    public TimeSpan Skew { get; set; } = skew;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Skew;
}

public sealed class ClockRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offset_is_taken_at_the_middle_of_the_round_trip()
    {
        // Sent at 0 s, answered at 2 s (register clock); the cloud read 301 s at the middle (1 s): the cloud is 300 s ahead.
        Assert.Equal(TimeSpan.FromSeconds(300), ClockRules.Offset(T, T.AddSeconds(2), T.AddSeconds(301)));
        Assert.Equal(TimeSpan.FromSeconds(-300), ClockRules.Offset(T, T, T.AddSeconds(-300)));
    }

    [Fact]
    public void The_screen_warns_beyond_the_limit_either_way_and_not_within_or_before_a_measure()
    {
        var limit = TimeSpan.FromMinutes(2);
        var ahead = ClockRules.View(TimeSpan.FromMinutes(-5), T, limit);
        Assert.True(ahead.Warn);
        Assert.Contains("快了", ahead.MessageZh);
        Assert.Contains("ahead of", ahead.MessageEn);
        Assert.True(ClockRules.View(TimeSpan.FromSeconds(121), T, limit).Warn);
        Assert.Contains("慢了", ClockRules.View(TimeSpan.FromSeconds(121), T, limit).MessageZh);
        Assert.False(ClockRules.View(TimeSpan.FromSeconds(-119), T, limit).Warn);
        Assert.False(ClockRules.View(null, null, limit).Warn);
        Assert.Null(ClockRules.View(null, null, limit).OffsetSeconds);
    }

    [Fact]
    public void Bad_readiness_settings_stop_the_agent()
    {
        Assert.Contains(ReadinessOptions.Problems(new ReadinessOptions { MaxClockOffset = TimeSpan.Zero }), p => p.Contains("Readiness:MaxClockOffset"));
        Assert.Empty(ReadinessOptions.Problems(new ReadinessOptions()));
    }
}

/// <summary>The agent's escape hatch (export) and its heartbeat and clock check, against a fake and a real cloud.</summary>
public sealed class ReadinessAgentTests
{
    private const string Pin = "2468";

    [Fact]
    public async Task A_manager_exports_every_unsynced_sale_offline_to_a_file_signed_with_the_register_key()
    {
        await using var agent = await InProcessAgent.StartAsync(extra: $"--Agent:ManagerPin={Pin}");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await agent.SellAsync(InProcessAgent.Sale(500 + i))).Response.StatusCode);
        // An unsynced return too: it rides the export after every sale.
        var firstSale = (await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!.Select(o => o.GetProperty("orderId").GetGuid()).First();
        var returned = await agent.Client.PostAsJsonAsync("api/returns", new { orderId = firstSale, whole = true, reason = "顧客退貨", refundMethod = "cash", staffId = "S001-E02" });
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        var returnId = (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("return").GetProperty("returnId").GetGuid();

        var wrong = await agent.Client.PostAsJsonAsync("api/admin/export-unsynced", new { pin = "0000" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("manager.pin.wrong", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Client.PostAsJsonAsync("api/admin/export-unsynced", new { pin = "" })).StatusCode);

        var r = await agent.Client.PostAsJsonAsync("api/admin/export-unsynced", new { pin = Pin });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.StartsWith("poscloud-unsynced-S001-R1-", r.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var file = await r.Content.ReadAsByteArrayAsync();

        // The cloud's check, with only the hash of the register key ("k" for this agent).
        var check = SaleExportFile.Read(file, "S001-R1", SaleExportFile.KeyHash("k"));
        Assert.True(check.Trusted, check.Reason);
        var orders = (await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!;
        var exported = check.Payload!.Batches.SelectMany(b => b.Orders).ToList();
        Assert.Equal(orders.Select(o => o.GetProperty("orderId").GetGuid()).Order(), exported.Select(o => o.OrderId).Order());
        Assert.Equal([1L, 2L, 3L], exported.Select(o => o.LocalNumber));
        Assert.All(exported, o => Assert.NotNull(o.Invoice));
        Assert.Equal(3, check.Payload.OrderCount);
        var last = check.Payload.Batches[^1];
        Assert.Empty(last.Orders);
        Assert.Equal(returnId, Assert.Single(last.Returns!).ReturnId);
        Assert.Equal(firstSale, last.Returns![0].OrderId);
        Assert.All(check.Payload.Batches.SkipLast(1), b => Assert.Null(b.Returns));
        Assert.Equal("store-manager-pin", check.Payload.ExportedBy);
        // Nothing removed or marked: the sales still wait to upload.
        Assert.Equal(3 + 1, (await agent.StatusAsync()).GetProperty("unsynced").GetInt32()); // the sales and the return
        // Another register's key does not verify it.
        Assert.Equal("file.signature", SaleExportFile.Read(file, "S001-R1", SaleExportFile.KeyHash("another")).Code);
    }

    [Fact]
    public async Task Without_a_manager_pin_configured_nothing_is_exported()
    {
        await using var agent = await InProcessAgent.StartAsync();
        var r = await agent.Client.PostAsJsonAsync("api/admin/export-unsynced", new { pin = "1234" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Contains("manager.pin.notConfigured", await r.Content.ReadAsStringAsync());
    }

    /// <summary>A cloud that only answers probes and heartbeats, with its real clock; keeps what it was sent.</summary>
    private sealed class FakeCloud : IAsyncDisposable
    {
        public WebApplication App { get; }
        public string Url { get; }
        public List<RegisterHeartbeat> Heartbeats { get; } = [];

        public FakeCloud()
        {
            var port = Repo.FreePort();
            Url = $"http://127.0.0.1:{port}/";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(Url.TrimEnd('/'));
            App = builder.Build();
            App.MapGet("/health/live", () => "ok");
            App.MapPost("/api/v1/registers/{registerId}/heartbeat", (string registerId, RegisterHeartbeat h) =>
            {
                lock (Heartbeats) Heartbeats.Add(h);
                return Results.Json(new HeartbeatAnswer(DateTimeOffset.UtcNow, true, []));
            });
        }

        public async ValueTask DisposeAsync() { await App.StopAsync(); await App.DisposeAsync(); }
    }

    [SkippableFact]
    public async Task The_heartbeat_reports_readiness_and_the_screen_warns_of_a_wrong_clock_until_it_is_fixed()
    {
        await using var cloud = new FakeCloud();
        await cloud.App.StartAsync();
        var clock = new SkewedClock(TimeSpan.FromMinutes(5)); // the register runs 5 minutes ahead
        var data = Repo.TempDir("poscloud-agent-clock");
        var url = $"http://127.0.0.1:{Repo.FreePort()}";
        var app = AgentApp.Build([
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", "--Agent:RegisterKey=k",
            $"--Agent:DataPath={data}", $"--urls={url}", $"--Invoicing:SellerId={InProcessAgent.SellerId}", "--Invoicing:SellerName=測試零售股份有限公司",
            $"--Invoicing:QrAesKey={InProcessAgent.QrKeyHex}", "--Readiness:HeartbeatInterval=00:00:01", "--Logging:LogLevel:Default=Warning",
        ], b => b.Services.AddSingleton<TimeProvider>(clock))!;
        await AgentApp.PrepareAsync(app);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        try
        {
            var status = await WaitForAsync(http, s => s.GetProperty("clock").GetProperty("warn").GetBoolean());
            Assert.InRange(status.GetProperty("clock").GetProperty("offsetSeconds").GetDouble(), -305, -295);
            Assert.Contains("快了", status.GetProperty("clock").GetProperty("messageZh").GetString());

            // The screen shows it (Chromium), and takes it away once the clock is set right.
            Chromium.RequireOrSkip();
            using var pw = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(pw);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(url + "/");
            await Assertions.Expect(page.Locator("#clock-warning")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("#clock-warning")).ToContainTextAsync("快了");
            // The export is a manager's action in 門市管理, not a button on the checkout.
            await Assertions.Expect(page.Locator("#export-tools #export-unsynced")).ToBeAttachedAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDir(), "agent-clock-warning.png"), FullPage = true });

            // What the cloud was told: numbers, printer, queue, version, and (once measured) the offset.
            RegisterHeartbeat last;
            lock (cloud.Heartbeats) last = cloud.Heartbeats[^1];
            Assert.Equal(InvoicePeriodOf(clock), last.InvoicePeriod);
            Assert.Equal("none", last.PrinterState);
            Assert.Equal(0, last.QueueSize);
            Assert.False(string.IsNullOrWhiteSpace(last.AgentVersion));
            Assert.InRange(last.ClockOffsetSeconds!.Value, -305, -295);
            Assert.InRange((last.SentAt - DateTimeOffset.UtcNow).TotalMinutes, 4, 6); // it carries the register's own (wrong) time

            clock.Skew = TimeSpan.Zero;
            status = await WaitForAsync(http, s => !s.GetProperty("clock").GetProperty("warn").GetBoolean());
            Assert.InRange(status.GetProperty("clock").GetProperty("offsetSeconds").GetDouble(), -5, 5);
            await Assertions.Expect(page.Locator("#clock-warning")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static string InvoicePeriodOf(TimeProvider clock) =>
        PosCloud.Invoicing.Numbers.InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(clock.GetUtcNow()))).Code;

    private static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var s = await http.GetFromJsonAsync<JsonElement>("api/status");
            if (done(s)) return s;
            if (DateTime.UtcNow > until) throw new TimeoutException("Status never got there: " + s);
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The escape hatch end to end with the real cloud: the register is cut off, a manager exports, HQ imports
    /// the file (same exactly-once path as an upload), and when the register's link returns its own upload of
    /// the same sales is answered duplicate — each sale is in the cloud once.
    /// </summary>
    [Fact]
    public async Task Exported_sales_imported_by_hq_are_duplicates_when_the_register_uploads_them_later()
    {
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent-export");
        var url = $"http://127.0.0.1:{Repo.FreePort()}";
        var app = AgentApp.Build([
            $"--Cloud:BaseUrl={cloud.Proxy.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1",
            $"--Agent:RegisterKey={CloudProcess.RegisterKey}", $"--Agent:DataPath={data}", $"--urls={url}", $"--Agent:ManagerPin={Pin}", "--Agent:OfflineSaleCap=0",
            $"--Invoicing:SellerId={InProcessAgent.SellerId}", "--Invoicing:SellerName=測試零售股份有限公司", $"--Invoicing:QrAesKey={InProcessAgent.QrKeyHex}",
            "--Logging:LogLevel:Default=Warning",
        ])!;
        await AgentApp.PrepareAsync(app);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        try
        {
            // Online long enough to fetch the snapshot (with this register's invoice block); then the link dies.
            await WaitForAsync(http, s => s.GetProperty("invoice").GetProperty("hasBlock").GetBoolean());
            await http.ActAsPageAsync(); // the agent takes state changes only from its own page (Origin + token)
            cloud.Proxy.Cut();
            await WaitForAsync(http, s => s.GetProperty("connectivity").GetString() == "offline");
            var sold = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                var r = await http.PostAsJsonAsync("api/checkout/complete", InProcessAgent.Sale(589));
                var body = await r.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(r.IsSuccessStatusCode, body.ToString());
                sold.Add(body.GetProperty("sale").GetProperty("orderId").GetGuid());
            }

            var export = await http.PostAsJsonAsync("api/admin/export-unsynced", new { pin = Pin });
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            var file = await export.Content.ReadAsByteArrayAsync();

            // HQ imports the file (the cloud itself is up; only the register's link is cut).
            using var hq = new HttpClient { BaseAddress = cloud.Client.BaseAddress };
            hq.DefaultRequestHeaders.Add("X-Api-Key", CloudProcess.HqKey);
            var imported = await hq.PostAsync("api/v1/registers/S001-R1/imports", new ByteArrayContent(file));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            var result = (await imported.Content.ReadFromJsonAsync<SaleImportResult>(CloudProcess.Json))!;
            Assert.Equal((3, 3, 0, 0), (result.Orders, result.Accepted, result.Duplicate, result.Rejected));
            foreach (var id in sold)
            {
                var until = DateTime.UtcNow.AddSeconds(30);
                while ((await cloud.GetOrderAsync(id))?.Status.IsFinal() != true && DateTime.UtcNow < until) await Task.Delay(200);
                Assert.Equal(PosCloud.Contracts.OrderStatus.Reconciled, (await cloud.GetOrderAsync(id))!.Status);
            }

            // The link returns: the register uploads the same sales itself, and the cloud answers duplicate.
            cloud.Proxy.Restore();
            await WaitForAsync(http, s => s.GetProperty("unsynced").GetInt32() == 0 && s.GetProperty("awaitingCloud").GetInt32() == 0);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
            var batchIds = await db.Orders.Where(o => sold.Contains(o.Id)).Select(o => o.BatchId).Distinct().ToListAsync();
            Assert.All(await db.Orders.Where(o => sold.Contains(o.Id)).ToListAsync(), o => Assert.Equal(AgentOrderState.Reconciled, o.State));
            var duplicates = 0;
            foreach (var b in batchIds)
            {
                var view = await cloud.Client.GetFromJsonAsync<JsonElement>($"api/v1/batches/{b}");
                duplicates += view.GetProperty("duplicateCount").GetInt32();
                Assert.Equal(0, view.GetProperty("acceptedCount").GetInt32());
            }
            Assert.Equal(3, duplicates);
            var records = await cloud.StoreOrdersAsync();
            Assert.Equal(3, records.Count(r => sold.Contains(r.OrderId)));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }
}
