using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PosCloud.OfflineAgent.Tests.Returns;
using PosCloud.OfflineAgent.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// 「退貨／作廢」 in real Chromium at 1024×768 for a sale of ANOTHER store (S002, its own 統一編號), found online in the
/// stand-in cloud by the typed invoice number: the screen names the store (zh-TW, then English), a partial return
/// takes an allowance (this register cannot reissue S002's invoice) and is done. axe-core on each state; screenshots.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CrossStoreReturnBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_clerk_returns_another_stores_sale_online_and_the_screen_names_the_store()
    {
        Chromium.RequireOrSkip();
        SetDefaultExpectTimeout(30_000);
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300");
        var period = InProcessAgent.CurrentPeriod.Code;
        var orderId = Guid.NewGuid();
        cloud.ReturnableSales[period + "ZX30000009"] = CrossStoreReturnTests.Sale(orderId, "S002", "台中逢甲店", "S002-R1", DateTimeOffset.UtcNow.AddHours(-1),
            period, "ZX30000009", "23456701", "示範零售台中逢甲分公司");
        cloud.OtherStoresOrders[orderId] = true;

        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await agent.StatusAsync()).GetProperty("connectivity").GetString() != "online")
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the agent did not go online");
            await Task.Delay(100);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, Locale = "zh-TW" });
        var shots = Chromium.ScreenshotDir();
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"returns-cross-store-1024x768-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine("screenshot: " + path);
        }

        await page.GotoAsync(agent.Client.BaseAddress + "#/returns");
        await page.GetByTestId("staff-tile").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/returns$"));
        await page.GetByTestId("return-code").FillAsync("ZX-30000009");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("return-sale")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("return-sale-head")).ToContainTextAsync("其他門市的交易：台中逢甲店");
        await Expect(page.GetByTestId("return-sale-head")).Not.ToContainTextAsync("S002");

        // One coat back: an allowance of S002's invoice, with why.
        await page.GetByTestId("return-partial").CheckAsync();
        await page.GetByTestId("return-line-more").First.ClickAsync();
        await page.GetByTestId("return-reason-pick").SelectOptionAsync("顧客退貨");
        await Expect(page.GetByTestId("return-document")).ToHaveTextAsync("開立折讓證明單");
        await Expect(page.GetByTestId("return-outcome")).ToContainTextAsync("此發票無法由本機改開新發票");
        await Shot("01-found-zh");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: another store's sale");

        await page.GetByTestId("return-confirm").ClickAsync();
        await Expect(page.GetByTestId("return-done-list")).ToContainTextAsync("折讓證明單");
        // The return the cloud received names S002's sale and invoice.
        var until2 = DateTime.UtcNow.AddSeconds(30);
        while (!cloud.StoredReturns.Values.Any(r => r.OrderId == orderId) && DateTime.UtcNow < until2) await Task.Delay(100);
        Assert.Equal("ZX30000009", cloud.StoredReturns.Values.Single(r => r.OrderId == orderId).Allowance!.OriginalNumber);
        await Shot("02-done");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: another store's sale done");

        // In English (the toggle re-opens the screen), the same sale again: the store named, one coat left.
        await page.GetByTestId("lang-toggle").ClickAsync();
        await page.GetByTestId("return-code").FillAsync("ZX-30000009");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("return-sale-head")).ToContainTextAsync("Sale of another store: 台中逢甲店");
        await Expect(page.GetByTestId("return-line-left").First).ToHaveTextAsync("1");
        await Shot("03-again-en");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: another store's sale, English");
    }
}
