using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

// The dashboard overview under load: a fresh PostgreSQL database migrated by the real migrations,
// S stores and N orders bulk-loaded with COPY (binary), the per-store counts computed once, then the
// Api (Release build, its own process) signed in as a dashboard user and timed on R sequential
// GET /dashboard/api/overview requests. Prints p50/p95/p99; exits 1 when p95 is over the target.
var o = Options.Parse(args);
if (o is null) return 0;

var dbName = "poscloud_dashbench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
await using (var admin = new NpgsqlConnection(o.Postgres))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {dbName}", admin).ExecuteNonQueryAsync();
}
var cs = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = dbName }.ConnectionString;
var apiDll = Path.Combine(o.RepoRoot, "src/Api/bin/Release/net10.0/PosCloud.Api.dll");
if (!File.Exists(apiDll)) { Console.Error.WriteLine($"Build the Api first: dotnet build -c Release src/Api  (missing {apiDll})"); return 2; }

var total = Stopwatch.StartNew();
var dbOptions = new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql(cs).Options;
await using (var db = new PostgresCloudDbContext(dbOptions))
{
    await db.Database.MigrateAsync();
    Console.WriteLine($"database {dbName} migrated ({db.Database.GetMigrations().Count()} migration(s)) in {total.Elapsed.TotalSeconds:F1} s");
}

var now = DateTimeOffset.UtcNow;
var load = Stopwatch.StartNew();
var expected = await BulkLoad.RunAsync(cs, o, now);
Console.WriteLine($"COPY {o.Stores:N0} stores, {o.Stores:N0} registers, {expected.Batches:N0} batches, {o.Orders:N0} orders in {load.Elapsed.TotalSeconds:F1} s");

var step = Stopwatch.StartNew();
await using (var db = new PostgresCloudDbContext(dbOptions))
{
    await StoreStatusCounts.RebuildAsync(db);
    var user = new DashboardUser { UserName = "bench-viewer", DisplayName = "Bench", Role = DashboardRoles.Viewer, PasswordHash = "", CreatedAt = now };
    user.PasswordHash = new PasswordHasher<DashboardUser>().HashPassword(user, "bench-password-1");
    db.DashboardUsers.Add(user);
    db.ApiClients.Add(new ApiClient { Id = Guid.NewGuid(), Name = "bench hq", Role = "hq", ApiKeyHash = ApiKeyHash.Of("bench-hq-key"), CreatedAt = now });
    await db.SaveChangesAsync();
}
await using (var conn = new NpgsqlConnection(cs))
{
    await conn.OpenAsync();
    await new NpgsqlCommand("VACUUM ANALYZE", conn) { CommandTimeout = 600 }.ExecuteNonQueryAsync();
    // For comparison: what the overview would cost as a plain GROUP BY over every order.
    var groupBy = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        await new NpgsqlCommand("SELECT \"StoreId\", \"Status\", count(*) FROM \"Orders\" GROUP BY 1, 2", conn).ExecuteNonQueryAsync();
        groupBy.Add(sw.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"per-store counts rebuilt, VACUUM ANALYZE done in {step.Elapsed.TotalSeconds:F1} s; for comparison a GROUP BY over all orders takes {string.Join(" / ", groupBy.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))} ms");
}

