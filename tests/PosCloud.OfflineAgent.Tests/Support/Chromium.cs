using Microsoft.Playwright;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>
/// Real Chromium from Debian's package (never Playwright's download). Missing: the test is skipped
/// loudly, unless POSCLOUD_REQUIRE_INFRA=1 (CI), where it fails.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static void RequireOrSkip()
    {
        if (File.Exists(ExecutablePath)) return;
        var reason = $"*** Chromium is not installed at {ExecutablePath} (apt-get install -y chromium fonts-wqy-microhei). The browser test was NOT run. ***";
        Console.Error.WriteLine(reason);
        if (Environment.GetEnvironmentVariable("POSCLOUD_REQUIRE_INFRA") == "1")
            throw new InvalidOperationException(reason + " (POSCLOUD_REQUIRE_INFRA=1 turns this skip into a failure.)");
        throw new SkipException(reason);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
    });

    public static string ScreenshotDir()
    {
        var dir = Environment.GetEnvironmentVariable("POSCLOUD_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
