using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.Dashboard.Tests.Support;
using PosCloud.IntegrationTests.Support;
using PosCloud.Invoicing.Numbers;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.Dashboard.Tests;

/// <summary>
/// One Api with a wide next-period lead time (60 days), so "no block for the next period" can be raised with
/// today's real date; every other rule keeps its default.
/// </summary>
public sealed class ReadinessFixture : IAsyncLifetime
{
    public DashboardApp App { get; } = new(new Dictionary<string, string?> { ["Readiness:NextPeriodBlockLeadTime"] = "60.00:00:00" });
    public Uri BaseAddress { get; private set; } = null!;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        try { (Playwright, Browser) = await Chromium.StartAsync(); }
        catch (SkipException ex) { Unavailable = ex.Message; return; }
        BaseAddress = App.Start();
    }

    public async Task<IPage> OperatorPageAsync()
    {
        if (Unavailable is not null) throw new SkipException(Unavailable);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "zh-TW", TimezoneId = "Asia/Taipei", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#userName", "hq-operator");
        await page.FillAsync("#password", DashboardApp.OperatorPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#who")).ToContainTextAsync("操作員");
        await page.ClickAsync("a[href='#/readiness']");
        await Expect(page.Locator("#readiness")).ToBeVisibleAsync();
        return page;
    }

    public async Task<T> DbAsync<T>(Func<CloudDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CloudDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>A register clock that runs <see cref="Skew"/> off the real one: the "fake clock" of the clock rule.</summary>
public sealed class SkewedClock(TimeSpan skew) : TimeProvider
{
    public TimeSpan Skew { get; set; } = skew;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Skew;
}

public sealed class ReadinessBrowserTests(ReadinessFixture fx) : IClassFixture<ReadinessFixture>
{
    static ReadinessBrowserTests() => SetDefaultExpectTimeout(20_000);

    private static string CurrentPeriod => InvoicePeriod.Of(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime)).Code;

    /// <summary>A register that would survive an outage, as its agent reports it; clock from <paramref name="clock"/>.</summary>
    private static RegisterHeartbeat Healthy(TimeProvider clock) =>
        new(clock.GetUtcNow(), "snap-1", 60, CurrentPeriod, 800, 500, "ok", 0, null, "1.0.0-test");

    private async Task BeatAsync(RegisterHeartbeat heartbeat)
    {
        using var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey);
        var r = await register.PostAsJsonAsync("/api/v1/registers/S001-R1/heartbeat", heartbeat);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
    }

    private static ILocator Row(IPage page, string registerId) => page.Locator($"#readiness tr[data-register='{registerId}']");
    private static ILocator Reason(IPage page, NotReadyReason reason) => Row(page, "S001-R1").Locator($"li[data-reason='{reason}']");

    [SkippableFact]
    public async Task Each_rule_is_raised_and_cleared_on_the_dashboard_with_since_when_and_the_filter()
    {
        var page = await fx.OperatorPageAsync();
        var clock = new SkewedClock(TimeSpan.Zero);
        await BeatAsync(Healthy(clock));
        await Expect(Row(page, "S001-R1").Locator("td[data-col='state']")).ToContainTextAsync("就緒");
        await Expect(Row(page, "S001-R1").Locator("li")).ToHaveCountAsync(0);
        // Registers never heard from are their own state.
        await Expect(Row(page, "S002-R1").Locator("li[data-reason='NoHeartbeat']")).ToContainTextAsync("從未收到");

        var cases = new (NotReadyReason Reason, Func<RegisterHeartbeat, RegisterHeartbeat> Break, string Zh)[]
        {
            (NotReadyReason.SnapshotStale, h => h with { SnapshotAgeSeconds = 25 * 3600 }, "離線資料超過 24 小時"),
            (NotReadyReason.NoNextPeriodBlock, h => h with { NextPeriodInvoiceNumbers = 0 }, "尚未配發下一期"),
            (NotReadyReason.PrinterError, h => h with { PrinterState = "error", PrinterMessage = "紙張用完 (paper out)" }, "紙張用完"),
            (NotReadyReason.InvoiceNumbersLow, h => h with { InvoiceNumbersLeft = 12 }, "本期發票號碼剩 12 個"),
        };
        foreach (var (reason, broken, zh) in cases)
        {
            await BeatAsync(broken(Healthy(clock)));
            await Expect(Reason(page, reason)).ToContainTextAsync(zh);
            await Expect(Row(page, "S001-R1").Locator("td[data-col='state']")).ToContainTextAsync("未就緒");
            await Expect(Row(page, "S001-R1").Locator("td[data-col='since']")).Not.ToBeEmptyAsync();
            await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-" + "readiness-" + reason + ".png"), FullPage = true });
            await BeatAsync(Healthy(clock));
            await Expect(Reason(page, reason)).ToHaveCountAsync(0);
            await Expect(Row(page, "S001-R1").Locator("td[data-col='state']")).Not.ToContainTextAsync("未就緒");
        }

        // Clock skew: the register's clock runs 5 minutes ahead; before it has measured itself, the cloud judges its sentAt.
        clock.Skew = TimeSpan.FromMinutes(5);
        await BeatAsync(Healthy(clock));
        await Expect(Reason(page, NotReadyReason.ClockSkew)).ToContainTextAsync("快了");
        var api = await ReadinessAsync();
        var r1 = api.Items.Single(i => i.RegisterId == "S001-R1");
        Assert.InRange(r1.ClockOffsetSeconds!.Value, -310, -290);
        Assert.Equal([NotReadyReason.ClockSkew], r1.Issues.Select(i => i.Reason));
        // Since when: the first heartbeat that showed it, kept by the next one.
        var since = r1.NotReadySince;
        await BeatAsync(Healthy(clock));
        Assert.Equal(since, (await ReadinessAsync()).Items.Single(i => i.RegisterId == "S001-R1").NotReadySince);
        // English names the reason too.
        await page.ClickAsync("#lang");
        await Expect(Reason(page, NotReadyReason.ClockSkew)).ToContainTextAsync("ahead of the cloud");
        await page.ClickAsync("#lang");
        clock.Skew = TimeSpan.Zero;
        await BeatAsync(Healthy(clock) with { ClockOffsetSeconds = 0.4 });
        await Expect(Reason(page, NotReadyReason.ClockSkew)).ToHaveCountAsync(0);

        // The filter: a ready register leaves the list, the unready stay.
        await page.CheckAsync("#rd-notready");
        await Expect(Row(page, "S001-R1")).ToHaveCountAsync(0);
        await Expect(Row(page, "S002-R1")).ToHaveCountAsync(1);
        await page.UncheckAsync("#rd-notready");
        await Expect(Row(page, "S001-R1")).ToHaveCountAsync(1);
    }

    private async Task<ReadinessReport> ReadinessAsync()
    {
        using var hq = fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey);
        return (await hq.GetFromJsonAsync<ReadinessReport>("/api/v1/readiness"))!;
    }

    [SkippableFact]
    public async Task Readiness_api_is_for_hq_and_integrators_and_a_register_reports_only_itself()
    {
        if (fx.Unavailable is not null) throw new SkipException(fx.Unavailable);
        using var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await register.GetAsync("/api/v1/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await register.PostAsJsonAsync("/api/v1/registers/S001-R2/heartbeat", Healthy(TimeProvider.System))).StatusCode);
        var bad = await register.PostAsJsonAsync("/api/v1/registers/S001-R1/heartbeat", Healthy(TimeProvider.System) with { PrinterState = "smoking" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("printerState", await bad.Content.ReadAsStringAsync());
        var report = await ReadinessAsync();
        Assert.Equal(report.Items.Count, report.Registers);
        var notReady = await (fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey)).GetFromJsonAsync<ReadinessReport>("/api/v1/readiness?notReadyOnly=true");
        Assert.All(notReady!.Items, i => Assert.False(i.Ready));
        Assert.Equal(report.NotReady, notReady.Items.Count);
    }

    private static SaleExportPayload Payload(string registerId, long firstNumber, int count)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var orders = Enumerable.Range(0, count).Select(i => Scenario.Order(firstNumber + i, at.AddMinutes(i),
            new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 500m))).ToList();
        return new SaleExportPayload(Guid.NewGuid(), "S001", registerId, DateTimeOffset.UtcNow, "store-manager-pin", count,
            [new UploadBatchRequest(Guid.NewGuid(), "S001", registerId, orders)]);
    }

    private static async Task ImportAsync(IPage page, string registerId, byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"poscloud-export-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(path, file);
        try
        {
            await page.SelectOptionAsync("#import-register", registerId);
            await page.SetInputFilesAsync("#import-file", path);
            await page.EvaluateAsync("() => { const r = document.getElementById('import-result'); r.textContent = ''; delete r.dataset.outcome; }");
            // The request is held until the page has shown "importing" without an outcome: an outcome while the file
            // is still being read let a caller (this one, once) delete the file under the browser.
            var held = new TaskCompletionSource();
            await page.RouteAsync("**/imports", async route => { await held.Task; await route.ContinueAsync(); });
            await page.ClickAsync("#import-submit");
            await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("aria-busy", "true");
            await Expect(page.Locator("#import-result[data-outcome]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#import-result[data-accepted]")).ToHaveCountAsync(0);
            held.SetResult();
            await Expect(page.Locator("#import-result[data-outcome]")).ToHaveCountAsync(1);
            await Expect(page.Locator("#import-result")).Not.ToHaveAttributeAsync("aria-busy", "true");
            await page.UnrouteAsync("**/imports");
        }
        finally { File.Delete(path); }
    }

    [SkippableFact]
    public async Task An_imported_export_goes_in_once_a_later_upload_is_duplicate_and_tampered_or_foreign_files_are_refused()
    {
        var page = await fx.OperatorPageAsync();
        var payload = Payload("S001-R1", 9001, 3);
        var file = SaleExportFile.Write(payload, DashboardApp.RegisterKey);
        var ids = payload.Batches[0].Orders.Select(o => o.OrderId).ToList();

        // The register cannot upload; HQ imports its file on the dashboard.
        await ImportAsync(page, "S001-R1", file);
        await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("data-outcome", "imported");
        await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("data-accepted", "3");
        await Expect(page.Locator("#import-result")).ToContainTextAsync("新增 3 筆");
        using var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey);
        var views = await Scenario.WaitUntilFinalAsync(register, ids, TimeSpan.FromSeconds(30));
        Assert.All(views, v => Assert.Equal(OrderStatus.Reconciled, v.Status));
        Assert.Equal(3, await fx.DbAsync(db => db.Orders.CountAsync(o => ids.Contains(o.Id))));

        // The register recovers and uploads the same sales: duplicate, nothing new.
        var upload = await Scenario.UploadAsync(register, payload.Batches[0] with { BatchId = Guid.NewGuid() });
        Assert.All(upload.Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));
        Assert.All(upload.Results, r => Assert.Equal(OrderStatus.Reconciled, r.Status));
        // The same file again: duplicate as well.
        await ImportAsync(page, "S001-R1", file);
        await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("data-duplicate", "3");
        Assert.Equal(3, await fx.DbAsync(db => db.Orders.CountAsync(o => ids.Contains(o.Id))));

        // Tampered: one price changed after export.
        var fresh = Payload("S001-R1", 9101, 1);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SaleExportFile.Write(fresh, DashboardApp.RegisterKey)).Replace("\"unitPrice\": 500", "\"unitPrice\": 50"));
        await ImportAsync(page, "S001-R1", tampered);
        await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("data-outcome", "refused");
        await Expect(page.Locator("#import-result")).ToContainTextAsync("signature does not match");
        Assert.Equal(0, await fx.DbAsync(db => db.Orders.CountAsync(o => o.Id == fresh.Batches[0].Orders[0].OrderId)));

        // Foreign: a second register of the same store (made by HQ, with its own key) exports; imported as S001-R1.
        using var hqAdmin = fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey);
        var made = await hqAdmin.PostAsJsonAsync("/api/v1/registers", new PosCloud.Contracts.Admin.CreateRegisterRequest("S001", 2));
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        var r2 = (await made.Content.ReadFromJsonAsync<PosCloud.Contracts.Admin.IssuedKey>())!;
        var foreign = Payload(r2.Id, 1, 1);
        await ImportAsync(page, "S001-R1", SaleExportFile.Write(foreign, r2.ApiKey));
        await Expect(page.Locator("#import-result")).ToHaveAttributeAsync("data-outcome", "refused");
        await Expect(page.Locator("#import-result")).ToContainTextAsync("S001-R2");
        Assert.Equal(0, await fx.DbAsync(db => db.Orders.CountAsync(o => o.Id == foreign.Batches[0].Orders[0].OrderId)));
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-readiness-import.png"), FullPage = true });

        // Through the API as well (HQ key): the same verdicts.
        using var hq = fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey);
        var again = await hq.PostAsync("/api/v1/registers/S001-R1/imports", new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, (await again.Content.ReadFromJsonAsync<SaleImportResult>())!.Duplicate);
        var refused = await hq.PostAsync("/api/v1/registers/S001-R1/imports", new ByteArrayContent(tampered));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("file.signature", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await register.PostAsync("/api/v1/registers/S001-R1/imports", new ByteArrayContent(file))).StatusCode);

        // Every import is in the operators' audit.
        Assert.True(await fx.DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "import-sales")) >= 4);
    }
}