var port = 5700 + Random.Shared.Next(200);
var baseUrl = $"http://127.0.0.1:{port}";
using var api = Process.Start(new ProcessStartInfo("dotnet",
[
    apiDll, "--urls", baseUrl, "--Database:Provider=PostgreSql", $"--ConnectionStrings:PosCloud={cs}",
    "--Database:MigrateOnStartup=false", "--Database:SeedDemoData=false", "--Bus:Transport=InMemory",
    "--Logging:LogLevel:Default=Warning", $"--Dashboard:OverviewCacheSeconds={o.CacheSeconds}",
    // Every simulated HQ browser comes from 127.0.0.1: the per-address limit would measure itself.
    "--RateLimit:PerAddressPermitsPerSecond=100000", "--RateLimit:PerAddressBurst=100000",
])
{ RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() })!;
_ = api.StandardOutput.ReadToEndAsync();
_ = api.StandardError.ReadToEndAsync();
try
{
    var cookies = new CookieContainer();
    using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
    await WaitReadyAsync(http);
    var loginPage = await http.GetStringAsync("/dashboard/login");
    var token = Regex.Match(loginPage, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    var signIn = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["userName"] = "bench-viewer", ["password"] = "bench-password-1", ["returnUrl"] = "/dashboard",
    }));
    if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)signIn.StatusCode}");
    Console.WriteLine($"Api up (pid {api.Id}) on {baseUrl}; signed in as bench-viewer (cookie). Warming up {o.Warmup} requests, then timing {o.Requests}…");

    string last = "";
    for (var i = 0; i < o.Warmup; i++) last = await GetAsync(http, "/dashboard/api/overview");
    var times = new List<double>(o.Requests);
    var dbTimes = new List<double>();
    var hits = 0;
    for (var i = 0; i < o.Requests; i++)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.GetAsync("/dashboard/api/overview");
        last = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        times.Add(sw.Elapsed.TotalMilliseconds);
        var timing = response.Headers.TryGetValues("Server-Timing", out var v) ? string.Join(",", v) : "";
        if (timing.Contains("hit", StringComparison.Ordinal)) hits++;
        else if (Regex.Match(timing, @"db;dur=([\d.]+)") is { Success: true } m) dbTimes.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }
    // A trivial endpoint on the same process: what the machine's load alone costs a request.
    var baseline = new List<double>();
    for (var i = 0; i < 100; i++) { var sw = Stopwatch.StartNew(); await GetAsync(http, "/health/live"); baseline.Add(sw.Elapsed.TotalMilliseconds); }
    times.Sort();
    dbTimes.Sort();
    baseline.Sort();
    static double Q(List<double> xs, double q) => xs.Count == 0 ? double.NaN : xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)];
    double P(double q) => Q(times, q);

    using var doc = System.Text.Json.JsonDocument.Parse(last);
    var totals = doc.RootElement.GetProperty("totals");
    long T(string name) => totals.GetProperty(name).GetInt64();
    var counted = T("waiting") + T("reconciled") + T("needsReview") + T("failed");
    var rows = doc.RootElement.GetProperty("stores").GetArrayLength();

    // The API's sync-status: the first request after start-up raises every register's completeness watermark
    // (it reads every number once); the timed ones read only above the watermarks.
    http.DefaultRequestHeaders.Add("X-Api-Key", "bench-hq-key");
    var coldWatch = Stopwatch.StartNew();
    var syncAnswer = await GetAsync(http, "/api/v1/sync-status");
    var syncCold = coldWatch.Elapsed.TotalMilliseconds;
    var sync = new List<double>();
    for (var i = 0; i < o.SyncRequests; i++) { var sw = Stopwatch.StartNew(); syncAnswer = await GetAsync(http, "/api/v1/sync-status"); sync.Add(sw.Elapsed.TotalMilliseconds); }
    sync.Sort();
    using var syncDoc = System.Text.Json.JsonDocument.Parse(syncAnswer);
    var syncStores = syncDoc.RootElement.GetProperty("stores");
    var gapRegisters = syncStores.EnumerateArray().SelectMany(st => st.GetProperty("registers").EnumerateArray())
        .Count(r => r.GetProperty("missingCount").GetInt32() == 1 && r.GetProperty("missingLocalNumbers")[0].GetInt64() == 4);
    var expectedGaps = Enumerable.Range(0, o.Stores).Count(st => st % 50 == 1);

    Console.WriteLine();
    Console.WriteLine($"stores in the answer     {rows:N0} (of {o.Stores:N0}); orders counted {counted:N0} (of {o.Orders:N0}); waiting {T("waiting"):N0} (expected {expected.Waiting:N0}), needs review {T("needsReview"):N0} (expected {expected.NeedsReview:N0}), failed {T("failed"):N0} (expected {expected.Failed:N0})");
    Console.WriteLine($"answer size              {System.Text.Encoding.UTF8.GetByteCount(last) / 1024.0:N0} KiB");
    Console.WriteLine($"GET /dashboard/api/overview, {o.Requests} sequential requests:");
    Console.WriteLine($"  p50 {P(0.50),8:N1} ms");
    Console.WriteLine($"  p95 {P(0.95),8:N1} ms   (target < {o.TargetMs} ms)");
    Console.WriteLine($"  p99 {P(0.99),8:N1} ms");
    Console.WriteLine($"  max {times[^1],8:N1} ms");
    Console.WriteLine($"  server-side query time (Server-Timing db, {dbTimes.Count} computed, {hits} cache hits; Dashboard:OverviewCacheSeconds={o.CacheSeconds}): p50 {Q(dbTimes, 0.5):N1} ms, p95 {Q(dbTimes, 0.95):N1} ms");
    Console.WriteLine($"GET /health/live on the same process (machine-load baseline, 100 requests): p50 {Q(baseline, 0.5):N1} ms, p95 {Q(baseline, 0.95):N1} ms");
    Console.WriteLine($"machine load average at the end: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");
    Console.WriteLine($"GET /api/v1/sync-status, {o.SyncRequests} sequential requests after the first ({syncCold:N0} ms, raising the watermarks):");
    Console.WriteLine($"  p50 {Q(sync, 0.50),8:N1} ms");
    Console.WriteLine($"  p95 {Q(sync, 0.95),8:N1} ms   (target < {o.TargetMs} ms)");
    Console.WriteLine($"  max {sync[^1],8:N1} ms");
    Console.WriteLine($"  stores in the answer {syncStores.GetArrayLength():N0}; registers reported with exactly sale 4 missing {gapRegisters:N0} (expected {expectedGaps:N0})");
    Console.WriteLine($"total bench time {total.Elapsed.TotalSeconds:F0} s");
    var ok = rows == o.Stores && counted == o.Orders && T("waiting") == expected.Waiting && T("needsReview") == expected.NeedsReview
        && T("failed") == expected.Failed && P(0.95) < o.TargetMs
        && syncStores.GetArrayLength() == o.Stores && gapRegisters == expectedGaps && Q(sync, 0.95) < o.TargetMs;
    Console.WriteLine(ok ? "RESULT: PASS" : "RESULT: FAIL");
    return ok ? 0 : 1;
}
finally
{
    api.Kill(entireProcessTree: true);
    if (!o.Keep)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(o.Postgres);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}

