using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation;

/// <summary>
/// The whole catalog (products, price histories, SKU aliases) as one in-memory <see cref="CatalogIndex"/>,
/// per process, reloaded when the catalog version (<see cref="CatalogVersion"/>, raised in the transaction of
/// every catalog change) differs from the one it was loaded at. A worker reads the version — one row — before
/// each set of orders, so an order reconciled after a catalog change committed sees that change; in between
/// no product is read per order. A million products take a few hundred MB and a few seconds to load.
/// The version is read before the products: a change committed during a load is either in the load or
/// raises the version past the one recorded, so the next set reloads again.
/// </summary>
public sealed partial class CatalogCache(ILogger<CatalogCache> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Loaded? _current;

    private sealed record Loaded(long Version, CatalogIndex Index);

    /// <summary>The version the held index was loaded at (null before the first load).</summary>
    public long? Version => _current?.Version;

    public async Task<CatalogIndex> CurrentAsync(CloudDbContext db, CancellationToken ct)
    {
        var version = await CatalogVersion.CurrentAsync(db, ct);
        if (_current is { } held && held.Version == version) return held.Index;
        await _loading.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Version == version) return again.Index;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Read the version again inside the lock: another load may have moved past the one read above.
            version = await CatalogVersion.CurrentAsync(db, ct);
            var index = await LoadAsync(db, ct);
            _current = new Loaded(version, index);
            LogLoaded(index.Count, version, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return index;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Three streamed projections (no change tracking, no per-product query).</summary>
    private static async Task<CatalogIndex> LoadAsync(CloudDbContext db, CancellationToken ct)
    {
        var prices = new Dictionary<string, List<PricePoint>>(StringComparer.Ordinal);
        await foreach (var p in db.ProductPrices.AsNoTracking().Select(x => new { x.Sku, x.EffectiveFrom, x.ListPrice, x.AddOnPrice }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!prices.TryGetValue(p.Sku, out var list)) prices[p.Sku] = list = new List<PricePoint>(1);
            list.Add(new PricePoint(p.EffectiveFrom, p.ListPrice, p.AddOnPrice));
        }
        var entries = new List<CatalogEntry>(prices.Count);
        await foreach (var p in db.Products.AsNoTracking().Select(x => new { x.Sku, x.Barcode, x.Name, x.Active, x.GiftEligible }).AsAsyncEnumerable().WithCancellation(ct))
            entries.Add(new CatalogEntry(p.Sku, p.Barcode, p.Name, p.Active, p.GiftEligible, prices.GetValueOrDefault(p.Sku) ?? []));
        var aliases = await db.SkuAliases.AsNoTracking().Select(a => new SkuAliasEntry(a.Alias, a.Sku)).ToListAsync(ct);
        return new CatalogIndex(entries, aliases);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog loaded into memory: {Products} products at catalog version {Version} ({ElapsedMs:F0} ms)")]
    private partial void LogLoaded(int products, long version, double elapsedMs);
}
