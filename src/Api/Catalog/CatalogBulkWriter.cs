using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Catalog;

/// <summary>
/// Writes a catalog import's products and price points set-based, in the caller's transaction. EF's
/// per-entity SaveChanges made an import ~3,000 products/s; here:
/// <list type="bullet">
/// <item>PostgreSQL: the products the import creates (and their first price points) by COPY
/// — no upsert probe per row, and COPY's multi-row inserts; the changed products
/// by INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE, then the same for their price points (unique by
/// Sku, EffectiveFrom). A product another writer created after the import read the catalog makes the COPY fail
/// with a unique violation: the writer rolls back to its savepoint and upserts every row instead;</item>
/// <item>SQLite: the same two upserts as prepared statements executed once per row (in-process, one transaction);</item>
/// <item>SQL Server (and anything else): EF's SaveChanges, which batches the INSERT/UPDATE/MERGE statements
/// (its T-SQL is what tests/PosCloud.SqlServer.Tests captures).</item>
/// </list>
/// A price point at the same instant as an existing one replaces it (as the EF path always did).
/// </summary>
public static class CatalogBulkWriter
{
    public sealed record ProductRow(string Sku, string SkuKey, string Name, string? Barcode, string? Category, bool GiftEligible, bool Active);

    /// <param name="ReplacesId">The existing price point at the same instant, if any (the EF path deletes it first).</param>
    public sealed record PriceRow(string Sku, DateTimeOffset EffectiveFrom, decimal ListPrice, decimal? AddOnPrice, long? ReplacesId);

    public sealed class Plan
    {
        /// <summary>Products not in the catalog when the import read it, and their price points.</summary>
        public List<ProductRow> New { get; } = [];
        public List<PriceRow> NewPrices { get; } = [];
        /// <summary>Products already in the catalog, and their new price points.</summary>
        public List<ProductRow> Changed { get; } = [];
        public List<PriceRow> ChangedPrices { get; } = [];
        public IEnumerable<ProductRow> Products => New.Concat(Changed);
        public IEnumerable<PriceRow> Prices => NewPrices.Concat(ChangedPrices);
        public int PriceCount => NewPrices.Count + ChangedPrices.Count;
    }

    private const string ProductUpsertTail =
        "ON CONFLICT (\"Sku\") DO UPDATE SET \"Name\" = excluded.\"Name\", \"Barcode\" = excluded.\"Barcode\", \"Category\" = excluded.\"Category\", " +
        "\"GiftEligible\" = excluded.\"GiftEligible\", \"Active\" = excluded.\"Active\"";
    private const string PriceUpsertTail =
        "ON CONFLICT (\"Sku\", \"EffectiveFrom\") DO UPDATE SET \"ListPrice\" = excluded.\"ListPrice\", \"AddOnPrice\" = excluded.\"AddOnPrice\"";

    public static Task WriteAsync(CloudDbContext db, Plan plan, CancellationToken ct) => db switch
    {
        PostgresCloudDbContext => WritePostgresAsync(db, plan, ct),
        SqliteCloudDbContext => WriteSqliteAsync(db, plan, ct),
        _ => WriteWithEfAsync(db, plan, ct),
    };