static async Task<string> GetAsync(HttpClient http, string path)
{
    using var response = await http.GetAsync(path);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
    return body;
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 240; i++)
    {
        try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
        catch (HttpRequestException) { }
        await Task.Delay(500);
    }
    throw new TimeoutException("The Api did not become ready in 120 s");
}

internal sealed record Expected(long Batches, long Waiting, long NeedsReview, long Failed);

/// <summary>
/// The data: each store has one register and Orders/Stores orders in batches of 100 spread over 30 days.
/// One store in 20 still has its last batch waiting (a region that just came back); about 1 % of
/// orders need review and 0.3 % failed; 80 % of registers called within the last two minutes.
/// </summary>
internal static class BulkLoad
{
    public const int BatchSize = 100;

    public static async Task<Expected> RunAsync(string cs, Options o, DateTimeOffset now)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var perStore = o.Orders / o.Stores;
        var extra = o.Orders % o.Stores;
        string Store(int i) => $"S{i + 1:D4}";

        await using (var w = await conn.BeginBinaryImportAsync("COPY \"Stores\" (\"Id\", \"Name\", \"ManagerStaffId\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < o.Stores; i++) { await w.StartRowAsync(); await w.WriteAsync(Store(i)); await w.WriteAsync($"門市 {i + 1}"); await w.WriteNullAsync(); }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY \"Registers\" (\"Id\", \"StoreId\", \"ApiKeyHash\", \"LastContactAt\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < o.Stores; i++)
            {
                await w.StartRowAsync(); await w.WriteAsync(Store(i) + "-R1"); await w.WriteAsync(Store(i)); await w.WriteNullAsync();
                var contact = i % 5 == 0 ? now.AddHours(-3 - i % 7) : now.AddSeconds(-(i % 120));
                await w.WriteAsync(contact.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }

        long batches = 0, waiting = 0, needsReview = 0, failed = 0, n = 0;
        var rng = new Random(42);
        var batchRows = new List<(Guid Id, string Store, DateTime At, int Count)>();
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY \"Orders\" (\"Id\", \"BatchId\", \"StoreId\", \"RegisterId\", \"LocalNumber\", \"SoldAt\", \"StaffId\", \"CustomerPhone\", \"Total\", " +
            "\"PreviousHash\", \"Hash\", \"InvoiceNumber\", \"ChainBroken\", \"Status\", \"StatusReason\", \"ReceivedAt\", \"FinishedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var s = 0; s < o.Stores; s++)
            {
                var count = perStore + (s < extra ? 1 : 0);
                var storeBatches = (count + BatchSize - 1) / BatchSize;
                for (var b = 0; b < storeBatches; b++)
                {
                    var lastBatch = b == storeBatches - 1;
                    var stillWaiting = lastBatch && s % 20 == 0;
                    var received = stillWaiting ? now.AddMinutes(-rng.Next(1, 90)) : now.AddDays(-30).AddMinutes((double)b / storeBatches * 30 * 24 * 60 + rng.Next(0, 600));
                    var batchId = Guid.NewGuid();
                    var size = Math.Min(BatchSize, count - b * BatchSize);
                    batchRows.Add((batchId, Store(s), received.UtcDateTime, size));
                    batches++;
                    for (var k = 0; k < size; k++)
                    {
                        n++;
                        // One store in 50 never sent its sale number 4 (a gap sync-status must report).
                        var local = (long)b * BatchSize + k + 1 + (s % 50 == 1 && b * BatchSize + k >= 3 ? 1 : 0);
                        string status;
                        if (stillWaiting) { status = "Received"; waiting++; }
                        else if (n % 97 == 0) { status = "NeedsReview"; needsReview++; }
                        else if (n % 331 == 0) { status = "Failed"; failed++; }
                        else status = "Reconciled";
                        await w.StartRowAsync();
                        await w.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                        await w.WriteAsync(batchId, NpgsqlDbType.Uuid);
                        await w.WriteAsync(Store(s));
                        await w.WriteAsync(Store(s) + "-R1");
                        await w.WriteAsync(local, NpgsqlDbType.Bigint);
                        await w.WriteAsync(received.AddMinutes(-30).UtcDateTime, NpgsqlDbType.TimestampTz);
                        await w.WriteAsync(Store(s) + "-E01");
                        await w.WriteNullAsync();
                        await w.WriteAsync(589m + k, NpgsqlDbType.Numeric);
                        await w.WriteNullAsync();
                        await w.WriteNullAsync();
                        await w.WriteNullAsync();
                        await w.WriteAsync(false);
                        await w.WriteAsync(status);
                        if (status == "NeedsReview") await w.WriteAsync("Unknown SKU: ZZ-1"); else await w.WriteNullAsync();
                        await w.WriteAsync(received.UtcDateTime, NpgsqlDbType.TimestampTz);
                        if (stillWaiting) await w.WriteNullAsync(); else await w.WriteAsync(received.AddSeconds(2).UtcDateTime, NpgsqlDbType.TimestampTz);
                        await w.WriteAsync(stillWaiting ? 0 : 2, NpgsqlDbType.Integer);
                    }
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY \"Batches\" (\"Id\", \"StoreId\", \"RegisterId\", \"ReceivedAt\", \"AcceptedCount\", \"DuplicateCount\", \"RejectedCount\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var b in batchRows)
            {
                await w.StartRowAsync();
                await w.WriteAsync(b.Id, NpgsqlDbType.Uuid); await w.WriteAsync(b.Store); await w.WriteAsync(b.Store + "-R1");
                await w.WriteAsync(b.At, NpgsqlDbType.TimestampTz); await w.WriteAsync(b.Count, NpgsqlDbType.Integer);
                await w.WriteAsync(0, NpgsqlDbType.Integer); await w.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        return new Expected(batches, waiting, needsReview, failed);
    }
}

internal sealed record Options(int Stores, int Orders, int Requests, int Warmup, double TargetMs, bool Keep, string Postgres, string RepoRoot, int CacheSeconds, int SyncRequests)
{
    public static Options? Parse(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                PosCloud dashboard benchmark: the overview endpoint over a bulk-loaded PostgreSQL database.
                Usage: dotnet run -c Release --project bench/DashboardBench -- [options]
                  --stores N      stores (default 2000)
                  --orders N      orders (default 1000000)
                  --requests N    timed overview requests, sequential (default 300)
                  --warmup N      untimed requests first (default 20)
                  --target MS     p95 target in ms (default 200)
                  --keep          keep the database afterwards
                  --sync-requests N  timed GET /api/v1/sync-status requests, sequential (default 100)
                  --cache-seconds N  the Api's Dashboard:OverviewCacheSeconds (default 0: every request runs the queries)
                  --postgres CS   PostgreSQL server (default env POSCLOUD_TEST_POSTGRES or Host=127.0.0.1;Username=postgres;Password=postgres)
                Needs: dotnet build -c Release src/Api. Creates a fresh database per run and drops it unless --keep.
                """);
            return null;
        }
        string? Value(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int Int(string name, int d) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : d;
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "PosCloud.sln"))) repo = repo.Parent;
        return new Options(Int("--stores", 2000), Int("--orders", 1_000_000), Int("--requests", 300), Int("--warmup", 20),
            Value("--target") is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : 200, args.Contains("--keep"),
            Value("--postgres") ?? Environment.GetEnvironmentVariable("POSCLOUD_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres",
            repo?.FullName ?? Directory.GetCurrentDirectory(), Int("--cache-seconds", 0), Int("--sync-requests", 100));
    }
}
