using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;

// Reconnection storm against the Api: N stores upload B batches of O orders each, all at once, over HTTP.
// Starts the Api as its own process (Release build) on a fresh PostgreSQL database + RabbitMQ, so its
// peak memory can be read from /proc, and prints accepted orders/s, p50/p99 upload latency, peak RSS.
var o = BenchOptions.Parse(args);
if (o is null) return 0;

var dbName = "poscloud_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
await using (var admin = new NpgsqlConnection(o.Postgres))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {dbName}", admin).ExecuteNonQueryAsync();
}
var cs = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = dbName, MaxPoolSize = 100 }.ConnectionString;
var port = 5600 + Random.Shared.Next(300);
var baseUrl = $"http://127.0.0.1:{port}";
var apiDll = Path.Combine(o.RepoRoot, "src/Api/bin/Release/net10.0/PosCloud.Api.dll");
if (!File.Exists(apiDll)) { Console.Error.WriteLine($"Build the Api first: dotnet build -c Release src/Api  (missing {apiDll})"); return 2; }

using var api = Process.Start(new ProcessStartInfo("dotnet",
[
    apiDll, "--urls", baseUrl, "--Database:Provider=PostgreSql", $"--ConnectionStrings:PosCloud={cs}",
    "--Bus:Transport=RabbitMq", $"--ConnectionStrings:RabbitMq={o.RabbitMq}", $"--Bus:EntityPrefix=bench{port}-",
    "--Workers:HostedInApi=false", "--RateLimit:PermitsPerSecond=100000", "--RateLimit:Burst=100000", "--RateLimit:PerAddressPermitsPerSecond=100000", "--RateLimit:PerAddressBurst=100000",
    "--Logging:LogLevel:Default=Warning", "--Demo:HqKey=bench-hq-key",
])
{
    RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(apiDll)!, // appsettings.json is read from the working directory
    Environment = { ["DOTNET_ReadyToRun"] = "0" }, // as deploy/docker/Api.Dockerfile runs it
})!;
var apiLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
api.OutputDataReceived += (_, e) => { if (e.Data is not null) { apiLog.Enqueue(e.Data); if (apiLog.Count > 200) apiLog.TryDequeue(out string? _); } };
api.ErrorDataReceived += (_, e) => { if (e.Data is not null) apiLog.Enqueue(e.Data); };
api.BeginOutputReadLine();
api.BeginErrorReadLine();
try
{
    using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
    await WaitReadyAsync(http);
    Console.WriteLine($"Api up (pid {api.Id}) on {baseUrl}, database {dbName}. Creating {o.Stores} stores with a register each…");
    http.DefaultRequestHeaders.Add("X-Api-Key", "bench-hq-key");
    // The measured stores, then the warm-up stores (their uploads go first and are not measured: a chain's Api meets a
    // storm warm, not in its first seconds of JIT and connection pooling).
    var storeIds = Enumerable.Range(1, o.Stores).Select(i => $"B{i:D4}").Concat(Enumerable.Range(1, o.WarmUpStores).Select(i => $"W{i:D4}")).ToArray();
    var keys = new string[storeIds.Length];
    await Parallel.ForAsync(0, storeIds.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var store = storeIds[i];
        (await http.PutAsJsonAsync($"/api/v1/stores/{store}", new StoreUpsert($"壓測店 {store}"), ct)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/v1/stores/{store}/staff/{store}-E01", new StaffUpsert("店長", "manager"), ct)).EnsureSuccessStatusCode();
        var created = await (await http.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest(store), ct)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<IssuedKey>(ct);
        keys[i] = created!.ApiKey;
    });
    var skus = new[] { "TS-0400001", "AC-0400017", "FD-0500049", "LF-0000004", "TS-0200002" };
    var prices = new[] { 589m, 619m, 130m, 619m, 709m };
    // Every upload's body serialized before the clock starts: the load generator shares the cores with the Api.
    var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
    var bodies = storeIds.Select(store =>
    {
        var number = 0L;
        return Enumerable.Range(0, o.Batches).Select(_ =>
        {
            var orders = Enumerable.Range(0, o.Orders).Select(_ =>
            {
                number++;
                var lines = Enumerable.Range(0, 3).Select(l => new OfflineOrderLine(skus[(int)((number + l) % skus.Length)], null, LineType.Regular, 1, prices[(int)((number + l) % skus.Length)])).ToList();
                var total = lines.Sum(l => l.UnitPrice);
                return new OfflineOrder(Guid.NewGuid(), number, DateTimeOffset.UtcNow.AddHours(-1), $"{store}-E01", null, lines, [new OfflinePayment("cash", total)], total);
            }).ToList();
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new UploadBatchRequest(Guid.NewGuid(), store, $"{store}-R1", orders), json);
        }).ToArray();
    }).ToArray();

    var latencies = new List<double>();
    var accepted = 0L;
    async Task UploadAsync(int from, int count, bool measured)
    {
        await Parallel.ForAsync(from, from + count, new ParallelOptions { MaxDegreeOfParallelism = count }, async (i, ct) =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Add("X-Api-Key", keys[i]);
            foreach (var body in bodies[i])
            {
                var sw = Stopwatch.StartNew();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/api/v1/batches", content, ct);
                var answer = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UploadBatchResponse>(ct);
                sw.Stop();
                if (!measured) continue;
                lock (latencies) latencies.Add(sw.Elapsed.TotalMilliseconds);
                Interlocked.Add(ref accepted, answer!.Results.Count(r => r.Outcome == UploadOutcome.Accepted));
            }
        });
    }
    if (o.WarmUpStores > 0)
    {
        var warm = Stopwatch.StartNew();
        await UploadAsync(o.Stores, o.WarmUpStores, measured: false);
        Console.WriteLine($"Warm-up: {o.WarmUpStores} other stores × {o.Batches} batches × {o.Orders} orders in {warm.Elapsed.TotalSeconds:F1} s (not measured)");
        // Planner statistics, as autovacuum keeps them on a running server (a database seconds old has none).
        await using (var analyzeConn = new NpgsqlConnection(cs))
        {
            await analyzeConn.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", analyzeConn) { CommandTimeout = 300 };
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine("Statistics: ANALYZE after the warm-up, as autovacuum has done on a running server");
    }

    Console.WriteLine($"Storm: {o.Stores} stores × {o.Batches} batches × {o.Orders} orders = {o.Stores * o.Batches * o.Orders:N0} orders, all stores at once…");
    var peak = 0L;
    using var sampler = new CancellationTokenSource();
    var sampling = Task.Run(async () =>
    {
        while (!sampler.IsCancellationRequested) { peak = Math.Max(peak, PeakRss(api.Id)); await Task.Delay(200); }
    });
    var named = new Dictionary<int, string> { [api.Id] = "api" };
    var cpuBefore = PosCloud.Bench.CpuAccounting.Snapshot(named);
    var clock = Stopwatch.StartNew();
    await UploadAsync(0, o.Stores, measured: true);
    clock.Stop();
    var cpuAfter = PosCloud.Bench.CpuAccounting.Snapshot(named);
    await sampler.CancelAsync();
    await sampling;
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine();
    Console.WriteLine($"accepted orders       {accepted:N0} of {o.Stores * o.Batches * o.Orders:N0}");
    Console.WriteLine($"wall time             {clock.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"accepted orders/s     {accepted / clock.Elapsed.TotalSeconds:N0}");
    Console.WriteLine($"upload latency p50    {P(0.50):N0} ms   (one batch of {o.Orders} orders)");
    Console.WriteLine($"upload latency p99    {P(0.99):N0} ms");
    Console.WriteLine($"Api peak memory (RSS) {peak / 1024.0 / 1024.0:N0} MiB");
    Console.WriteLine($"CPU during the storm  {PosCloud.Bench.CpuAccounting.Delta(cpuBefore, cpuAfter, (int)Math.Max(1, accepted))}");
    return accepted == (long)o.Stores * o.Batches * o.Orders ? 0 : 1;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"Benchmark failed: {ex.Message}\nLast lines of the Api's log:\n" + string.Join('\n', apiLog.TakeLast(40)));
    return 1;
}
finally
{
    api.Kill(entireProcessTree: true);
    await api.WaitForExitAsync();
    // 100,000 orders a run: dropped unless asked to keep them for a look (the run printed the database's name).
    if (!o.KeepDatabase)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(o.Postgres);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}

