using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation.Hq;

public enum SkuMappingOutcome
{
    /// <summary>The alias was stored and the affected NeedsReview orders were queued for a re-run.</summary>
    Mapped,
    /// <summary>The alias already maps to this product; nothing changed.</summary>
    AlreadyMapped,
    /// <summary>The alias already maps to another product (<see cref="SkuMappingResult.Sku"/>); nothing changed.</summary>
    Conflict,
    /// <summary>No catalog product has the target SKU.</summary>
    UnknownProduct,
    /// <summary>The alias is itself a catalog SKU: SKU matching wins, so the mapping could never apply.</summary>
    AliasIsACatalogSku,
    /// <summary>The alias is empty or longer than 64 characters.</summary>
    InvalidAlias,
}

/// <param name="Alias">The alias key as stored (trimmed, upper-cased).</param>
/// <param name="Sku">The product the alias maps to now (for Conflict: the existing one).</param>
/// <param name="RerunOrderCount">NeedsReview orders queued for a re-run by this call.</param>
public sealed record SkuMappingResult(SkuMappingOutcome Outcome, string Alias, string? Sku, int RerunOrderCount);

/// <summary>
/// HQ maps a SKU the stores typed but the catalog does not know onto a catalog product. The alias and
/// the re-run of the affected NeedsReview orders commit in one transaction (outbox), so a mapping is
/// never stored without its re-run. Idempotent by the alias's primary key: a concurrent or repeated
/// mapping loses on the unique key and is answered from what is stored.
/// </summary>
public sealed class SkuMapping(CloudDbContext db, ReconciliationRerun rerun, TimeProvider time)
{
    public async Task<SkuMappingResult> MapAsync(string alias, string sku, string requestedBy, CancellationToken ct)
    {
        var key = CatalogIndex.SkuKey(alias ?? "");
        if (key.Length is 0 or > 64) return new(SkuMappingOutcome.InvalidAlias, key, null, 0);
        var targetKey = CatalogIndex.SkuKey(sku ?? "");
        var target = await db.Products.Where(p => p.SkuKey == targetKey).Select(p => p.Sku).FirstOrDefaultAsync(ct);
        if (target is null) return new(SkuMappingOutcome.UnknownProduct, key, null, 0);
        if (await db.Products.AnyAsync(p => p.SkuKey == key, ct)) return new(SkuMappingOutcome.AliasIsACatalogSku, key, null, 0);

        // A context that already tracks the row (an earlier call in the same scope) cannot add it again.
        if (db.SkuAliases.Local.FirstOrDefault(a => a.Alias == key) is { } tracked)
            return Stored(tracked.Sku);

        db.SkuAliases.Add(new SkuAlias { Alias = key, Sku = target, CreatedBy = requestedBy, CreatedAt = time.GetUtcNow() });
        var queued = await rerun.QueueForCatalogKeysAsync([key], $"{requestedBy} (SKU {key} mapped to {target})", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Mapped before (or just now by someone else): answer from the stored row, re-run nothing twice.
            db.ChangeTracker.Clear();
            var existing = await db.SkuAliases.AsNoTracking().SingleAsync(a => a.Alias == key, ct);
            return Stored(existing.Sku);
        }
        rerun.NotifyCommitted();
        return new(SkuMappingOutcome.Mapped, key, target, queued.Count);

        SkuMappingResult Stored(string storedSku) =>
            new(storedSku == target ? SkuMappingOutcome.AlreadyMapped : SkuMappingOutcome.Conflict, key, storedSku, 0);
    }
}
