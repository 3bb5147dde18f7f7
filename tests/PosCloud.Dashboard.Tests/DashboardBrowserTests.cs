using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosCloud.OfflineAgent.Tests.Support;
using PosCloud.Core.Persistence;
using PosCloud.Contracts.Sync;
using PosCloud.Dashboard.Tests.Support;
using PosCloud.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.Dashboard.Tests;

/// <summary>One running Api (Kestrel on 127.0.0.1) with real uploads, shared by the browser tests of this class.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public DashboardApp App { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            (Playwright, Browser) = await Chromium.StartAsync();
        }
        catch (SkipException ex)
        {
            Unavailable = ex.Message;
            return;
        }
        BaseAddress = App.Start();
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        if (Unavailable is not null) throw new SkipException(Unavailable);
        return await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "zh-TW", TimezoneId = "Asia/Taipei", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    }

    /// <summary>Uploads the foundation scenario as S001-R1 and waits until the workers finished it.</summary>
    public async Task<Contracts.Batches.UploadBatchRequest> UploadScenarioAsync(long firstLocalNumber)
    {
        using var register = App.ApiClient(BaseAddress, DashboardApp.RegisterKey);
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-1), firstLocalNumber);
        // The first sale was above the register's offline cap: approved with the store-wide manager PIN.
        batch = batch with { Orders = [batch.Orders[0] with { ApprovedBy = "store-manager-pin" }, .. batch.Orders.Skip(1)] };
        await Scenario.UploadAsync(register, batch);
        await Scenario.WaitUntilFinalAsync(register, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));
        return batch;
    }

    public async Task<StoreSyncStatus> SyncStatusAsync(string storeId)
    {
        using var hq = App.ApiClient(BaseAddress, DashboardApp.HqKey);
        var report = await hq.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status");
        return report!.Stores.Single(s => s.StoreId == storeId);
    }

    public async Task<int> CountAsync(Func<CloudDbContext, Task<int>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CloudDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class DashboardBrowserTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    static DashboardBrowserTests() => SetDefaultExpectTimeout(20_000);

    private static async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/login"));
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#who")).ToContainTextAsync(user == "hq-operator" ? "操作員" : "檢視者");
        return page;
    }

    private static ILocator Cell(IPage page, string store, string column) =>
        page.Locator($"#overview tr[data-store='{store}'] td[data-col='{column}']");

    private static async Task ExpectRowMatchesAsync(IPage page, StoreSyncStatus api)
    {
        await Expect(Cell(page, api.StoreId, "waiting")).ToHaveTextAsync(api.Waiting.ToString());
        await Expect(Cell(page, api.StoreId, "reconciled")).ToHaveTextAsync(api.Reconciled.ToString());
        await Expect(Cell(page, api.StoreId, "needsReview")).ToHaveTextAsync(api.NeedsReview.ToString());
        await Expect(Cell(page, api.StoreId, "failed")).ToHaveTextAsync(api.Failed.ToString());
    }

    [SkippableFact]
    public async Task Operator_sees_the_numbers_of_the_api_drills_down_and_maps_the_unknown_sku_to_success_without_reload()
    {
        await using var context = await fx.NewContextAsync();
        var first = await fx.UploadScenarioAsync(1);
        var page = await SignInAsync(context, "hq-operator", DashboardApp.OperatorPassword);

        // Overview: S001 row equals GET /api/v1/sync-status, and the store with trouble comes first.
        var api = await fx.SyncStatusAsync("S001");
        Assert.True(api.Reconciled >= 2 && api.NeedsReview >= 1, $"scenario not reconciled as expected: {api}");
        await ExpectRowMatchesAsync(page, api);
        await Expect(page.Locator("#overview tbody tr").First).ToHaveAttributeAsync("data-store", "S001");
        await Expect(page.Locator("#overview tbody tr[data-store='S001']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("trouble"));
        // A store no register ever called is 尚未連線, not 離線.
        await Expect(page.Locator("#overview tbody tr[data-store='S002'] td[data-col='online']")).ToHaveTextAsync("— 尚未連線");
        await Expect(page.Locator("#overview tbody tr[data-store='S001'] td[data-col='online']")).Not.ToContainTextAsync("尚未連線");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-overview.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, "dashboard overview");

        // Auto-refresh: three more orders arrive while the page is open; the row follows without a reload.
        await page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");
        await fx.UploadScenarioAsync(4);
        api = await fx.SyncStatusAsync("S001");
        await ExpectRowMatchesAsync(page, api);
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.__sameDocument"));

        // Sorting by a column and filtering by name act on the table.
        await page.FillAsync("#ov-filter", "S002");
        await Expect(page.Locator("#overview tbody tr")).ToHaveCountAsync(1);
        await page.FillAsync("#ov-filter", "");

        // Drill-down: the store's orders, then the filters.
        await page.ClickAsync("#overview tr[data-store='S001'] td[data-col='storeId'] a");
        // (Other tests of the class upload too: expected counts come from the API and the database, not constants.)
        var withOverride = await fx.CountAsync(db => db.Orders.CountAsync(o => o.StoreId == "S001" && o.Overrides.Any()));
        Assert.True(withOverride >= 2, "both scenario batches have an override");
        await Expect(page.Locator("#store-orders tbody tr")).ToHaveCountAsync(api.Waiting + api.Reconciled + api.NeedsReview + api.Failed);
        await page.SelectOptionAsync("#st-status", "NeedsReview");
        await Expect(page.Locator("#store-orders tbody tr")).ToHaveCountAsync(api.NeedsReview);
        await Expect(page.Locator("#store-orders tbody tr td .badge").First).ToHaveTextAsync("需處理");
        await page.SelectOptionAsync("#st-status", "");
        await page.SelectOptionAsync("#st-override", "true");
        await Expect(page.Locator("#store-orders tbody tr")).ToHaveCountAsync(withOverride);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-store.png"), FullPage = true });

        // The order with the typed price: offline beside reconciled, the override, the history.
        var priced = first.Orders[0].OrderId;
        await page.GotoAsync($"/dashboard#/order/{priced}");
        await Expect(page.Locator("#typed tbody tr td").Nth(2)).ToHaveTextAsync("外套(手打)");
        await Expect(page.Locator("#reconciled tbody tr td").Nth(2)).ToHaveTextAsync("職人 輕量防潑水外套 酒紅 M");
        await Expect(page.Locator("#overrides tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#overrides tbody tr td").Nth(5)).ToHaveTextAsync("-178");
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#order-approver")).ToHaveTextAsync("超額離線銷售核准人： 門市主管密碼");
        // Names beside ids (clerk, customer, approving manager), the payment and the invoice.
        await Expect(page.Locator("#order-people")).ToContainTextAsync("蔡雅婷 (S001-E02)");
        await Expect(page.Locator("#order-people")).ToContainTextAsync("許淑芬 (0909847665)");
        await Expect(page.Locator("#overrides tbody tr td[data-col='manager']")).ToHaveTextAsync("黃冠宇 (S001-E01)");
        await Expect(page.Locator("#order-payment")).ToContainTextAsync("現金");
        await Expect(page.Locator("#order-invoice")).ToHaveTextAsync("無發票");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-order-priced.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, "dashboard order");

        // The unknown SKU: 需處理, then mapped by the operator; the page turns 成功 by itself.
        var unknown = first.Orders[1].OrderId;
        await page.GotoAsync($"/dashboard#/order/{unknown}");
        await Expect(page.Locator("#order-status .badge")).ToHaveTextAsync("需處理");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-order-needs-review.png"), FullPage = true });
        await page.EvaluateAsync("() => { window.__sameDocument = 'still'; }");
        await page.FillAsync($"input[data-alias='{Scenario.UnknownSku}']", "TS-0400001");
        await page.ClickAsync($"button[data-map='{Scenario.UnknownSku}']");
        await Expect(page.Locator("#order-status .badge")).ToHaveTextAsync("成功", new() { Timeout = 30_000 });
        Assert.Equal("still", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        await Expect(page.Locator("#reconciled tbody tr td").Nth(1)).ToHaveTextAsync("TS-0400001");
        // The action is audited on the order, by name.
        await Expect(page.Locator("#order-audit tbody tr[data-action='map-sku'] td").Nth(1)).ToHaveTextAsync("hq-operator");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("null", text);
        Assert.DoesNotContain("undefined", text);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-order-mapped.png"), FullPage = true });

        // Both unknown-SKU orders were re-run; the overview agrees with the API again.
        using var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey);
        await Scenario.WaitUntilFinalAsync(register, [unknown], TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((api = await fx.SyncStatusAsync("S001")).NeedsReview > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(0, api.NeedsReview);
        await page.GotoAsync("/dashboard#/");
        await ExpectRowMatchesAsync(page, api);

        await page.GotoAsync("/dashboard#/charts");
        await Expect(page.Locator("#chart-flow svg polyline")).ToHaveCountAsync(2);
        // The two flow lines differ by dash and width as well as colour, and the legend draws each line.
        await Expect(page.Locator("#chart-flow svg polyline[stroke-dasharray]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-flow .legend svg.swatch-line line")).ToHaveCountAsync(2);
        await Axe.AssertNoSeriousViolationsAsync(page, "dashboard charts");
        await Expect(page.Locator("#chart-overrides svg rect[data-store='S001']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-charts.png"), FullPage = true });

        await page.GotoAsync("/dashboard#/audit");
        await Expect(page.Locator("#audit tbody tr[data-action='map-sku']")).ToHaveCountAsync(1);
        await page.ClickAsync("#lang");
        await Expect(page.Locator("header nav a").First).ToHaveTextAsync("Stores");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-audit-en.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task The_order_page_shows_its_returns_the_net_total_and_the_override_share_reversed()
    {
        await using var context = await fx.NewContextAsync();
        var batch = await fx.UploadScenarioAsync(300);
        // One of the two coats sold at a typed 500 (catalog 589, override −178) comes back.
        var sale = batch.Orders[0];
        var back = new Contracts.Batches.OfflineReturn(Guid.NewGuid(), sale.OrderId, 1, DateTimeOffset.UtcNow.AddMinutes(-1), "S001-E02", "尺寸不合",
            [new Contracts.Batches.OfflineReturnLine(0, sale.Lines[0].Sku, 1, 500m)], [new Contracts.Batches.OfflinePayment("cash", 500m)], 500m);
        using (var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey))
        {
            await Scenario.UploadAsync(register, new Contracts.Batches.UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", [], [back]));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await register.GetFromJsonAsync<Contracts.Orders.ReturnView>($"/api/v1/returns/{back.ReturnId}"))!.Status != Contracts.OrderStatus.Reconciled)
            {
                Assert.True(DateTime.UtcNow < deadline, "the return was not reconciled in time");
                await Task.Delay(200);
            }
        }
        var page = await SignInAsync(context, "hq-viewer", DashboardApp.ViewerPassword);
        await page.GotoAsync($"/dashboard#/order/{sale.OrderId}");
        var row = page.Locator($"#order-returns tbody tr[data-return='{back.ReturnId}']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("500");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("89");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("成功");
        await Expect(page.Locator("#order-net b")).ToHaveTextAsync("500");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-order-return.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, "dashboard order with a return");
    }

    [SkippableFact]
    public async Task Viewer_sees_no_action_buttons_and_the_server_refuses_its_actions()
    {
        await using var context = await fx.NewContextAsync();
        var batch = await fx.UploadScenarioAsync(100);
        var page = await SignInAsync(context, "hq-viewer", DashboardApp.ViewerPassword);
        await page.GotoAsync("/dashboard#/store/S001");
        await Expect(page.Locator("#store-orders tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#rerun-store")).ToHaveCountAsync(0);
        await page.GotoAsync($"/dashboard#/order/{batch.Orders[1].OrderId}");
        await Expect(page.Locator("#order-status .badge")).ToBeVisibleAsync();
        await Expect(page.Locator("#rerun-order")).ToHaveCountAsync(0);
        await Expect(page.Locator("button[data-map]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-viewer-order.png"), FullPage = true });

        // Hidden buttons are not the guard: the same POST the operator's page sends is refused with 403.
        var status = await page.EvaluateAsync<int>(@"async (id) => {
            const me = await (await fetch('/dashboard/api/me')).json();
            const r = await fetch('/dashboard/api/orders/' + id + '/rerun', { method: 'POST', headers: { 'X-CSRF-TOKEN': me.csrf, 'Content-Type': 'application/json' }, body: '{}' });
            return r.status; }", batch.Orders[1].OrderId.ToString());
        Assert.Equal(403, status);
        var mapStatus = await page.EvaluateAsync<int>(@"async () => {
            const me = await (await fetch('/dashboard/api/me')).json();
            const r = await fetch('/dashboard/api/sku-mappings', { method: 'POST', headers: { 'X-CSRF-TOKEN': me.csrf, 'Content-Type': 'application/json' }, body: JSON.stringify({ alias: 'X1', sku: 'TS-0400001' }) });
            return r.status; }");
        Assert.Equal(403, mapStatus);
    }

    [SkippableFact]
    public async Task Api_keys_do_not_open_the_dashboard_and_a_wrong_password_is_refused()
    {
        await using var context = await fx.NewContextAsync();
        using var hq = fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hq.GetAsync("/dashboard/api/overview")).StatusCode);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fx.BaseAddress };
        noRedirect.DefaultRequestHeaders.Add("X-Api-Key", DashboardApp.HqKey);
        var pageAnswer = await noRedirect.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, pageAnswer.StatusCode);
        Assert.Contains("/dashboard/login", pageAnswer.Headers.Location!.ToString());

        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/login");
        await page.FillAsync("#userName", "hq-operator");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator(".error")).ToBeVisibleAsync();
        Assert.Equal(401, (await page.APIRequest.GetAsync("/dashboard/api/overview")).Status);
    }
}
