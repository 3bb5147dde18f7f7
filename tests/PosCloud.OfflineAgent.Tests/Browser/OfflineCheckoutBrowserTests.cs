using Microsoft.Playwright;
using PosCloud.OfflineAgent.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// The clerk's whole outage, in real Chromium against the real agent and the real cloud: the line is
/// cut, a sale is rung up offline, the line comes back, and 上傳紀錄 turns 等待中 → 成功 by itself.
/// Screenshots of every step go to TestResults/screenshots (or $POSCLOUD_SCREENSHOTS).
/// </summary>
[Trait("Category", "Browser")]
public sealed class OfflineCheckoutBrowserTests(ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    [SkippableFact]
    public async Task Clerk_sells_offline_and_watches_the_sale_upload_and_reconcile()
    {
        Chromium.RequireOrSkip();
        // Two shared cores run a cloud, an agent and Chromium here: 5 s is too tight for a click's round trip.
        SetDefaultExpectTimeout(30_000);
        var shots = Chromium.ScreenshotDir();
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        using var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data);
        await agent.WaitOnlineWithSnapshotAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-TW" });
        var step = 0;
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"{++step:00}-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine("screenshot: " + path);
        }

        await page.GotoAsync(agent.Url + "#/home");
        var frontDesk = page.GetByTestId("frontdesk-button");
        await Expect(frontDesk).ToHaveTextAsync("點此開啟前台", Long);
        await Shot("online");
        // Marks this page load: if anything reloads the page, the mark is gone.
        await page.EvaluateAsync("window.__sameLoad = 42");

        // 1. The line is cut: the button offers offline mode by itself.
        cloud.Proxy.Cut();
        await Expect(frontDesk).ToHaveTextAsync("開啟離線模式", Long);
        await Shot("offline");
        await frontDesk.ClickAsync();

        // 2–3. Staff from the snapshot (one tile each): then the checkout the clerk was going to; the customer by phone (F2).
        await page.Locator("[data-staff-id='S001-E02']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/checkout$"));
        await page.GetByTestId("member-button").ClickAsync();
        await page.GetByTestId("customer-phone").FillAsync("0909847665");
        await page.GetByTestId("customer-lookup").ClickAsync();
        await Expect(page.GetByTestId("checkout-customer")).ToContainTextAsync("許淑芬");
        await Shot("login");

        // 4. Inline errors first: Enter on an empty field, then a malformed code.
        var sku = page.GetByTestId("sku-input");
        await Expect(sku).ToBeVisibleAsync();
        await Expect(sku).ToBeFocusedAsync();
        await sku.PressAsync("Enter");
        await Expect(page.GetByTestId("sku-error")).ToHaveTextAsync("請掃描或輸入商品編號");
        await sku.PressSequentiallyAsync("TS 04?");
        await sku.PressAsync("Enter");
        await Expect(page.GetByTestId("sku-error")).ToContainTextAsync("格式不正確");
        await sku.FillAsync("");

        // "Scan" three SKUs: keystrokes + Enter, as a scanner sends them.
        foreach (var code in new[] { "TS-0400001", "TS-0200002", "AC-0400017" })
        {
            await sku.PressSequentiallyAsync(code);
            await sku.PressAsync("Enter");
        }
        var rows = page.GetByTestId("line-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0).GetByTestId("line-price")).ToHaveValueAsync("589"); // prefilled from the cached catalog
        await Expect(rows.Nth(0).GetByTestId("line-source")).ToHaveTextAsync("離線資料");

        // Prices typed by hand: the first differs from the catalog; a zero quantity is caught inline.
        await rows.Nth(0).GetByTestId("line-price").FillAsync("-5");
        await Expect(rows.Nth(0).GetByTestId("line-price-error")).ToHaveTextAsync("價格不可為負數");
        await rows.Nth(0).GetByTestId("line-price").FillAsync("500");
        await Expect(rows.Nth(0).GetByTestId("line-source")).ToHaveTextAsync("手動輸入");
        await rows.Nth(1).GetByTestId("line-price").FillAsync("709");
        await rows.Nth(1).GetByTestId("line-qty").FillAsync("0");
        await Expect(rows.Nth(1).GetByTestId("line-qty-error")).ToHaveTextAsync("數量至少為 1");
        await rows.Nth(1).GetByTestId("line-qty").FillAsync("1");
        // The third is a 加價購 line: its price follows to the add-on price.
        await rows.Nth(2).GetByTestId("line-type").SelectOptionAsync("addOn");
        await Expect(rows.Nth(2).GetByTestId("line-price")).ToHaveValueAsync("309");
        await rows.Nth(2).GetByTestId("line-price").FillAsync("309");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("1,518");
        await page.GetByTestId("cash-tendered").FillAsync("2000");
        await Expect(page.GetByTestId("change-due")).ToHaveTextAsync("482");

        // E-invoice (one tap): numbers left are shown; the customer's mobile barcode is checked inline (lower case is a typo).
        await Expect(page.GetByTestId("invoice-left")).ToHaveTextAsync("發票剩 1000");
        await page.GetByTestId("invoice-button").ClickAsync();
        await Expect(page.GetByTestId("invoice-remaining")).ToContainTextAsync("剩 1000 張");
        await page.GetByTestId("invoice-carrier").FillAsync("/abc+123");
        await Expect(page.GetByTestId("invoice-error")).ToContainTextAsync("手機條碼");
        await page.GetByTestId("invoice-carrier").FillAsync("/ABC+123");
        await Expect(page.GetByTestId("invoice-error")).ToHaveTextAsync("");
        await page.GetByTestId("invoice-done").ClickAsync();
        await Expect(page.GetByTestId("invoice-summary")).ToHaveTextAsync("載具 /ABC+123");
        await Shot("checkout");

        await page.GetByTestId("complete-sale").ClickAsync();
        await Expect(page.GetByTestId("sale-done")).ToContainTextAsync("第 1 筆銷售完成");
        await Expect(page.GetByTestId("done-change")).ToHaveTextAsync("482");
        await Expect(page.GetByTestId("done-invoice")).ToContainTextAsync($"發票 {CloudProcess.Track}-10000000（存入載具 /ABC+123）");
        await Expect(page.GetByTestId("invoice-left")).ToHaveTextAsync("發票剩 999");
        await Shot("sale-done");
        await page.GetByTestId("next-customer").ClickAsync();

        // 5. The order list shows it, waiting.
        await page.GetByTestId("menu-button").ClickAsync();
        await page.Locator("#nav-orders").ClickAsync();
        var orderRow = page.GetByTestId("order-row");
        await Expect(orderRow).ToHaveCountAsync(1);
        await Expect(orderRow.GetByTestId("order-total")).ToHaveTextAsync("1,518");
        await Expect(orderRow.GetByTestId("upload-state")).ToHaveTextAsync("等待中");
        await Shot("order-list");

        // 上傳紀錄 while offline: 等待中.
        await page.GetByTestId("menu-button").ClickAsync();
        await page.Locator("#nav-uploads").ClickAsync();
        var uploadState = page.GetByTestId("upload-row").GetByTestId("upload-state");
        await Expect(uploadState).ToHaveTextAsync("等待中");
        await Shot("uploads-waiting");

        // The line comes back: the button and the record change by themselves, no reload.
        cloud.Proxy.Restore();
        await Expect(frontDesk).ToHaveTextAsync("點此開啟前台", Long);
        await Expect(uploadState).ToHaveTextAsync("成功", Long);
        Assert.Equal(42, await page.EvaluateAsync<int>("window.__sameLoad"));
        await Shot("uploads-success");

        // 詳情: the catalog's name and the manager price override beside what was typed.
        await page.GetByTestId("upload-row").GetByTestId("upload-detail").ClickAsync();
        await Expect(page.GetByTestId("detail-back")).ToHaveTextAsync("← 回上傳紀錄");
        await Expect(page.GetByTestId("detail-cloud").GetByTestId("cloud-catalog-name").First).ToHaveTextAsync("職人 輕量防潑水外套 酒紅 M", Long);
        var overrideRow = page.GetByTestId("override-row");
        await Expect(overrideRow).ToHaveCountAsync(1);
        await Expect(overrideRow).ToContainTextAsync("589");
        await Expect(overrideRow).ToContainTextAsync("500");
        await Expect(overrideRow.GetByTestId("override-difference")).ToHaveTextAsync("−89");
        await Expect(overrideRow.GetByTestId("override-difference")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdown\b"));
        await Expect(page.GetByTestId("detail-typed").GetByTestId("typed-line")).ToHaveCountAsync(3);
        // The proof preview the agent renders (GET /receipts/{id}.png) shows, loaded, beside the invoice number.
        await Expect(page.GetByTestId("detail-invoice")).ToHaveTextAsync($"{CloudProcess.Track}-10000000");
        var preview = page.GetByTestId("receipt-preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"^/receipts/[0-9a-f-]{36}\.png$"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=receipt-preview]'); return i.complete && i.naturalWidth > 300; }");
        await Shot("detail");
        await preview.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, $"{++step:00}-receipt-preview.png") });

        // English is one click away.
        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(frontDesk).ToHaveTextAsync("Open the front desk");
        await Shot("detail-english");

        Assert.Equal(1, await cloud.StoreOrderCountAsync());
        try { Directory.Delete(data, true); } catch (IOException) { }
    }
}