    private static async Task WritePostgresAsync(CloudDbContext db, Plan plan, CancellationToken ct)
    {
        var tx = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        if (plan.New.Count == 0)
        {
            await UpsertPostgresAsync(db, tx, plan.Changed, plan.ChangedPrices, ct);
            return;
        }
        const string savepoint = "catalog_copy";
        await tx.SaveAsync(savepoint, ct);
        try
        {
            await CopyNewAsync(tx.Connection!, plan, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer created one of these products since the import read the catalog: upsert them all.
            await tx.RollbackAsync(savepoint, ct);
            await UpsertPostgresAsync(db, tx, plan.Products.ToList(), plan.Prices.ToList(), ct);
            return;
        }
        await tx.ReleaseAsync(savepoint, ct);
        if (plan.Changed.Count > 0) await UpsertPostgresAsync(db, tx, plan.Changed, plan.ChangedPrices, ct);
    }

    /// <summary>
    /// COPY (CSV) of the new products and their price points. Text on purpose: the rows are built with
    /// StringBuilder and written by the TextWriter, code the runtime ships precompiled, while the binary importer's
    /// per-value generic writes ran as freshly jitted code in an import that is often its process's first (COPY of
    /// 20,000 products took twice PostgreSQL's own time, ~12 µs of Api CPU a product). The columns are the ones the
    /// upserts name; a NULL is an empty unquoted field, every text is quoted.
    /// </summary>
    private static async Task CopyNewAsync(NpgsqlConnection conn, Plan plan, CancellationToken ct)
    {
        var rows = new StringBuilder(CopyChunkChars + 1024);
        await using (var products = await conn.BeginTextImportAsync(
            "COPY \"Products\" (\"Sku\", \"SkuKey\", \"Name\", \"Barcode\", \"Category\", \"GiftEligible\", \"Active\") FROM STDIN (FORMAT csv)", ct))
        {
            foreach (var p in plan.New)
            {
                CsvRow(rows, p);
                if (rows.Length >= CopyChunkChars) await FlushAsync(products, rows, ct);
            }
            await FlushAsync(products, rows, ct);
        }
        await using var prices = await conn.BeginTextImportAsync(
            "COPY \"ProductPrices\" (\"Sku\", \"EffectiveFrom\", \"ListPrice\", \"AddOnPrice\") FROM STDIN (FORMAT csv)", ct);
        foreach (var p in plan.NewPrices)
        {
            CsvRow(rows, p);
            if (rows.Length >= CopyChunkChars) await FlushAsync(prices, rows, ct);
        }
        await FlushAsync(prices, rows, ct);
    }

    private const int CopyChunkChars = 64 * 1024;

    private static async Task FlushAsync(TextWriter writer, StringBuilder rows, CancellationToken ct)
    {
        await writer.WriteAsync(rows, ct);
        rows.Clear();
    }

    internal static void CsvRow(StringBuilder sb, ProductRow p)
    {
        Quoted(sb, p.Sku).Append(',');
        Quoted(sb, p.SkuKey).Append(',');
        Quoted(sb, p.Name).Append(',');
        Quoted(sb, p.Barcode).Append(',');
        Quoted(sb, p.Category).Append(',');
        sb.Append(p.GiftEligible ? 't' : 'f').Append(',').Append(p.Active ? 't' : 'f').Append('\n');
    }

    internal static void CsvRow(StringBuilder sb, PriceRow p)
    {
        // Microseconds, truncated like Npgsql's binary timestamptz (PostgreSQL would round a longer text fraction).
        var utc = p.EffectiveFrom.UtcDateTime;
        utc = utc.AddTicks(-(utc.Ticks % 10));
        Quoted(sb, p.Sku).Append(',');
        sb.Append(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-dd HH:mm:ss.ffffff}+00,{p.ListPrice},");
        if (p.AddOnPrice is { } addOn) sb.Append(CultureInfo.InvariantCulture, $"{addOn}");
        sb.Append('\n');
    }

    /// <summary>A CSV field in quotes (a quote doubled), or nothing for NULL.</summary>
    private static StringBuilder Quoted(StringBuilder sb, string? value)
    {
        if (value is null) return sb;
        sb.Append('"');
        if (value.Contains('"')) sb.Append(value.Replace("\"", "\"\"")); else sb.Append(value);
        return sb.Append('"');
    }

    private static async Task UpsertPostgresAsync(CloudDbContext db, NpgsqlTransaction tx, List<ProductRow> products, List<PriceRow> prices, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Command(
            "INSERT INTO \"Products\" (\"Sku\", \"SkuKey\", \"Name\", \"Barcode\", \"Category\", \"GiftEligible\", \"Active\") " +
            "SELECT * FROM unnest(@sku, @key, @name, @barcode, @category, @gift, @active) " + ProductUpsertTail,
            Array("sku", products.Select(p => p.Sku), NpgsqlDbType.Text),
            Array("key", products.Select(p => p.SkuKey), NpgsqlDbType.Text),
            Array("name", products.Select(p => p.Name), NpgsqlDbType.Text),
            Array("barcode", products.Select(p => p.Barcode), NpgsqlDbType.Text),
            Array("category", products.Select(p => p.Category), NpgsqlDbType.Text),
            Array("gift", products.Select(p => p.GiftEligible), NpgsqlDbType.Boolean),
            Array("active", products.Select(p => p.Active), NpgsqlDbType.Boolean)));
        if (prices.Count > 0)
            batch.BatchCommands.Add(Command(
                "INSERT INTO \"ProductPrices\" (\"Sku\", \"EffectiveFrom\", \"ListPrice\", \"AddOnPrice\") " +
                "SELECT * FROM unnest(@psku, @pfrom, @plist, @paddon) " + PriceUpsertTail,
                Array("psku", prices.Select(p => p.Sku), NpgsqlDbType.Text),
                Array("pfrom", prices.Select(p => p.EffectiveFrom.ToUniversalTime()), NpgsqlDbType.TimestampTz),
                Array("plist", prices.Select(p => p.ListPrice), NpgsqlDbType.Numeric),
                Array("paddon", prices.Select(p => p.AddOnPrice), NpgsqlDbType.Numeric)));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var c = new NpgsqlBatchCommand(sql);
        c.Parameters.AddRange(parameters);
        return c;
    }

