using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Contracts;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation;

namespace PosCloud.Bench;

/// <summary>
/// Reconciliation cost per order against catalogs of different sizes (10,000 vs 1,000,000 products,
/// two price points each, bulk-loaded with COPY). The same orders-per-batch and SKU mix; the batches
/// are reconciled in-process by <see cref="OrderReconciliationService"/> (the consumer's work minus the
/// bus), one after the other, so the figure is the database + rules cost of one order.
/// </summary>
public static class CatalogScale
{
    private const int BatchSize = 250;

    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine();
        Console.WriteLine($"catalog scale: {o.CatalogOrders:N0} orders (3 lines, 5% typed as EAN-13, 10% differing price, 1% unknown), batches of {BatchSize}, reconciled one batch at a time");
        var rows = new List<(int Size, TimeSpan Load, double MicrosPerOrder, double MsPerBatch)>();
        foreach (var size in o.CatalogSizes)
        {
            var cs = await o.NewDatabaseAsync($"cat{size}");
            try
            {
                await using (var db = Db(cs)) await db.Database.MigrateAsync();
                var load = Stopwatch.StartNew();
                await CopyCatalogAsync(cs, size);
                load.Stop();
                var batches = await CopyOrdersAsync(cs, size, o.CatalogOrders);
                await Exec(cs, "ANALYZE");
                var (perOrder, perBatch) = await ReconcileAllAsync(cs, batches, o.SqlLog);
                rows.Add((size, load.Elapsed, perOrder, perBatch));
                Console.WriteLine($"  {size,9:N0} products: COPY {load.Elapsed.TotalSeconds:F1} s; {perOrder:F0} µs/order ({perBatch:F1} ms per batch of {BatchSize})");
            }
            finally
            {
                await o.DropDatabaseAsync(cs);
            }
        }
        Console.WriteLine();
        Console.WriteLine("  catalog size   | reconciliation cost per order");
        foreach (var r in rows) Console.WriteLine($"  {r.Size,14:N0} | {r.MicrosPerOrder,8:F0} µs");
        if (rows.Count >= 2) Console.WriteLine($"  ratio largest / smallest = {rows[^1].MicrosPerOrder / rows[0].MicrosPerOrder:F2}");
    }

    private static CloudDbContext Db(string cs) =>
        new PostgresCloudDbContext(new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql(cs).Options);

    private static async Task Exec(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Sku(int n) => $"P{n:D7}";

    internal static string Barcode(int n)
    {
        var twelve = $"471{n:D9}";
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return twelve + (10 - sum % 10) % 10;
    }

    private static async Task CopyCatalogAsync(string cs, int size)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using (var w = await conn.BeginBinaryImportAsync("""COPY "Products" ("Sku","SkuKey","Barcode","Name","GiftEligible","Active") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var n = 0; n < size; n++)
            {
                await w.StartRowAsync();
                await w.WriteAsync(Sku(n), NpgsqlDbType.Varchar);
                await w.WriteAsync(Sku(n), NpgsqlDbType.Varchar);
                await w.WriteAsync(Barcode(n), NpgsqlDbType.Varchar);
                await w.WriteAsync($"商品 {n}", NpgsqlDbType.Varchar);
                await w.WriteAsync(n % 10 == 0, NpgsqlDbType.Boolean);
                await w.WriteAsync(true, NpgsqlDbType.Boolean);
            }
            await w.CompleteAsync();
        }
        var first = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var w = await conn.BeginBinaryImportAsync("""COPY "ProductPrices" ("Sku","EffectiveFrom","ListPrice","AddOnPrice") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var n = 0; n < size; n++)
                for (var p = 0; p < 2; p++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(Sku(n), NpgsqlDbType.Varchar);
                    await w.WriteAsync(first.AddYears(p), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(100m + n % 900 + 10 * p, NpgsqlDbType.Numeric);
                    if (n % 3 == 0) await w.WriteAsync(50m + 5 * p, NpgsqlDbType.Numeric); else await w.WriteNullAsync();
                }
            await w.CompleteAsync();
        }
        await using var store = new NpgsqlCommand("""
            INSERT INTO "Stores" ("Id","Name","ManagerStaffId") VALUES ('C001','目錄壓測','C001-E01');
            INSERT INTO "Registers" ("Id","StoreId") VALUES ('C001-R1','C001');
            """, conn);
        await store.ExecuteNonQueryAsync();
    }

    /// <summary>Orders straight into the tables as the upload stores them (claims and received orders, by the
    /// product's own COPY); returns the batch ids.</summary>
    private static async Task<List<Guid>> CopyOrdersAsync(string cs, int catalogSize, int count)
    {
        var rng = new Random(7);
        var soldAt = DateTimeOffset.UtcNow.AddDays(-1);
        var now = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, (count + BatchSize - 1) / BatchSize).Select(_ => Guid.NewGuid()).ToList();
        var orders = Enumerable.Range(0, count).Select(i =>
        {
            var id = Guid.NewGuid();
            var order = new Order
            {
                Id = id, BatchId = batches[i / BatchSize], StoreId = "C001", RegisterId = "C001-R1", LocalNumber = i + 1, SoldAt = soldAt,
                StaffId = "C001-E02", Total = 300m, ReceivedAt = now,
                Lines = Enumerable.Range(1, 3).Select(l =>
                {
                    var n = rng.Next(catalogSize);
                    var roll = rng.NextDouble();
                    var sku = roll < 0.01 ? $"UNK-{i + 1}-{l}" : roll < 0.06 ? Barcode(n) : Sku(n);
                    var price = 100m + n % 900 + 10;
                    if (rng.NextDouble() < 0.10) price -= 7;
                    return new OrderLine { OrderId = id, LineNumber = l, Sku = sku, TypedName = "typed", Type = LineType.Regular, Quantity = 1m, ChargedUnitPrice = price };
                }).ToList(),
            };
            return order;
        }).ToList();
        await using var db = Db(cs);
        await db.Database.OpenConnectionAsync();
        await PostgresCopy.WriteAsync(db, orders.Select(o => new OrderClaim { OrderId = o.Id, StoreId = o.StoreId, BatchId = o.BatchId }).ToList(), default);
        await PostgresCopy.WriteAsync(db, orders.Select(ReceivedOrder.From).ToList(), default);
        return batches;
    }

    private static async Task<(double MicrosPerOrder, double MsPerBatch)> ReconcileAllAsync(string cs, List<Guid> batches, bool sqlLog)
    {
        var logging = false; // --sql-log: print the commands of one batch (after warm-up) with their durations
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<CloudDbContext, PostgresCloudDbContext>(x => x.UseNpgsql(cs)
            .LogTo(line => { if (logging) Console.WriteLine("    " + line.Replace('\n', ' ')[..Math.Min(line.Length, 400)]); },
                [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]));
        services.AddReconciliation();
        await using var sp = services.BuildServiceProvider();

        async Task<int> One(Guid batch)
        {
            await using var scope = sp.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrderReconciliationService>().ReconcileBatchAsync(batch, default);
        }
        const int warmUp = 4; // JIT, pool, plans: not timed
        foreach (var b in batches.Take(warmUp)) await One(b);
        if (sqlLog)
        {
            logging = true;
            var one = Stopwatch.StartNew();
            await One(batches[warmUp]);
            logging = false;
            Console.WriteLine($"    (that batch: {one.ElapsedMilliseconds} ms)");
            batches = batches.Skip(1).ToList();
        }
        var clock = Stopwatch.StartNew();
        var orders = 0;
        foreach (var b in batches.Skip(warmUp)) orders += await One(b);
        clock.Stop();
        return (clock.Elapsed.TotalMicroseconds / orders, clock.Elapsed.TotalMilliseconds / (batches.Count - warmUp));
    }
}
