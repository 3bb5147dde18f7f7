using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Catalog;

/// <summary>
/// The products an import names that are already in the catalog, with their price histories, by SKU key.
/// PostgreSQL: one statement (products joined to their prices, keys as one array parameter) read straight from
/// Npgsql — EF's first compile of the split Include query cost ~200 ms of the Api's CPU in the import that runs
/// first in a process. Other providers: the EF query (one JSON/array parameter, not one parameter per key).
/// </summary>
public static class ExistingProducts
{
    public static async Task<IReadOnlyDictionary<string, Product>> ReadAsync(CloudDbContext db, List<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return new Dictionary<string, Product>();
        if (db is not PostgresCloudDbContext)
            return await db.Products.AsNoTracking().Include(p => p.Prices)
                // One array/JSON parameter, not EF 10's one parameter per key (SQLite allows 32,766; an import has up to 100,000).
                .Where(p => EF.Parameter(keys).Contains(p.SkuKey)).AsSplitQuery().ToDictionaryAsync(p => p.SkuKey, ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(c => ReadPostgresAsync(db, keys, c), ct);
    }

    private static async Task<IReadOnlyDictionary<string, Product>> ReadPostgresAsync(CloudDbContext db, List<string> keys, CancellationToken ct)
    {
        var products = new Dictionary<string, Product>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT p.\"Sku\", p.\"SkuKey\", p.\"Name\", p.\"Barcode\", p.\"Category\", p.\"GiftEligible\", p.\"Active\", " +
                "pp.\"Id\", pp.\"EffectiveFrom\", pp.\"ListPrice\", pp.\"AddOnPrice\" " +
                "FROM \"Products\" p LEFT JOIN \"ProductPrices\" pp ON pp.\"Sku\" = p.\"Sku\" WHERE p.\"SkuKey\" = ANY(@keys)",
                (NpgsqlConnection)db.Database.GetDbConnection());
            cmd.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(1);
                if (!products.TryGetValue(key, out var product))
                    products.Add(key, product = new Product
                    {
                        Sku = reader.GetString(0), SkuKey = key, Name = reader.GetString(2),
                        Barcode = reader.IsDBNull(3) ? null : reader.GetString(3), Category = reader.IsDBNull(4) ? null : reader.GetString(4),
                        GiftEligible = reader.GetBoolean(5), Active = reader.GetBoolean(6),
                    });
                if (reader.IsDBNull(7)) continue;
                product.Prices.Add(new ProductPrice
                {
                    Id = reader.GetInt64(7), Sku = product.Sku, EffectiveFrom = reader.GetFieldValue<DateTimeOffset>(8),
                    ListPrice = reader.GetDecimal(9), AddOnPrice = reader.IsDBNull(10) ? null : reader.GetDecimal(10),
                });
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return products;
    }
}
