using Microsoft.Playwright;

namespace PosCloud.Tests.Support;

/// <summary>
/// Real Chromium from the machine (/usr/bin/chromium, or POSCLOUD_CHROMIUM); Playwright's own browser download is
/// never used. Missing: the test is skipped loudly, unless POSCLOUD_REQUIRE_INFRA=1 (CI), where it fails.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("POSCLOUD_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    public static void RequireOrSkip()
    {
        if (File.Exists(ExecutablePath)) return;
        var reason = $"*** Chromium is not installed at {ExecutablePath} (apt-get install -y chromium fonts-wqy-microhei, or set POSCLOUD_CHROMIUM). The browser test was NOT run. ***";
        Console.Error.WriteLine(reason);
        if (Environment.GetEnvironmentVariable("POSCLOUD_REQUIRE_INFRA") == "1")
            throw new InvalidOperationException(reason + " (POSCLOUD_REQUIRE_INFRA=1 turns this skip into a failure.)");
        throw new SkipException(reason);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = Args,
    });

    /// <summary>Playwright and a headless Chromium, or a skip (see <see cref="RequireOrSkip"/>).</summary>
    public static async Task<(IPlaywright, IBrowser)> StartAsync()
    {
        RequireOrSkip();
        var playwright = await Playwright.CreateAsync();
        return (playwright, await LaunchAsync(playwright));
    }

    /// <summary>POSCLOUD_SCREENSHOTS, or TestResults/screenshots at the repository root (found by PosCloud.sln).</summary>
    public static string ScreenshotDir()
    {
        var dir = Environment.GetEnvironmentVariable("POSCLOUD_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "PosCloud.sln"))) root = root.Parent;
            dir = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string ScreenshotPath(string fileName) => Path.Combine(ScreenshotDir(), fileName);
}
