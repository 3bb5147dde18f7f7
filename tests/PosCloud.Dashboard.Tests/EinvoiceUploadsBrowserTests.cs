using System.Net.Http.Json;
using Microsoft.Playwright;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Dashboard.Tests.Support;
using PosCloud.Tests.Support;
using PosCloud.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.Dashboard.Tests;

/// <summary>The embedded Api with the Turnkey delivery on, pointed at a fake Turnkey.</summary>
public sealed class EinvoiceFixture : IAsyncLifetime
{
    public FakeTurnkey Turnkey { get; } = new();
    public DashboardApp App { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? Unavailable { get; private set; }

    public EinvoiceFixture() => App = new DashboardApp(new Dictionary<string, string?>
    {
        ["Turnkey:Enabled"] = "true", ["Turnkey:Root"] = Turnkey.Root, ["Turnkey:PollInterval"] = "00:00:00.200",
    });

    public async Task InitializeAsync()
    {
        try { (Playwright, Browser) = await Chromium.StartAsync(); }
        catch (SkipException ex) { Unavailable = ex.Message; return; }
        BaseAddress = App.Start();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
        Turnkey.Dispose();
    }
}

public sealed class EinvoiceUploadsBrowserTests(EinvoiceFixture fx) : IClassFixture<EinvoiceFixture>
{
    static EinvoiceUploadsBrowserTests() => SetDefaultExpectTimeout(20_000);

    /// <summary>A printed B2C sale issued at noon (Taipei) <paramref name="daysAgo"/> days ago: due at the end of that day + 2.</summary>
    private async Task SellAsync(string number, int daysAgo)
    {
        var taipeiToday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var at = new DateTimeOffset(taipeiToday.AddDays(-daysAgo).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        if (at > DateTimeOffset.UtcNow) at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var sale = Scenario.Order(Random.Shared.NextInt64(100_000, 900_000), at) with
        {
            Invoice = new OfflineInvoice(number, at, "5173", Items: [new OfflineInvoiceItem("外套", 1, 589m, 589m)], TotalAmount: 589),
        };
        using var register = fx.App.ApiClient(fx.BaseAddress, DashboardApp.RegisterKey);
        var answer = await Scenario.UploadAsync(register, Scenario.Batch(sale));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Results).Outcome);
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }

    [SkippableFact]
    public async Task Overdue_escalates_first_and_a_Turnkey_error_shows_its_code_and_reason()
    {
        if (fx.Unavailable is not null) throw new SkipException(fx.Unavailable);
        await SellAsync("DE10000001", daysAgo: 5);   // overdue
        await SellAsync("DE10000002", daysAgo: 0);   // refused by Turnkey's XML check below
        await SellAsync("DE10000003", daysAgo: 2);   // due by the end of today
        await UntilAsync(() => Task.FromResult(fx.Turnkey.SrcFiles().Count == 3), "three files in SRC");
        fx.Turnkey.UpCast(refuse: doc => doc.Descendants().Any(e => e.Name.LocalName == "InvoiceNumber" && e.Value == "DE10000002"));
        using var hq = fx.App.ApiClient(fx.BaseAddress, DashboardApp.HqKey);
        await UntilAsync(async () => (await hq.GetFromJsonAsync<List<PlatformMessageView>>("/api/v1/platform-messages?state=Error"))!.Any(m => m.DocumentNumber == "DE10000002"), "the ERR file read back");
        var overdueApi = (await hq.GetFromJsonAsync<List<PlatformMessageView>>("/api/v1/platform-messages?due=overdue"))!;
        Assert.Equal(["DE10000001"], overdueApi.Select(m => m.DocumentNumber));
        Assert.Equal(["DE10000003"], (await hq.GetFromJsonAsync<List<PlatformMessageView>>("/api/v1/platform-messages?due=today"))!.Select(m => m.DocumentNumber));

        var context = await fx.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fx.BaseAddress.ToString(), Locale = "zh-TW", TimezoneId = "Asia/Taipei", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#userName", "hq-viewer");
        await page.FillAsync("#password", DashboardApp.ViewerPassword);
        await page.ClickAsync("#login-submit");
        // The overview links the page, with the counts that need attention.
        await Expect(page.Locator("#ov-einvoice a")).ToContainTextAsync("已逾期 1");
        await page.ClickAsync("#ov-einvoice a");

        await Expect(page.Locator("#ei-cards [data-total='overdue'] b")).ToHaveTextAsync("1");
        await Expect(page.Locator("#ei-cards [data-total='errors'] b")).ToHaveTextAsync("1");
        await Expect(page.Locator("#ei-cards [data-total='dueToday'] b")).ToHaveTextAsync("1");
        var overdue = page.Locator("#ei-overdue tr[data-number='DE10000001']");
        await Expect(overdue).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("overdue"));
        await Expect(overdue.Locator("td[data-col='due']")).ToContainTextAsync("逾期");
        // Escalated: its section comes first and looks stronger than an ordinary row.
        var overdueTop = (await page.Locator("#ei-overdue").BoundingBoxAsync())!.Y;
        Assert.True(overdueTop < (await page.Locator("#ei-today").BoundingBoxAsync())!.Y);
        Assert.True(overdueTop < (await page.Locator("#ei-errors").BoundingBoxAsync())!.Y);
        var weight = await overdue.Locator("td").First.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight");
        var ordinaryWeight = await page.Locator("#ei-today tr[data-number='DE10000003'] td").First.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight");
        Assert.True(int.Parse(weight) > int.Parse(ordinaryWeight), $"overdue {weight} vs ordinary {ordinaryWeight}");

        var error = page.Locator("#ei-errors tr[data-number='DE10000002']");
        await Expect(error.Locator("[data-col='code']")).ToHaveTextAsync("7001");
        await Expect(error.Locator("[data-col='text']")).ToContainTextAsync("XML 檢查未通過");
        await Expect(error.Locator("[data-col='text']")).ToContainTextAsync("ERR/");
        await Expect(error.Locator("td[data-col='state']")).ToContainTextAsync("錯誤");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("dashboard-einvoice-uploads.png"), FullPage = true });

        await page.ClickAsync("#lang");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("E-invoice uploads");
        await Expect(error.Locator("td[data-col='state']")).ToContainTextAsync("Error");
        await Expect(error.Locator("[data-col='text']")).ToContainTextAsync("local XML check");
        await Expect(overdue.Locator("td[data-col='due']")).ToContainTextAsync("late");
        await page.ClickAsync("#lang");
        await context.CloseAsync();
    }
}