static long PeakRss(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
    catch (IOException) { return 0; }
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 120; i++)
    {
        try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
        catch (HttpRequestException) { }
        await Task.Delay(500);
    }
    throw new TimeoutException("The Api did not become ready in 60 s");
}

internal sealed record BenchOptions(int Stores, int Batches, int Orders, int WarmUpStores, string Postgres, string RabbitMq, string RepoRoot, bool KeepDatabase)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                PosCloud ingestion benchmark: a reconnection storm of stores uploading batches over HTTP at once.
                Usage: dotnet run -c Release --project bench/IngestionBench -- [options]
                  --stores N      stores uploading at once (default 200)
                  --batches N     batches per store (default 5)
                  --orders N      orders per batch (default 100)
                  --warmup-stores N  other stores whose batches go first, not measured (default 20; 0 = a cold Api)
                  --postgres CS   PostgreSQL server (default env POSCLOUD_TEST_POSTGRES or Host=127.0.0.1;Username=postgres;Password=postgres)
                  --rabbitmq URI  RabbitMQ (default env POSCLOUD_TEST_RABBITMQ or amqp://guest:guest@127.0.0.1:5672/)
                  --keep-database keep the run's database afterwards (dropped by default)
                Needs: dotnet build -c Release src/Api. Creates a fresh database per run.
                """);
            return null;
        }
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "PosCloud.sln")) && Path.GetDirectoryName(root) is { } parent) root = parent;
        return new BenchOptions(
            int.Parse(Arg("--stores") ?? "200", CultureInfo.InvariantCulture),
            int.Parse(Arg("--batches") ?? "5", CultureInfo.InvariantCulture),
            int.Parse(Arg("--orders") ?? "100", CultureInfo.InvariantCulture),
            int.Parse(Arg("--warmup-stores") ?? "20", CultureInfo.InvariantCulture),
            Arg("--postgres") ?? Environment.GetEnvironmentVariable("POSCLOUD_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres",
            Arg("--rabbitmq") ?? Environment.GetEnvironmentVariable("POSCLOUD_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/",
            root,
            args.Contains("--keep-database"));
    }
}
