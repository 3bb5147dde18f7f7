using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Numbers;
using Microsoft.AspNetCore.Builder;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.Snapshot;

// The checkout screen in real Chromium against the real agent (in-process, offline: the worst case, every
// price from the cached catalog): scan → line visible and pay → sale-done panel visible, timed in the page
// from the Enter / F12 keydown to the DOM showing the result (performance.now(), so Playwright's own round
// trips do not count). Loopback only; bounded counts.
if (args.Contains("--help"))
{
    Console.WriteLine("""
        CheckoutBench — dotnet run -c Release --project bench/CheckoutBench -- [--sales 100] [--lines 3] [--chromium /usr/bin/chromium]
          Starts the store agent in-process on 127.0.0.1 with a 200-product snapshot and no cloud, signs a clerk in,
          then in headless Chromium (1024x768) rings up --sales sales of --lines scans each (every other scan repeats
          a SKU, so quantity changes are timed too), paying each with F12 and closing it with Enter (下一位客人).
          Prints p50 / p95 / max of scan → line visible and pay → sale done. Targets: p95 < 100 ms and < 300 ms.
        """);
    return 0;
}
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var sales = Arg("--sales", 100);
var linesPerSale = Arg("--lines", 3);
var chromium = Array.IndexOf(args, "--chromium") is var c and >= 0 && c + 1 < args.Length ? args[c + 1] : "/usr/bin/chromium";

int FreePort() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p; }
var work = Path.Combine(Path.GetTempPath(), "checkoutbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var url = $"http://127.0.0.1:{FreePort()}";
var app = AgentApp.Build([
    $"--Cloud:BaseUrl=http://127.0.0.1:{FreePort()}/", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", "--Agent:RegisterKey=bench",
    $"--Agent:DataPath={work}", $"--urls={url}", "--Invoicing:SellerId=12345675", "--Invoicing:SellerName=PosCloud 示範零售股份有限公司",
    "--Invoicing:QrAesKey=FE05F029154F6AA67A78B338ED2F6601", "--Logging:LogLevel:Default=Warning",
]) ?? throw new InvalidOperationException("The agent refused its settings.");
await AgentApp.PrepareAsync(app);
var period = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(DateTimeOffset.UtcNow)));
var products = Enumerable.Range(1, 200).Select(i => new SnapshotProduct($"BN-{i:0000000}", null, $"職人 輕量防潑水外套 第 {i} 款 酒紅 M 加長版名稱測試", 100 + i, 50 + i, i % 2 == 0, true)).ToList();
await app.Services.GetRequiredService<SnapshotCache>().SaveAsync(new StoreSnapshot("S001", "台北西門店", "bench", DateTimeOffset.UtcNow,
    [new SnapshotStaff("S001-E02", "蔡雅婷", "clerk")], [], products,
    [new SnapshotInvoiceRange("S001-R1", period.Code, "ZZ", 10_000_000, 10_099_999), new SnapshotInvoiceRange("S001-R1", period.Next().Code, "ZZ", 10_000_000, 10_099_999)]),
    "\"bench\"", CancellationToken.None);
await app.StartAsync();
using (var http = new HttpClient { BaseAddress = new Uri(url + "/") })
{
    // As the agent's own page: its Origin and the per-process token (the agent refuses state changes without them).
    http.DefaultRequestHeaders.Add(LocalRequestRules.TokenHeader, app.Services.GetRequiredService<AgentSessionToken>().Value);
    http.DefaultRequestHeaders.Add("Origin", url);
    (await http.PostAsJsonAsync("api/session/sign-in", new { staffId = "S001-E02" })).EnsureSuccessStatusCode();
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 }, Locale = "zh-TW" });
await page.GotoAsync(url + "/#/checkout");
await page.GetByTestId("sku-input").WaitForAsync();
await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'sku-input'");

// One scan: the scanner's keystrokes are typed by Playwright; the timed part is Enter → the line (or its new quantity) in the DOM.
const string timedScan = """
    async (code) => {
      const input = document.getElementById('sku-input');
      const sig = () => [...document.querySelectorAll('[data-testid=line-qty]')].map(q => q.value).join(',');
      const before = sig();
      input.value = code;
      const t0 = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      while (sig() === before) await new Promise(r => requestAnimationFrame(r));
      return performance.now() - t0;
    }
    """;
const string timedPay = """
    async () => {
      const done = document.getElementById('sale-done');
      const t0 = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F12', bubbles: true, cancelable: true }));
      while (done.classList.contains('hidden')) await new Promise(r => requestAnimationFrame(r));
      const ms = performance.now() - t0;
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      return ms;
    }
    """;
var scanMs = new List<double>(); var payMs = new List<double>();
var rng = new Random(7);
// Warm-up: one sale not counted (JIT, first SQLite writes).
for (var s = -1; s < sales; s++)
{
    string? last = null;
    for (var l = 0; l < linesPerSale; l++)
    {
        var code = l % 2 == 1 && last is not null ? last : $"BN-{rng.Next(1, 201):0000000}";
        last = code;
        var ms = await page.EvaluateAsync<double>(timedScan, code);
        if (s >= 0) scanMs.Add(ms);
    }
    var pay = await page.EvaluateAsync<double>(timedPay);
    if (s >= 0) payMs.Add(pay);
    await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=line-row]').length === 0");
}
static string Stats(List<double> v)
{
    var s = v.Order().ToList();
    double P(double q) => s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)];
    return $"n={s.Count} p50={P(0.50):0.0} ms p95={P(0.95):0.0} ms max={s[^1]:0.0} ms";
}
Console.WriteLine($"CheckoutBench: Chromium {browser.Version}, 1024x768, agent offline in-process, {sales} sales × {linesPerSale} scans");
Console.WriteLine($"scan → line visible : {Stats(scanMs)}  (target p95 < 100 ms)");
Console.WriteLine($"pay  → sale done    : {Stats(payMs)}  (target p95 < 300 ms)");
var ok = Stats(scanMs) is not null && scanMs.Order().ElementAt((int)Math.Ceiling(0.95 * scanMs.Count) - 1) < 100 && payMs.Order().ElementAt((int)Math.Ceiling(0.95 * payMs.Count) - 1) < 300;
await app.StopAsync();
try { Directory.Delete(work, true); } catch (IOException) { }
return ok ? 0 : 1;
