using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

// Catalog CSV import through the real Api (Release build, its own process), on PostgreSQL and on the embedded
// SQLite default: POST /api/v1/products/import with N new products (one price each), then the same N again
// with every 10th renamed and every 7th repriced (the update path). Prints products/s per import and the
// Api's CPU time; exits 1 when a new-product import is under the target (PostgreSQL 20,000/s, SQLite 5,000/s).
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        Usage: dotnet run -c Release --project bench/CatalogImportBench -- [options]
          --sizes N,N        products per import (default 20000,100000)
          --providers P,P    PostgreSql and/or Sqlite (default both)
          --postgres CS      PostgreSQL server (default env POSCLOUD_TEST_POSTGRES)
        Needs: dotnet build -c Release src/Api. A fresh database per provider and size, dropped afterwards.
        """);
    return 0;
}
var sizes = Arg("--sizes")?.Split(',').Select(int.Parse).ToArray() ?? [20_000, 100_000];
var providers = Arg("--providers")?.Split(',') ?? ["PostgreSql", "Sqlite"];
var postgres = Arg("--postgres") ?? Environment.GetEnvironmentVariable("POSCLOUD_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";
var repo = new DirectoryInfo(AppContext.BaseDirectory);
while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "PosCloud.sln"))) repo = repo.Parent;
var apiDll = Path.Combine(repo?.FullName ?? ".", "src/Api/bin/Release/net10.0/PosCloud.Api.dll");
if (!File.Exists(apiDll)) { Console.Error.WriteLine($"Build the Api first: dotnet build -c Release src/Api  (missing {apiDll})"); return 2; }
const string HqKey = "bench-hq-key-catalog";
var failed = false;
Console.WriteLine($"machine load average at the start: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");

foreach (var provider in providers)
{
    foreach (var size in sizes)
    {
        var (cs, cleanup) = await NewDatabaseAsync(provider);
        var port = 5900 + Random.Shared.Next(200);
        using var api = Process.Start(new ProcessStartInfo("dotnet",
        [
            apiDll, "--urls", $"http://127.0.0.1:{port}", $"--Database:Provider={provider}", $"--ConnectionStrings:PosCloud={cs}",
            "--Bus:Transport=InMemory", $"--Demo:HqKey={HqKey}", "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
            "--Logging:LogLevel:PosCloud.Api.Catalog=Information",
            "--RateLimit:PerAddressPermitsPerSecond=100000", "--RateLimit:PerAddressBurst=100000",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() })!;
        var log = new StringBuilder();
        api.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.AppendLine(line); };
        api.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.AppendLine(line); };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Add("X-Api-Key", HqKey);
            await WaitReadyAsync(http, api, log);
            var at = DateTimeOffset.UtcNow.AddDays(-1);
            var fresh = await TimeImportAsync(http, api, Csv(size, i => $"BENCH-{i:D7},{Barcode(i)},商品 {i},測試,{100 + i % 900},,{i % 2 == 0},true,{at:O}"));
            var again = await TimeImportAsync(http, api, Csv(size, i => i % 7 == 0
                ? $"BENCH-{i:D7},{Barcode(i)},商品 {i},測試,{1000 + i % 900},,{i % 2 == 0},true,{at.AddHours(1):O}"
                : $"BENCH-{i:D7},{Barcode(i)},{(i % 10 == 0 ? "改名" : "商品")} {i},測試,{100 + i % 900},,{i % 2 == 0},true,{at:O}"));
            var target = provider == "PostgreSql" ? 20_000 : 5_000;
            Console.WriteLine($"{provider,-10} {size,8:N0} new products: {fresh.Seconds,6:F2} s = {size / fresh.Seconds,8:N0} products/s (target ≥ {target:N0}); Api CPU {fresh.CpuMs:N0} ms = {fresh.CpuMs * 1000 / size:F0} µs/product; answer {fresh.Answer}");
            Console.WriteLine($"{provider,-10} {size,8:N0} again (1/10 renamed, 1/7 repriced): {again.Seconds,6:F2} s = {size / again.Seconds,8:N0} rows/s; Api CPU {again.CpuMs:N0} ms; answer {again.Answer}");
            // The Api's own progress lines (stage timings inside the import: read, classified, written and committed).
            lock (log) foreach (var line in log.ToString().Split('\n').Where(l => l.Contains("Catalog import", StringComparison.Ordinal))) Console.WriteLine("    api: " + line.Trim());
            if (size / fresh.Seconds < target) failed = true;
        }
        catch (InvalidOperationException)
        {
            lock (log) Console.Error.WriteLine("The Api's log:\n" + log);
            throw;
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
            await cleanup();
        }
    }
}
Console.WriteLine($"machine load average at the end: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");
Console.WriteLine(failed ? "RESULT: FAIL" : "RESULT: PASS");
return failed ? 1 : 0;

string? Arg(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }

static string Csv(int size, Func<int, string> row)
{
    var sb = new StringBuilder("sku,barcode,name,category,list_price,add_on_price,gift_eligible,active,effective_from\n");
    for (var i = 1; i <= size; i++) sb.Append(row(i)).Append('\n');
    return sb.ToString();
}

static string Barcode(int n)
{
    var twelve = $"479{n:D9}";
    var sum = 0;
    for (var i = 0; i < 12; i++) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
    return twelve + (10 - sum % 10) % 10;
}

static async Task<(double Seconds, double CpuMs, string Answer)> TimeImportAsync(HttpClient http, Process api, string csv)
{
    api.Refresh();
    var cpuBefore = api.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    using var response = await http.PostAsync("/api/v1/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
    var body = await response.Content.ReadAsStringAsync();
    sw.Stop();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
    api.Refresh();
    using var doc = System.Text.Json.JsonDocument.Parse(body);
    var r = doc.RootElement;
    var answer = $"created {r.GetProperty("created").GetInt32()}, updated {r.GetProperty("updated").GetInt32()}, price changes {r.GetProperty("priceChanges").GetInt32()}, unchanged {r.GetProperty("unchanged").GetInt32()}, errors {r.GetProperty("errors").GetArrayLength()}";
    return (sw.Elapsed.TotalSeconds, (api.TotalProcessorTime - cpuBefore).TotalMilliseconds, answer);
}

static async Task WaitReadyAsync(HttpClient http, Process api, StringBuilder log)
{
    for (var i = 0; i < 240; i++)
    {
        if (api.HasExited) throw new InvalidOperationException("The Api exited:\n" + log);
        try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
        catch (HttpRequestException) { }
        await Task.Delay(500);
    }
    throw new TimeoutException("The Api did not become ready in 120 s:\n" + log);
}

async Task<(string Cs, Func<Task> Cleanup)> NewDatabaseAsync(string provider)
{
    if (provider == "Sqlite")
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-catalogbench-{Guid.NewGuid():N}.db");
        return ($"Data Source={file}", () =>
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (File.Exists(f)) File.Delete(f);
            return Task.CompletedTask;
        });
    }
    var name = "poscloud_catalogbench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    await using (var admin = new NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
    }
    return (new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString, async () =>
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    });
}
