using Microsoft.Playwright;

namespace PosCloud.Dashboard.Tests.Support;

/// <summary>
/// Real Chromium from the machine (/usr/bin/chromium, or POSCLOUD_CHROMIUM); Playwright's own browser
/// download is never used. Without a Chromium the tests skip loudly, unless POSCLOUD_REQUIRE_INFRA=1.
/// </summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("POSCLOUD_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    public static void RequireChromium()
    {
        if (File.Exists(ExecutablePath)) return;
        var reason = $"*** Chromium not found at {ExecutablePath} (set POSCLOUD_CHROMIUM). The dashboard browser tests were NOT run. ***";
        Console.Error.WriteLine(reason);
        if (Environment.GetEnvironmentVariable("POSCLOUD_REQUIRE_INFRA") == "1")
            throw new InvalidOperationException(reason + " (POSCLOUD_REQUIRE_INFRA=1 turns this skip into a failure.)");
        throw new SkipException(reason);
    }

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        RequireChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
        return (playwright, browser);
    }

    /// <summary>TestResults/screenshots at the repository root (found by PosCloud.sln).</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PosCloud.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"dashboard-{name}.png");
    }
}
