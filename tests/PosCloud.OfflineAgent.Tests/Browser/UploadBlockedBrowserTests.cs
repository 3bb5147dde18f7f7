using System.Net.Http.Json;
using Microsoft.Playwright;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PosCloud.OfflineAgent.Tests.Browser;

/// <summary>
/// What the clerk and the manager see of a sale the cloud refuses and one it keeps failing on, in real Chromium
/// against the real agent and a stand-in cloud: 失敗 with the field, 上傳受阻 with the reason in the top bar and in
/// 上傳紀錄, and the manager's correction in 詳情 that uploads the sale and keeps the old value in 修正紀錄.
/// </summary>
[Trait("Category", "Browser")]
public sealed class UploadBlockedBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Refused_and_blocked_sales_show_why_and_a_manager_corrects_one_in_the_detail_view()
    {
        Chromium.RequireOrSkip();
        SetDefaultExpectTimeout(30_000);
        await using var cloud = await FakeCloud.StartAsync();
        cloud.Reject = (o, i) => o.Lines[0].Name is { Length: > 200 } ? new FieldError($"orders[{i}].lines[0].name", "at most 200 characters") : null;
        cloud.FailBatch = b => b.Orders.Any(o => o.Lines.Any(l => l.Name == "POISON")) ? 500 : null;
        cloud.Healthy = false;
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1", "--Agent:ManagerPin=2468",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200",
            "--Upload:SplitAfterFailures=2", "--Upload:BlockedRetryInterval=00:01:00");
        async Task<Guid> Sell(string? name)
        {
            var (_, body) = await agent.SellAsync(new
            {
                staffId = "S001-E02", paymentMethod = "cash", cashTendered = 1000,
                lines = new[] { new { sku = "TS-0400001", name, type = "regular", quantity = 1, unitPrice = 500m } },
            });
            return body.GetProperty("sale").GetProperty("orderId").GetGuid();
        }
        var refused = await Sell(new string('長', 250));
        var poison = await Sell("POISON");
        var good = await Sell(null);
        cloud.Healthy = true;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-TW" });
        var shots = Chromium.ScreenshotDir();
        async Task Shot(string name)
        {
            var path = Path.Combine(shots, $"upload-blocked-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine("screenshot: " + path);
        }

        await page.GotoAsync(agent.Client.BaseAddress + "#/uploads");
        // 上傳紀錄 needs a clerk of the shift: the deep link shows the sign-in first, then comes back here.
        await page.WaitForSelectorAsync("[data-testid=staff-tile], [data-testid=upload-row]");
        if (await page.GetByTestId("staff-tile").CountAsync() > 0) await page.GetByTestId("staff-tile").First.ClickAsync();
        Task<ILocator> Row(Guid id) => Task.FromResult(page.Locator($"[data-testid=upload-row][data-order-id='{id}']"));
        await Expect((await Row(good)).GetByTestId("upload-state")).ToHaveTextAsync("成功");
        await Expect((await Row(refused)).GetByTestId("upload-state")).ToHaveTextAsync("失敗");
        await Expect((await Row(refused)).GetByTestId("upload-reasons")).ToHaveTextAsync("lines[0].name: at most 200 characters");
        await Expect((await Row(poison)).GetByTestId("upload-state")).ToHaveTextAsync("上傳受阻");
        await Expect((await Row(poison)).GetByTestId("upload-reasons")).ToContainTextAsync("上傳受阻：500 Internal error");
        var badge = page.GetByTestId("upload-blocked");
        await Expect(badge).ToContainTextAsync("上傳受阻 1");
        await Expect(badge).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("500 Internal error"));
        await Expect(badge).ToContainTextAsync("退回待修正 1");
        await Shot("records");

        // 詳情 of the refused sale: the manager shortens the name and enters the PIN.
        await (await Row(refused)).GetByTestId("upload-detail").ClickAsync();
        var form = page.GetByTestId("detail-correct");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("[data-field='lines[0].name']").FillAsync("長外套");
        await page.GetByTestId("correct-pin").FillAsync("1111");
        await page.GetByTestId("correct-submit").ClickAsync();
        await Expect(page.GetByTestId("correct-result")).ToHaveTextAsync("店長密碼錯誤");
        await page.GetByTestId("correct-pin").FillAsync("2468");
        await page.GetByTestId("correct-submit").ClickAsync();
        await Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("成功");
        await Expect(form).ToBeHiddenAsync();
        var history = page.GetByTestId("correction-row");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync("長外套");
        await Expect(history).ToContainTextAsync("門市店長密碼");
        await Shot("corrected");
        Assert.Equal("長外套", cloud.Stored[refused].Lines[0].Name);
        await Expect(badge).Not.ToContainTextAsync("退回待修正");
        Assert.Equal(0, (await agent.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("api/status")).GetProperty("refused").GetInt32());
    }
}
