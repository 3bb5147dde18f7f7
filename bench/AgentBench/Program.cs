using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;

// Store agent benchmark: p50/p99 of a scanned line and of a completed sale (local, offline), then the
// time to drain a backlog to a local cloud after it comes back. Loopback only; bounded counts.
if (args.Contains("--help"))
{
    Console.WriteLine("""
        AgentBench — dotnet run -c Release --project bench/AgentBench -- [--orders 10000] [--scans 2000] [--sales 1000]
          Starts the cloud (src/Api, built by this project, embedded SQLite) on 127.0.0.1, lets the agent
          (in-process) cache the snapshot, stops the cloud, measures scans and sales through the agent's
          HTTP API, fills the backlog to --orders sales, starts the cloud again and times the drain.
        """);
    return 0;
}
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var totalOrders = Arg("--orders", 10_000);
var scans = Arg("--scans", 2_000);
var sales = Math.Min(Arg("--sales", 1_000), totalOrders);

var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "PosCloud.sln"))) root = root.Parent;
var config = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
var apiDll = Path.Combine(root!.FullName, "src", "Api", "bin", config, "net10.0", "PosCloud.Api.dll");
var work = Path.Combine(Path.GetTempPath(), "agentbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
int FreePort() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p; }
var cloudPort = FreePort();
var agentPort = FreePort();
const string key = "bench-S001-R1-key";
const string hqKey = "bench-hq-key-0001";

Process StartCloud()
{
    var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(apiDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { apiDll, "--urls", $"http://127.0.0.1:{cloudPort}", $"--ConnectionStrings:PosCloud=Data Source={Path.Combine(work, "cloud.db")}",
                 $"--Demo:RegisterKey={key}", $"--Demo:HqKey={hqKey}", "--Demo:InvoiceNumbers=false", "--Outbox:PollInterval=00:00:00.200", "--RateLimit:PermitsPerSecond=1000", "--RateLimit:Burst=1000", "--RateLimit:PerAddressPermitsPerSecond=1000", "--RateLimit:PerAddressBurst=1000", "--Logging:LogLevel:Default=Warning" })
        psi.ArgumentList.Add(a);
    var p = Process.Start(psi)!;
    p.OutputDataReceived += (_, _) => { }; p.ErrorDataReceived += (_, _) => { };
    p.BeginOutputReadLine(); p.BeginErrorReadLine();
    return p;
}
async Task WaitReady()
{
    using var h = new HttpClient();
    for (var i = 0; i < 600; i++) { try { if ((await h.GetAsync($"http://127.0.0.1:{cloudPort}/health/ready")).IsSuccessStatusCode) return; } catch (HttpRequestException) { } await Task.Delay(200); }
    throw new TimeoutException("cloud not ready");
}

Console.WriteLine($"AgentBench ({config}): {scans} scans, {sales} sales over HTTP, backlog {totalOrders} orders; data in {work}");
var cloud = StartCloud();
await WaitReady();
// Every sale issues an e-invoice: HQ gives S001-R1 a block of the current period big enough for the backlog.
{
    using var hq = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cloudPort}/") };
    hq.DefaultRequestHeaders.Add("X-Api-Key", hqKey);
    var period = PosCloud.Invoicing.Numbers.InvoicePeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Code;
    var to = $"{10_000_000 + totalOrders + 99:D8}";
    (await hq.PostAsJsonAsync("api/v1/invoice-ranges", new { period, track = "BN", from = "10000000", to })).EnsureSuccessStatusCode();
    (await hq.PostAsJsonAsync("api/v1/registers/S001-R1/invoice-blocks", new { period, track = "BN", from = "10000000", to })).EnsureSuccessStatusCode();
}

var app = AgentApp.Build([
    $"--Cloud:BaseUrl=http://127.0.0.1:{cloudPort}/", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", $"--Agent:RegisterKey={key}",
    $"--Agent:DataPath={Path.Combine(work, "agent")}", "--Agent:OfflineSaleCap=0", $"--urls=http://127.0.0.1:{agentPort}",
    "--Invoicing:SellerId=12345675", "--Invoicing:SellerName=PosCloud Bench", "--Invoicing:QrAesKey=FE05F029154F6AA67A78B338ED2F6601",
    "--Cloud:ProbeInterval=00:00:00.500", "--Upload:BatchSize=500", "--Upload:StatusPollInterval=00:00:01", "--Logging:LogLevel:Default=Warning",
])!;
await AgentApp.PrepareAsync(app);
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{agentPort}/") };
// As the agent's own page: its Origin and the per-process token (the agent refuses state changes without them).
http.DefaultRequestHeaders.Add(LocalRequestRules.TokenHeader, app.Services.GetRequiredService<AgentSessionToken>().Value);
http.DefaultRequestHeaders.Add("Origin", $"http://127.0.0.1:{agentPort}");
async Task<JsonElement> Status() => await http.GetFromJsonAsync<JsonElement>("api/status");
while ((await Status()).GetProperty("snapshotVersion").ValueKind != JsonValueKind.String) await Task.Delay(200);

