using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PosCloud.OfflineAgent.Tests.Returns;
using PosCloud.OfflineAgent.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// 「退貨／作廢」 in real Chromium at 1024×768 against the real agent (offline, then a stand-in cloud): a whole sale
/// cancelled by its typed number, a partial return from the order list that reissues, an over-return refused, a
/// previous-period allowance (the clock moved past the filing deadline), and the returns uploading after their
/// sales in 上傳紀錄. axe-core on each state; screenshots in TestResults/screenshots.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReturnsBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_clerk_cancels_reissues_and_allows_returns_offline_and_they_upload_after_their_sales()
    {
        Chromium.RequireOrSkip();
        SetDefaultExpectTimeout(30_000);
        await using var cloud = await FakeCloud.StartAsync();
        cloud.Healthy = false;
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var agent = await InProcessAgent.StartAsync(clock, 100, "--Agent:ManagerPin=2468", "--Returns:ManagerApprovalAbove=0",
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200");
        async Task<(Guid, string)> Sell()
        {
            var (_, body) = await agent.SellAsync(ReturnsAgentTests.TwoLineSale());
            var s = body.GetProperty("sale");
            return (s.GetProperty("orderId").GetGuid(), s.GetProperty("invoiceNumber").GetString()!);
        }
        var (_, wholeInvoice) = await Sell();
        var (partialOrder, _) = await Sell();
        var (_, lateInvoice) = await Sell();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, Locale = "zh-TW" });
        var shots = Chromium.ScreenshotDir();
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"returns-1024x768-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine("screenshot: " + path);
        }

        Task Loaded(string testId) => page.WaitForFunctionAsync($"() => {{ const i = document.querySelector('[data-testid={testId}]'); return i && i.complete && i.naturalWidth > 0; }}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        // Reachable from the menu; needs a clerk, then lands on 退貨／作廢.
        await page.GotoAsync(agent.Client.BaseAddress + "#/returns");
        await page.GetByTestId("staff-tile").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/returns$"));
        await page.GetByTestId("menu-button").ClickAsync();
        await Expect(page.Locator("#nav-returns")).ToHaveTextAsync("退貨／作廢");
        await page.GetByTestId("menu-button").ClickAsync();
        await page.GetByTestId("return-code").ClickAsync();

        // 1. Whole sale, offline, by the typed number (as a scanner types it: characters then Enter).
        await page.GetByTestId("return-code").PressSequentiallyAsync(wholeInvoice[..2] + "-" + wholeInvoice[2..]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("return-sale")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("return-refund")).ToHaveTextAsync("1,487");
        await page.GetByTestId("return-reason-pick").SelectOptionAsync("顧客退貨");
        await Expect(page.GetByTestId("return-document")).ToHaveTextAsync("作廢發票");
        await Expect(page.GetByTestId("return-outcome")).ToContainTextAsync("請收回紙本證明聯");
        await Shot("01-whole-cancel");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: whole sale");
        await page.GetByTestId("return-confirm").ClickAsync();
        await Expect(page.GetByTestId("return-done-list")).ToContainTextAsync($"發票 {wholeInvoice[..2]}-{wholeInvoice[2..]} 已作廢");
        await Shot("02-whole-done");

        // 2. The same sale again: nothing left, refused with why.
        await page.GetByTestId("return-next").ClickAsync();
        await page.GetByTestId("return-code").FillAsync(wholeInvoice);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("return-error")).ToContainTextAsync("這筆交易已全部退貨");
        await page.GetByTestId("return-reason-pick").SelectOptionAsync("顧客退貨");
        await page.GetByTestId("return-confirm").ClickAsync();
        await Expect(page.GetByTestId("return-error")).ToContainTextAsync("這筆交易已全部退貨");
        Assert.Single(await agent.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>("api/returns") ?? []);
        await Shot("03-over-return-refused");

        // 3. Partial return picked from the order list: one coat back, a new invoice for the rest.
        await page.GotoAsync(agent.Client.BaseAddress + "#/orders");
        await page.Locator($"[data-testid=order-row][data-order-id='{partialOrder}'] [data-testid=order-return]").ClickAsync();
        await Expect(page.GetByTestId("return-sale")).ToBeVisibleAsync();
        await page.GetByTestId("return-partial").CheckAsync();
        await page.GetByTestId("return-line-more").First.ClickAsync();
        await page.GetByTestId("return-reason").FillAsync("尺寸不合");
        await Expect(page.GetByTestId("return-document")).ToHaveTextAsync("作廢並開立新發票");
        await Expect(page.GetByTestId("return-refund")).ToHaveTextAsync("589");
        await Expect(page.GetByTestId("return-outcome")).ToContainTextAsync("NT$ 898");
        await Shot("04-partial");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: partial");
        await page.GetByTestId("return-confirm").ClickAsync();
        await Expect(page.GetByTestId("return-done-list")).ToContainTextAsync("新發票");
        await Expect(page.GetByTestId("return-invoice-preview")).ToBeVisibleAsync();
        await Loaded("return-invoice-preview"); // the replacement invoice's preview, as the printer gets it
        await Shot("05-partial-done");

        // 4. Past the filing deadline of the period: the third sale comes back as an allowance (折讓證明單).
        clock.Set(new DateTimeOffset(2027, 1, 16, 9, 0, 0, TimeSpan.FromHours(8)));
        await page.GetByTestId("return-next").ClickAsync();
        await page.GetByTestId("return-code").FillAsync(lateInvoice);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("return-reason-pick").SelectOptionAsync("商品瑕疵");
        await Expect(page.GetByTestId("return-document")).ToHaveTextAsync("開立折讓證明單");
        await Expect(page.GetByTestId("return-outcome")).ToContainTextAsync("此期發票已申報");
        await page.GetByTestId("return-card").ClickAsync();
        await page.GetByTestId("return-card-ref").FillAsync("RF-20270116");
        await Shot("06-allowance");
        await Axe.AssertNoSeriousViolationsAsync(page, "return: allowance");
        await page.GetByTestId("return-confirm").ClickAsync();
        await Expect(page.GetByTestId("return-done-list")).ToContainTextAsync("折讓證明單");
        await Expect(page.GetByTestId("return-allowance-preview")).ToBeVisibleAsync();
        await Loaded("return-allowance-preview"); // the 折讓證明單's preview
        await Shot("07-allowance-done");

        // 4b. The allowance was a mistake: 作廢折讓 on the same screen, with the manager's PIN; the return is undone.
        await page.GetByTestId("return-next").ClickAsync();
        var allowanceRow = page.GetByTestId("allowance-row");
        await Expect(allowanceRow).ToHaveCountAsync(1);
        await Expect(allowanceRow).ToContainTextAsync("2027-03-15");
        await allowanceRow.GetByTestId("allowance-cancel-open").ClickAsync();
        await Expect(page.GetByTestId("allowance-cancel-steps")).ToContainTextAsync("向顧客收回退款 NT$ 1,487");
        await page.GetByTestId("allowance-cancel-reason").FillAsync("折讓開錯");
        await page.GetByTestId("allowance-cancel-confirm").ClickAsync();
        await Expect(page.GetByTestId("allowance-cancel-error")).ToContainTextAsync("密碼");
        await page.GetByTestId("allowance-cancel-pin").FillAsync("2468");
        await Shot("07b-allowance-cancel");
        await Axe.AssertNoSeriousViolationsAsync(page, "allowance cancel");
        await page.GetByTestId("allowance-cancel-confirm").ClickAsync();
        await Expect(page.GetByTestId("allowance-cancel-done")).ToContainTextAsync("已作廢");
        await Expect(allowanceRow).ToHaveCountAsync(0);
        await Shot("07c-allowance-cancelled");
        // The sale's items are returnable again.
        await page.GetByTestId("return-code").FillAsync(lateInvoice);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("return-refund")).ToHaveTextAsync("1,487");
        await page.GotoAsync(agent.Client.BaseAddress + "#/returns");

        // 5. Back online: the sales go up, the returns behind them; 上傳紀錄 shows the returns with 詳情.
        cloud.Healthy = true;
        await page.GotoAsync(agent.Client.BaseAddress + "#/uploads");
        var rows = page.GetByTestId("return-row");
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var state in await rows.GetByTestId("return-state").AllAsync())
            await Expect(state).ToHaveTextAsync("成功", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Shot("08-uploads");
        await Axe.AssertNoSeriousViolationsAsync(page, "upload records with returns");
        foreach (var ret in cloud.StoredReturns.Values)
        {
            var firstReturn = cloud.Uploads.ToList().FindIndex(u => u.Request.Returns?.Any(r => r.ReturnId == ret.ReturnId) == true);
            var firstSale = cloud.Uploads.ToList().FindIndex(u => u.Request.Orders.Any(o => o.OrderId == ret.OrderId));
            Assert.True(firstSale >= 0 && firstSale <= firstReturn, "a return never goes up before its sale");
        }
        await rows.First.GetByTestId("return-detail-link").ClickAsync();
        await Expect(page.GetByTestId("return-detail-summary")).ToContainTextAsync("折讓證明單");
        await Expect(page.GetByTestId("return-detail-summary")).ToContainTextAsync("已作廢");
        await Shot("09-return-detail");
        // The cancel went up with its return, once.
        var cancel = Assert.Single(cloud.StoredAllowanceCancels.Values);
        Assert.Equal("折讓開錯", cancel.Reason);
    }
}
