using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PosCloud.OfflineAgent.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// The counter screen as a clerk with a scanner and a keyboard uses it on a busy day, at the two sizes of
/// ../shared/design/CHECKOUT.md (1024×768 and 1366×768), in real Chromium against the real agent and cloud:
/// deep links survive sign-in, a repeated scan adds quantity, the pay button stays in view with 12 lines,
/// 下一位客人 clears cart and customer, 點此開啟前台 never leads to an error, reset is refused offline, and
/// axe-core finds no serious or critical violation on any view. Screenshots go to TestResults/screenshots.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CheckoutScreenTests(ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    // Twelve products of the demo catalog (/work/shared/data/catalog.csv, seeded by the cloud).
    private static readonly string[] Skus =
    [
        "TS-0400001", "TS-0200002", "TS-0000003", "LF-0000004", "FD-0400005", "BT-0000006",
        "LF-0500007", "BT-0000008", "BT-0000009", "TS-0300010", "BT-0400011", "FD-0000012",
    ];

    [SkippableTheory]
    [InlineData(1024, 768, false)]
    [InlineData(1366, 768, true)]
    public async Task A_clerk_rings_up_customers_with_a_scanner_and_the_keyboard(int width, int height, bool onlinePosConfigured)
    {
        Chromium.RequireOrSkip();
        SetDefaultExpectTimeout(30_000);
        var shots = Chromium.ScreenshotDir();
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        var onlinePos = $"http://127.0.0.1:{cloud.Port}/dashboard";
        using var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, extra: onlinePosConfigured ? [$"--Agent:OnlinePosUrl={onlinePos}"] : []);
        await agent.WaitOnlineWithSnapshotAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-TW" });
        var page = await context.NewPageAsync();
        var step = 0;
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"screen-{width}x{height}-{++step:00}-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine("screenshot: " + path);
        }

        // 1. A deep link before anyone signed in: the sign-in, then exactly where the clerk was going.
        await page.GotoAsync(agent.Url + "#/uploads");
        var tiles = page.GetByTestId("staff-tile");
        await Expect(tiles.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-next")).ToContainTextAsync("登入後會回到");
        await Shot("sign-in");
        await Axe.AssertNoSeriousViolationsAsync(page, "sign-in");
        await page.Locator("[data-staff-id='S001-E02']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/uploads$"));
        await Expect(page.GetByTestId("uploads-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in")).ToContainTextAsync("蔡雅婷");

        // 2. 點此開啟前台 while online: Agent:OnlinePosUrl when set, else this screen's checkout — never an error page.
        var frontDesk = page.GetByTestId("frontdesk-button");
        await Expect(frontDesk).ToHaveTextAsync("點此開啟前台", Long);
        if (onlinePosConfigured)
        {
            var popup = await page.RunAndWaitForPopupAsync(() => frontDesk.ClickAsync());
            await popup.WaitForLoadStateAsync();
            Assert.StartsWith(onlinePos, popup.Url);
            await popup.CloseAsync();
            await page.GotoAsync(agent.Url + "#/checkout");
        }
        else
        {
            await frontDesk.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("#/checkout$"));
            Assert.Single(context.Pages);
        }
        var sku = page.GetByTestId("sku-input");
        await Expect(sku).ToBeFocusedAsync();

        // 3. The same SKU scanned twice is one line of quantity 2; the full name is there.
        async Task Scan(string code) { await sku.PressSequentiallyAsync(code); await sku.PressAsync("Enter"); }
        await Scan("TS-0400001");
        await Scan("ts-0400001");
        var rows = page.GetByTestId("line-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.GetByTestId("line-qty")).ToHaveValueAsync("2");
        await Expect(rows.First.GetByTestId("line-name")).ToHaveTextAsync("職人 輕量防潑水外套 酒紅 M");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("1,178");
        // + / − on an empty scan field change the last line.
        await sku.PressAsync("+");
        await Expect(rows.First.GetByTestId("line-qty")).ToHaveValueAsync("3");
        await sku.PressAsync("-");
        await Expect(rows.First.GetByTestId("line-qty")).ToHaveValueAsync("2");

        // 4. Twelve lines: the cart scrolls, the total and the pay button stay in view.
        foreach (var code in Skus.Skip(1)) await Scan(code);
        await Expect(rows).ToHaveCountAsync(12);
        var pay = page.GetByTestId("complete-sale");
        await Expect(pay).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("total")).ToBeInViewportAsync(new() { Ratio = 1 });
        foreach (var quick in new[] { "cash-exact", "invoice-button", "member-button" })
            await Expect(page.GetByTestId(quick)).ToBeInViewportAsync(new() { Ratio = 1 });
        await AssertTargetsAtLeast44Async(page);
        // The header is one line at this width.
        var bar = await page.Locator("#topbar").BoundingBoxAsync();
        Assert.True(bar!.Height < 70, $"the top bar is {bar.Height} px high: it wrapped");
        await Shot("twelve-lines");
        await Axe.AssertNoSeriousViolationsAsync(page, "checkout");

        // 5. F2: member by phone, without signing out.
        await page.Keyboard.PressAsync("F2");
        await Expect(page.GetByTestId("customer-phone")).ToBeFocusedAsync();
        await page.GetByTestId("customer-phone").FillAsync("0909847665");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("checkout-customer")).ToContainTextAsync("許淑芬");
        await Expect(sku).ToBeFocusedAsync();

        // F4: the invoice options; Esc backs out.
        await page.Keyboard.PressAsync("F4");
        await Expect(page.GetByTestId("invoice-dialog")).ToBeVisibleAsync();
        await Shot("invoice-options");
        await Axe.AssertNoSeriousViolationsAsync(page, "invoice options");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("invoice-dialog")).ToBeHiddenAsync();

        // 6. Quick cash and change, then F12 pays; the sale-done panel; Enter is the next customer.
        var total = decimal.Parse((await page.GetByTestId("total").TextContentAsync())!.Replace(",", ""));
        var bills = Math.Ceiling(total / 1000) * 1000;
        for (var i = 0; i < bills / 1000; i++) await page.GetByRole(AriaRole.Button, new() { Name = "1,000", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("change-due")).ToHaveTextAsync((bills - total).ToString("#,0"));
        await page.Keyboard.PressAsync("F12");
        await Expect(page.GetByTestId("sale-done")).ToContainTextAsync("第 1 筆銷售完成");
        await Expect(page.GetByTestId("done-change")).ToHaveTextAsync((bills - total).ToString("#,0"));
        await Expect(page.GetByTestId("next-customer")).ToBeFocusedAsync();
        await Shot("sale-done");
        await Axe.AssertNoSeriousViolationsAsync(page, "sale done");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("sale-done-panel")).ToBeHiddenAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("checkout-customer")).ToHaveTextAsync("非會員");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("cash-tendered")).ToHaveValueAsync("");
        await Expect(sku).ToBeFocusedAsync();

        // The next customer: nothing carried over; Ctrl+Enter pays the exact cash.
        await Scan("TS-0200002");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.GetByTestId("sale-done")).ToContainTextAsync("第 2 筆銷售完成");
        await page.GetByTestId("next-customer").ClickAsync();

        // 7. The order list: invoice number, payment, state and 詳情; 詳情 has its own address.
        await page.GetByTestId("menu-button").ClickAsync();
        await page.Locator("#nav-orders").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/orders$"));
        var orderRows = page.GetByTestId("order-row");
        await Expect(orderRows).ToHaveCountAsync(2);
        await Expect(orderRows.Last.GetByTestId("order-invoice")).ToHaveTextAsync($"{CloudProcess.Track}-10000000");
        await Expect(orderRows.Last.GetByTestId("order-payment")).ToHaveTextAsync("現金");
        await Expect(orderRows.Last).ToContainTextAsync("許淑芬");
        await Expect(orderRows.First).ToContainTextAsync("非會員");
        await Shot("orders");
        await Axe.AssertNoSeriousViolationsAsync(page, "orders");
        await orderRows.Last.GetByTestId("upload-detail").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/detail/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("detail-typed").GetByTestId("typed-line")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("detail-catalog")).ToContainTextAsync("離線資料版本");
        await Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("成功", Long);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=receipt-preview]'); return i.complete && i.naturalWidth > 300; }");
        await Shot("detail");
        await Axe.AssertNoSeriousViolationsAsync(page, "detail");
        // No raw codes or hashes anywhere on 詳情.
        var detailText = await page.GetByTestId("detail-panel").InnerTextAsync();
        Assert.DoesNotMatch(new Regex("Reconciled|unknownSku|cash|[0-9a-f]{16}"), detailText);

        // 8. Offline: the band says so in words, the top bar stays one line, and reset is refused.
        cloud.Proxy.Cut();
        await page.GotoAsync(agent.Url + "#/checkout");
        await Expect(page.GetByTestId("connectivity-badge")).ToHaveTextAsync("離線模式中", Long);
        await Expect(frontDesk).ToBeHiddenAsync();
        bar = await page.Locator("#topbar").BoundingBoxAsync();
        Assert.True(bar!.Height < 70, $"the top bar is {bar.Height} px high offline: it wrapped");
        await Scan("TS-0400001");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("offline-note")).ToBeVisibleAsync();
        await Shot("offline-checkout");
        await page.GotoAsync(agent.Url + "#/home");
        await Expect(frontDesk).ToHaveTextAsync("開啟離線模式");
        await page.GetByTestId("reset-data").ClickAsync();
        await Expect(page.GetByTestId("reset-dialog")).ToContainTextAsync("離線商品資料");
        await page.GetByTestId("reset-pin").FillAsync("2468");
        await page.GetByTestId("reset-confirm").ClickAsync();
        await Expect(page.GetByTestId("reset-result")).ToContainTextAsync("目前離線，無法重設");
        await Shot("reset-refused-offline");
        await Axe.AssertNoSeriousViolationsAsync(page, "reset dialog");
        Assert.Equal(2, (await agent.OrdersAsync()).Length);
        var status = await agent.StatusAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.String, status.GetProperty("snapshotVersion").ValueKind);

        // 開啟離線模式 takes the clerk to the offline checkout, with the cart the clerk left.
        await page.Keyboard.PressAsync("Escape");
        await frontDesk.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/checkout$"));
        await Expect(rows).ToHaveCountAsync(1);

        // English is one click away, with no code left untranslated.
        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.GetByTestId("connectivity-badge")).ToHaveTextAsync("Offline mode");
        await Expect(page.GetByTestId("complete-sale")).ToContainTextAsync("Pay");
        await Shot("offline-english");
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    /// <summary>Every visible button, input and select of the checkout is at least 44 px high (fingers, not pointers).</summary>
    private static async Task AssertTargetsAtLeast44Async(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#view-checkout button, #view-checkout input, #view-checkout select, header button')]
              .filter(e => e.offsetParent !== null)
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, r]) => r.height < 44 || r.width < 44)
              .map(([e, r]) => `${e.id || e.className || e.tagName} ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        Assert.True(small.Length == 0, "targets below 44 px: " + string.Join(", ", small));
    }
}