cloud.Kill(true); cloud.WaitForExit();
while ((await Status()).GetProperty("connectivity").GetString() != "offline") await Task.Delay(200);
Console.WriteLine("Cloud stopped; agent offline with a cached snapshot.");

var skus = new[] { "TS-0400001", "TS-0200002", "AC-0400017", "FD-0300022", "4718996504049" };
static (double P50, double P99) Percentiles(List<double> ms) { ms.Sort(); return (ms[(int)(ms.Count * 0.50)], ms[Math.Min(ms.Count - 1, (int)(ms.Count * 0.99))]); }

var scanTimes = new List<double>();
for (var i = 0; i < scans; i++)
{
    var sw = Stopwatch.StartNew();
    (await http.PostAsJsonAsync("api/checkout/scan", new { sku = skus[i % skus.Length], type = "regular" })).EnsureSuccessStatusCode();
    scanTimes.Add(sw.Elapsed.TotalMilliseconds);
}
var saleBody = new { staffId = "S001-E02", customerPhone = "0909847665", paymentMethod = "cash", cashTendered = 5000,
    lines = new[] { new { sku = "TS-0400001", type = "regular", quantity = 1, unitPrice = 500 }, new { sku = "TS-0200002", type = "regular", quantity = 2, unitPrice = 709 }, new { sku = "AC-0400017", type = "addOn", quantity = 1, unitPrice = 309 } } };
var saleTimes = new List<double>();
for (var i = 0; i < sales; i++)
{
    var sw = Stopwatch.StartNew();
    (await http.PostAsJsonAsync("api/checkout/complete", saleBody)).EnsureSuccessStatusCode();
    saleTimes.Add(sw.Elapsed.TotalMilliseconds);
}
var (s50, s99) = Percentiles(scanTimes);
var (c50, c99) = Percentiles(saleTimes);
Console.WriteLine($"add a scanned line (POST /api/checkout/scan, HTTP on loopback): p50 {s50:0.00} ms  p99 {s99:0.00} ms  (n={scans})");
Console.WriteLine($"complete a sale locally (3 lines, one SQLite transaction, synchronous=FULL): p50 {c50:0.00} ms  p99 {c99:0.00} ms  (n={sales})");

var checkout = app.Services.GetRequiredService<CheckoutService>();
var input = new SaleInput("S001-E02", null, [new("TS-0400001", null, LineType.Regular, 1, 500), new("AC-0400017", null, LineType.AddOn, 1, 309)], "cash", 1000, null);
var fill = Stopwatch.StartNew();
for (var i = sales; i < totalOrders; i++) if (!(await checkout.CompleteAsync(input, CancellationToken.None)).Ok) throw new InvalidOperationException("sale failed");
Console.WriteLine($"backlog filled to {totalOrders} pending orders ({totalOrders - sales} in-process sales in {fill.Elapsed.TotalSeconds:0.0} s)");

var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
async Task<(int Pending, int Uploaded, int Final)> Counts()
{
    await using var db = await dbFactory.CreateDbContextAsync();
    var g = await db.Orders.GroupBy(o => o.State).Select(x => new { x.Key, N = x.Count() }).ToListAsync();
    int N(params AgentOrderState[] s) => g.Where(x => s.Contains(x.Key)).Sum(x => x.N);
    return (N(AgentOrderState.Pending), N(AgentOrderState.Uploaded), N(AgentOrderState.Reconciled, AgentOrderState.NeedsReview, AgentOrderState.Failed, AgentOrderState.Rejected));
}

cloud = StartCloud();
await WaitReady();
var drain = Stopwatch.StartNew();
double? accepted = null;
while (drain.Elapsed < TimeSpan.FromMinutes(15))
{
    var (pending, _, final) = await Counts();
    if (pending == 0 && accepted is null) accepted = drain.Elapsed.TotalSeconds;
    if (final == totalOrders) break;
    await Task.Delay(250);
}
var (p, u, f) = await Counts();
Console.WriteLine($"drain after reconnect (cloud ready → all {totalOrders} accepted by the cloud): {accepted:0.0} s");
Console.WriteLine($"drain after reconnect (cloud ready → all {totalOrders} reconciled and known final on the register): {drain.Elapsed.TotalSeconds:0.0} s  [pending {p}, awaiting {u}, final {f}]");

await app.StopAsync();
cloud.Kill(true); cloud.WaitForExit();
try { Directory.Delete(work, true); } catch (IOException) { }
return f == totalOrders ? 0 : 1;
