using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>axe-core run in the page as it is now (served by the package, no CDN): no serious or critical violation.</summary>
public static class Axe
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {what}: " + string.Join("\n", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target + " " + n.Html))}")));
    }
}
