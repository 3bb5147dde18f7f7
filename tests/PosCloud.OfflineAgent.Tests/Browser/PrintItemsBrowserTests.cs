using System.Net.Http.Json;
using Microsoft.Playwright;
using PosCloud.Printing;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.OfflineAgent.Tests.Support;
using SkiaSharp;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// 「列印明細」 at the counter (issue 12), in real Chromium at 1024×768 against the real agent and a network printer
/// stand-in: the clerk ticks it in the invoice options (F4), pays, and the printed job and the preview carry the
/// 交易明細 slip after the proof; the next customer starts unticked and gets the proof alone; a buyer tax id ticks it
/// and locks it, saying why. axe-core finds no serious or critical violation on the options.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PrintItemsBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_clerk_ticks_print_items_and_the_slip_prints_and_the_next_customer_gets_the_proof_alone()
    {
        Chromium.RequireOrSkip();
        SetDefaultExpectTimeout(30_000);
        await using var printer = new FakeNetworkPrinter();
        await using var agent = await InProcessAgent.StartAsync(printer: $"tcp://127.0.0.1:{printer.Port}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, Locale = "zh-TW" });
        var shots = Chromium.ScreenshotDir();
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"print-items-1024x768-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine("screenshot: " + path);
        }

        await page.GotoAsync(agent.Client.BaseAddress + "#/checkout");
        await page.WaitForSelectorAsync("[data-testid=staff-tile], [data-testid=sku-input]:visible");
        if (await page.GetByTestId("staff-tile").CountAsync() > 0) await page.Locator("[data-staff-id='S001-E02']").ClickAsync();
        var sku = page.GetByTestId("sku-input");
        await Expect(sku).ToBeFocusedAsync();
        async Task Scan(string code) { await sku.PressSequentiallyAsync(code); await sku.PressAsync("Enter"); }
        var box = page.GetByTestId("invoice-print-items");

        // 1. F4, tick 列印明細 (default off), done: the summary says so; pay.
        await Scan("TS-0400001");
        await Expect(page.GetByTestId("line-row")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("F4");
        await Expect(page.GetByTestId("invoice-dialog")).ToBeVisibleAsync();
        await Expect(box).Not.ToBeCheckedAsync();
        await Expect(box).ToBeEnabledAsync();
        var row = await page.Locator("label.check-row").BoundingBoxAsync();
        Assert.True(row!.Height >= 44 && row.Width >= 44, $"the 列印明細 row is {row.Width}x{row.Height}: a finger needs 44 px");
        await page.GetByText("列印明細（交易明細）").ClickAsync();
        await Expect(box).ToBeCheckedAsync();
        await Shot("options-ticked");
        await Axe.AssertNoSeriousViolationsAsync(page, "invoice options with 列印明細");
        await page.GetByTestId("invoice-done").ClickAsync();
        await Expect(page.GetByTestId("invoice-summary")).ToContainTextAsync("明細");
        await page.Keyboard.PressAsync("F12");
        await Expect(page.GetByTestId("done-invoice")).ToContainTextAsync("含交易明細");
        await Shot("sale-done-with-items");
        var ticked = Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(ProofLayoutBuilder.Title, ticked);
        Assert.Contains(ProofLayoutBuilder.DetailTitle, ticked);
        Assert.Contains(ticked, t => t.Contains("職人 輕量防潑水外套", StringComparison.Ordinal));

        // 2. 下一位客人: unticked again; pay without it — the proof alone.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("sale-done-panel")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("invoice-summary")).Not.ToContainTextAsync("明細");
        await Scan("TS-0400001");
        await Expect(page.GetByTestId("line-row")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("F12");
        await Expect(page.GetByTestId("done-invoice")).ToContainTextAsync("證明聯列印中");
        await Expect(page.GetByTestId("done-invoice")).Not.ToContainTextAsync("明細");
        var plain = Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(ProofLayoutBuilder.Title, plain);
        Assert.DoesNotContain(ProofLayoutBuilder.DetailTitle, plain);
        await page.Keyboard.PressAsync("Enter");

        // The previews show what printed: the first goes on past the proof with the slip, the second stops at the proof.
        var orders = (await agent.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("api/orders"));
        var ids = orders.EnumerateArray().Select(o => (Number: o.GetProperty("localNumber").GetInt64(), Id: o.GetProperty("orderId").GetGuid())).OrderBy(o => o.Number).Select(o => o.Id).ToList();
        var withSlip = Height(await agent.Client.GetByteArrayAsync($"receipts/{ids[0]}.png"));
        var proofOnly = Height(await agent.Client.GetByteArrayAsync($"receipts/{ids[1]}.png"));
        Assert.True(withSlip > proofOnly * 1.2, $"preview with the slip {withSlip} px, proof alone {proofOnly} px");

        // 3. A buyer tax id: ticked and locked, and the screen says why.
        await Scan("TS-0400001");
        await page.Keyboard.PressAsync("F4");
        await page.GetByTestId("invoice-taxid").FillAsync("87654322");
        await Expect(box).ToBeCheckedAsync();
        await Expect(box).ToBeDisabledAsync();
        await Expect(page.GetByTestId("invoice-print-items-note")).ToContainTextAsync("一律列印交易明細");
        await Shot("options-tax-id");
        await Axe.AssertNoSeriousViolationsAsync(page, "invoice options with a buyer tax id");
        await page.GetByTestId("invoice-done").ClickAsync();
        await page.Keyboard.PressAsync("F12");
        await Expect(page.GetByTestId("done-invoice")).ToContainTextAsync("含交易明細");
        Assert.Contains(ProofLayoutBuilder.DetailTitle, Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))));
    }

    private static List<string> Texts(byte[] bytes) => EscPosParser.Parse(bytes, EscPosRenderer.TextEncoding).OfType<EscPosText>().Select(t => t.Text).ToList();

    private static int Height(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.Height;
    }
}
