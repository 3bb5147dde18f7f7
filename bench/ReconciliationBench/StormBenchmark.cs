using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.Reconciliation.Rules;
using RabbitMQ.Client;

namespace PosCloud.Bench;

/// <summary>
/// The reconnection storm end to end: Api and N workers as child processes on PostgreSQL + RabbitMQ,
/// every store uploading its orders over HTTP in batches, timed from the first upload to the last
/// order in a final state (the latest FinishedAt). Then the COPY limit into the same database.
/// </summary>
public static class StormBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string WarmUpPrefix = "W";

    public static async Task RunAsync(BenchOptions o)
    {
        var cs = await o.NewDatabaseAsync("storm");
        var prefix = $"bench{DateTime.UtcNow:HHmmss}-";
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:PosCloud"] = cs,
            ["Bus:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = o.RabbitMq,
            ["Bus:EntityPrefix"] = prefix,
            ["Bus:PrefetchCount"] = o.Prefetch.ToString(),
            ["Workers:HostedInApi"] = "false",
            // 200 stores on 200 addresses in real life, one loopback address here: the per-address limit would count them as one.
            ["RateLimit:PerAddressPermitsPerSecond"] = "100000",
            ["RateLimit:PerAddressBurst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (o.SqlLog) settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        Console.WriteLine($"storm: {o.Stores} stores × {o.OrdersPerStore} orders (3 lines), batches of {o.BatchSize}, {o.Workers} worker process(es), {o.Concurrency} concurrent uploads, prefetch {o.Prefetch}");
        Console.WriteLine($"database {new NpgsqlConnectionStringBuilder(cs).Database}, bus prefix {prefix}");

        await using var api = HostProcess.Start("api", "Api", settings, o.LogDirectory); // migrates, seeds the demo catalog
        await api.WaitReadyAsync(TimeSpan.FromMinutes(2));

        var stores = StormData.MakeStores(o.Stores);
        var warmStores = StormData.MakeStores(o.WarmUpStores, WarmUpPrefix);
        await CreateStoresAsync(cs, [.. stores, .. warmStores]);
        var catalog = await LoadCatalogAsync(cs);
        var now = DateTimeOffset.UtcNow;
        var data = StormData.Generate(stores, o.OrdersPerStore, o.BatchSize, catalog, seed: 42, now, o.Invoices);
        var warm = StormData.Generate(warmStores, o.OrdersPerStore, o.BatchSize, catalog, seed: 7, now, o.Invoices, firstInvoiceBlock: stores.Count);
        if (o.Invoices) await CreateInvoiceBlocksAsync(cs, [.. stores, .. warmStores], now.AddDays(-1));
        var keys = stores.Concat(warmStores).ToDictionary(s => s.StoreId, s => s.ApiKey);
        List<(UploadBatchRequest Batch, string Key, byte[] Body)> Payloads(StormData d) =>
            d.Batches.Select(b => (Batch: b, Key: keys[b.StoreId], Body: JsonSerializer.SerializeToUtf8Bytes(b, Json))).ToList();
        var payloads = Payloads(data);

        var workers = new List<HostProcess>();
        try
        {
            for (var i = 0; i < o.Workers; i++) workers.Add(HostProcess.Start($"worker-{i + 1}", "Workers", settings, o.LogDirectory));
            await WaitForConsumersAsync(o.RabbitMq, prefix + "batch-accepted", o.Workers, TimeSpan.FromMinutes(2));

            if (warm.Orders > 0)
            {
                // The same processes, warmed: JIT, pools, plans and the catalog cache, as on a server that has been running.
                var clock = Stopwatch.StartNew();
                await UploadAsync(api.BaseAddress, Payloads(warm), o.Concurrency);
                await WaitAllFinalAsync(cs, warm.Orders, TimeSpan.FromMinutes(10));
                Console.WriteLine($"warm-up: {warm.Orders:N0} orders of {warmStores.Count} other stores in {clock.Elapsed.TotalSeconds:F1} s (not measured)");
                // A running server's tables have planner statistics (autovacuum analyzes them as they grow); a database
                // created seconds ago has none, and PostgreSQL then guesses that 100 ids in "= ANY(@ids)" match half a
                // table and scans it (the invoice-number lookup: 35 ms a call). --warmup-stores 0 keeps that cold case.
                await AnalyzeAsync(cs);
                Console.WriteLine("statistics: ANALYZE after the warm-up, as autovacuum has done on a running server");
            }
            var pids = workers.ToDictionary(w => w.Pid, w => "workers").Append(new(api.Pid, "api")).ToDictionary(kv => kv.Key, kv => kv.Value);
            var cpuBefore = CpuAccounting.Snapshot(pids);
            var (start, uploaded) = await UploadAsync(api.BaseAddress, payloads, o.Concurrency);
            await WaitAllFinalAsync(cs, warm.Orders + data.Orders, TimeSpan.FromMinutes(20));
            var cpuAfter = CpuAccounting.Snapshot(pids);
            var end = await LastFinishedAtAsync(cs);
            var e2e = end - start;
            var e2eRate = data.Orders / e2e.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine($"end-to-end: {data.Orders:N0} orders, first upload → last final {e2e.TotalSeconds:F2} s (all uploads answered after {(uploaded - start).TotalSeconds:F2} s) = {e2eRate:N0} orders/s");
            await ReportAsync(cs, data);
            Console.WriteLine($"  CPU used during the storm: {CpuAccounting.Delta(cpuBefore, cpuAfter, data.Orders)}");

            foreach (var w in workers) await w.DisposeAsync();
            workers.Clear();
            await api.DisposeAsync();

            var index = new CatalogIndex(catalog.Select(p => new CatalogEntry(p.Sku, p.Barcode, p.Name, true, p.GiftEligible,
                [new PricePoint(DateTimeOffset.UnixEpoch, p.ListPrice, p.AddOnPrice)])));
            var managers = stores.ToDictionary(s => s.StoreId, s => s.ManagerId);
            var limitCpuBefore = CpuAccounting.Snapshot(new Dictionary<int, string>());
            var (elapsed, count) = await CopyLimit.RunAsync(cs, data, index, managers);
            var limitPostgres = CpuAccounting.Snapshot(new Dictionary<int, string>()).GetValueOrDefault("postgresql") - limitCpuBefore.GetValueOrDefault("postgresql");
            var limitRate = count / elapsed.TotalSeconds;
            Console.WriteLine($"limit (binary COPY of the same final rows into the same tables): {count:N0} orders in {elapsed.TotalSeconds:F2} s = {limitRate:N0} orders/s, postgresql {limitPostgres * 1e6 / count:F0} µs/order");
            Console.WriteLine($"ratio end-to-end / limit = {e2eRate / limitRate:F3} (goal ≥ 0.5)");
        }
        finally
        {
            foreach (var w in workers) await w.DisposeAsync();
            await o.DropDatabaseAsync(cs);
        }
    }

    private static async Task AnalyzeAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 300 };
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task CreateStoresAsync(string cs, IReadOnlyList<BenchStore> stores)
    {
        await using var db = Db(cs);
        foreach (var s in stores)
        {
            db.Stores.Add(new Store { Id = s.StoreId, Name = $"壓測門市 {s.StoreId}", ManagerStaffId = s.ManagerId });
            db.Registers.Add(new Register { Id = s.RegisterId, StoreId = s.StoreId, ApiKeyHash = ApiKeyHash.Of(s.ApiKey) });
            db.Staff.Add(new Staff { Id = s.ManagerId, StoreId = s.StoreId, Name = "店長", Role = "manager" });
            db.Staff.Add(new Staff { Id = s.ClerkId, StoreId = s.StoreId, Name = "店員", Role = "clerk" });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The period's number range and one block per register, as HQ assigns them (store i gets block i).</summary>
    private static async Task CreateInvoiceBlocksAsync(string cs, IReadOnlyList<BenchStore> stores, DateTimeOffset soldAt)
    {
        var period = PosCloud.Invoicing.Numbers.InvoicePeriod.Of(DateOnly.FromDateTime(PosCloud.Invoicing.Numbers.TaiwanTime.Local(soldAt))).Code;
        await using var db = Db(cs);
        db.InvoiceNumberRanges.Add(new PosCloud.Core.Invoices.InvoiceNumberRange
        {
            Period = period, Track = StormData.InvoiceTrack, From = StormData.InvoiceBlockOf(0),
            To = StormData.InvoiceBlockOf(stores.Count) - 1, RegisteredAt = DateTimeOffset.UtcNow,
        });
        for (var i = 0; i < stores.Count; i++)
            db.InvoiceBlocks.Add(new InvoiceBlock
            {
                Period = period, Track = StormData.InvoiceTrack, RegisterId = stores[i].RegisterId,
                From = StormData.InvoiceBlockOf(i), To = StormData.InvoiceBlockOf(i + 1) - 1,
            });
        await db.SaveChangesAsync();
    }

    private static async Task<List<BenchProduct>> LoadCatalogAsync(string cs)
    {
        await using var db = Db(cs);
        var rows = await db.Products.AsNoTracking().Where(p => p.Active).Include(p => p.Prices).ToListAsync();
        return rows.Select(p => { var price = p.Prices.OrderBy(x => x.EffectiveFrom).First(); return new BenchProduct(p.Sku, p.Barcode, p.Name, price.ListPrice, price.AddOnPrice, p.GiftEligible); })
            .OrderBy(p => p.Sku, StringComparer.Ordinal).ToList();
    }

    private static CloudDbContext Db(string cs) =>
        new PostgresCloudDbContext(new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql(cs).Options);

    /// <summary>Each store uploads its batches in order (like one agent); stores run concurrently. A 429 is retried after Retry-After.</summary>
    private static async Task<(DateTimeOffset Start, DateTimeOffset Done)> UploadAsync(Uri api, List<(UploadBatchRequest Batch, string Key, byte[] Body)> payloads, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
        var byStore = payloads.GroupBy(p => p.Batch.StoreId).ToList();
        var start = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(byStore, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (store, ct) =>
        {
            foreach (var p in store)
            {
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches") { Content = new ByteArrayContent(p.Body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.Add("X-Api-Key", p.Key);
                    using var response = await http.SendAsync(request, ct);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                        continue;
                    }
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {body}");
                    var answer = JsonSerializer.Deserialize<UploadBatchResponse>(body, Json)!;
                    if (answer.Results.Any(r => r.Outcome != UploadOutcome.Accepted))
                        throw new InvalidOperationException($"not accepted: {body[..Math.Min(body.Length, 500)]}");
                    break;
                }
            }
        });
        return (start, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Waits until <paramref name="total"/> orders are final. It polls the dashboard's maintained counts (a row per store
    /// and status, moved in the workers' own transactions), not the orders: a count over Orders every 250 ms scanned
    /// the growing table and put ~5 µs/order of this observer's work into PostgreSQL's CPU for the storm.
    /// </summary>
    private static async Task WaitAllFinalAsync(string cs, int total, TimeSpan timeout)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var deadline = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await using (var cmd = new NpgsqlCommand("""SELECT coalesce(sum("Count"), 0)::bigint FROM "StoreStatusCounts" WHERE "Status" IN ('Reconciled','NeedsReview','Failed')""", conn))
            {
                var final = (long)(await cmd.ExecuteScalarAsync())!;
                if (final >= total) return;
                if (deadline.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                {
                    lastReport = deadline.Elapsed;
                    Console.WriteLine($"  … {final:N0} / {total:N0} final after {deadline.Elapsed.TotalSeconds:F0} s");
                }
            }
            if (deadline.Elapsed > timeout) throw new TimeoutException("orders not final in time");
            await Task.Delay(250);
        }
    }

    /// <summary>The end of the storm: the latest FinishedAt the workers wrote (not the poll time). Read once, after the CPU snapshot.</summary>
    private static async Task<DateTimeOffset> LastFinishedAtAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT max("FinishedAt") FROM "Orders" WHERE "Status" IN ('Reconciled','NeedsReview','Failed')""", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return r.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>Correctness (what the generator knows must come out) and per-order latency from the status timestamps.</summary>
    private static async Task ReportAsync(string cs, StormData data)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        async Task<string> Scalar(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        // The measured stores only (the warm-up stores' orders are in the same tables).
        var measured = $"\"StoreId\" NOT LIKE '{WarmUpPrefix}%'";
        var statuses = await Scalar($$"""SELECT string_agg(s || '=' || c, ', ') FROM (SELECT "Status" s, count(*) c FROM "Orders" WHERE {{measured}} GROUP BY 1 ORDER BY 1) x""");
        var overrides = await Scalar($$"""SELECT count(*) FROM "PriceOverrides" WHERE "OrderId" IN (SELECT "Id" FROM "Orders" WHERE {{measured}})""");
        var doubles = await Scalar($$"""SELECT count(*) FROM (SELECT "OrderId" FROM "OrderStatusChanges" WHERE "Status" IN ('Reconciled','NeedsReview','Failed') AND "OrderId" IN (SELECT "Id" FROM "Orders" WHERE {{measured}}) GROUP BY 1 HAVING count(*) > 1) x""");
        var latency = await Scalar($$"""
            SELECT format('p50 %s ms, p95 %s ms, max %s ms', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)), round(max(ms)))
            FROM (SELECT extract(epoch FROM "FinishedAt" - "ReceivedAt") * 1000 ms FROM "Orders" WHERE {{measured}}) x
            """);
        var queued = await Scalar($$"""
            SELECT format('p50 %s ms, p95 %s ms', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)))
            FROM (SELECT extract(epoch FROM r."At" - o."ReceivedAt") * 1000 ms FROM "OrderStatusChanges" r JOIN "Orders" o ON o."Id" = r."OrderId" WHERE r."Status" = 'Reconciling' AND o.{{measured}}) x
            """);
        Console.WriteLine($"  statuses: {statuses} (expected NeedsReview={data.ExpectedNeedsReview:N0})");
        Console.WriteLine($"  price overrides: {overrides} (expected {data.ExpectedOverrides:N0}); orders with more than one final status change: {doubles}");
        Console.WriteLine($"  per-order latency received → final: {latency}; received → picked up by a worker: {queued}");
        var invoices = await Scalar($$"""SELECT format('%s issued, %s F0401 messages, %s invoice flags', (SELECT count(*) FROM "IssuedInvoices" WHERE {{measured}}), (SELECT count(*) FROM "PlatformMessages" WHERE {{measured}} AND "Kind" = 'F0401'), (SELECT count(*) FROM "InvoiceFlags" WHERE "RegisterId" NOT LIKE '{{WarmUpPrefix}}%'))""");
        Console.WriteLine($"  e-invoices of the measured stores: {invoices}");
    }

    private static async Task WaitForConsumersAsync(string amqp, string queue, int consumers, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                if ((await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount >= consumers) return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { /* not declared yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queue}: fewer than {consumers} consumers");
            await Task.Delay(200);
        }
    }
}