    private static NpgsqlParameter Array<T>(string name, IEnumerable<T> values, NpgsqlDbType elementType) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values.ToArray() };

    /// <summary>
    /// One prepared statement per table, run once per row in the caller's transaction. Values go through EF's
    /// own type mappings, so dates and decimals are stored exactly as EF stores them (SQLite keeps both as text,
    /// and the unique (Sku, EffectiveFrom) index compares that text).
    /// </summary>
    private static async Task WriteSqliteAsync(CloudDbContext db, Plan plan, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction!.GetDbTransaction();
        var product = db.Model.FindEntityType(typeof(Product))!;
        var price = db.Model.FindEntityType(typeof(ProductPrice))!;

        await using (var cmd = Prepare(conn, tx,
            "INSERT INTO \"Products\" (\"Sku\", \"SkuKey\", \"Name\", \"Barcode\", \"Category\", \"GiftEligible\", \"Active\") " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6) " + ProductUpsertTail,
            product, nameof(Product.Sku), nameof(Product.SkuKey), nameof(Product.Name), nameof(Product.Barcode), nameof(Product.Category),
            nameof(Product.GiftEligible), nameof(Product.Active)))
        {
            foreach (var p in plan.Products)
            {
                Set(cmd, product, nameof(Product.Sku), 0, p.Sku); Set(cmd, product, nameof(Product.SkuKey), 1, p.SkuKey);
                Set(cmd, product, nameof(Product.Name), 2, p.Name); Set(cmd, product, nameof(Product.Barcode), 3, p.Barcode);
                Set(cmd, product, nameof(Product.Category), 4, p.Category); Set(cmd, product, nameof(Product.GiftEligible), 5, p.GiftEligible);
                Set(cmd, product, nameof(Product.Active), 6, p.Active);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        if (plan.PriceCount == 0) return;
        await using (var cmd = Prepare(conn, tx,
            "INSERT INTO \"ProductPrices\" (\"Sku\", \"EffectiveFrom\", \"ListPrice\", \"AddOnPrice\") VALUES ($p0, $p1, $p2, $p3) " + PriceUpsertTail,
            price, nameof(ProductPrice.Sku), nameof(ProductPrice.EffectiveFrom), nameof(ProductPrice.ListPrice), nameof(ProductPrice.AddOnPrice)))
        {
            foreach (var p in plan.Prices)
            {
                Set(cmd, price, nameof(ProductPrice.Sku), 0, p.Sku); Set(cmd, price, nameof(ProductPrice.EffectiveFrom), 1, p.EffectiveFrom);
                Set(cmd, price, nameof(ProductPrice.ListPrice), 2, p.ListPrice); Set(cmd, price, nameof(ProductPrice.AddOnPrice), 3, p.AddOnPrice);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static DbCommand Prepare(DbConnection conn, DbTransaction tx, string sql, Microsoft.EntityFrameworkCore.Metadata.IEntityType entity, params string[] properties)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < properties.Length; i++)
        {
            var mapping = entity.FindProperty(properties[i])!.GetRelationalTypeMapping();
            cmd.Parameters.Add(mapping.CreateParameter(cmd, "$p" + i, null, nullable: true));
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, Microsoft.EntityFrameworkCore.Metadata.IEntityType entity, string property, int index, object? value)
    {
        var mapping = entity.FindProperty(property)!.GetRelationalTypeMapping();
        if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
        cmd.Parameters[index].Value = value ?? DBNull.Value;
    }

    /// <summary>The provider-neutral path: tracked entities, one SaveChanges (EF batches the statements).</summary>
    private static async Task WriteWithEfAsync(CloudDbContext db, Plan plan, CancellationToken ct)
    {
        var newPrices = plan.Prices.ToLookup(p => p.Sku, StringComparer.Ordinal);
        foreach (var p in plan.New)
            db.Products.Add(new Product
            {
                Sku = p.Sku, SkuKey = p.SkuKey, Name = p.Name, Barcode = p.Barcode, Category = p.Category, GiftEligible = p.GiftEligible, Active = p.Active,
                Prices = newPrices[p.Sku].Select(x => new ProductPrice { Sku = x.Sku, EffectiveFrom = x.EffectiveFrom, ListPrice = x.ListPrice, AddOnPrice = x.AddOnPrice }).ToList(),
            });
        foreach (var p in plan.Changed)
        {
            db.Products.Update(new Product { Sku = p.Sku, SkuKey = p.SkuKey, Name = p.Name, Barcode = p.Barcode, Category = p.Category, GiftEligible = p.GiftEligible, Active = p.Active });
            foreach (var x in newPrices[p.Sku])
            {
                if (x.ReplacesId is { } id) db.ProductPrices.Remove(new ProductPrice { Id = id, Sku = x.Sku });
                db.ProductPrices.Add(new ProductPrice { Sku = x.Sku, EffectiveFrom = x.EffectiveFrom, ListPrice = x.ListPrice, AddOnPrice = x.AddOnPrice });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
