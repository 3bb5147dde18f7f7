using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Catalog;

/// <summary>
/// One row (Id 1) whose Version rises with every change to products, prices or SKU aliases, in the
/// transaction of the change: the workers' in-memory catalog reloads when it differs from the one it holds.
/// SaveChanges bumps it for tracked catalog changes; a writer with its own SQL (the set-based import) calls
/// <see cref="BumpAsync"/> in its transaction.
/// </summary>
public sealed class CatalogVersion
{
    public const int SingletonId = 1;
    public int Id { get; init; }
    public long Version { get; set; }

    /// <summary>Raises the version by one (row-locking, so concurrent catalog writers serialise on it).</summary>
    public static Task<int> BumpAsync(CloudDbContext db, CancellationToken ct) =>
        db.CatalogVersions.Where(v => v.Id == SingletonId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);

    public static void Bump(CloudDbContext db) =>
        db.CatalogVersions.Where(v => v.Id == SingletonId).ExecuteUpdate(s => s.SetProperty(v => v.Version, v => v.Version + 1));

    /// <summary>The current version (0 before any catalog change).</summary>
    public static Task<long> CurrentAsync(CloudDbContext db, CancellationToken ct) => Current.For(db)(db, ct);

    // Every set of orders a worker reconciles reads it: compiled once per model (issue 15's storm profile).
    private static readonly CompiledPerModel<Func<CloudDbContext, CancellationToken, Task<long>>> Current = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, CancellationToken ct) =>
            db.CatalogVersions.AsNoTracking().Where(v => v.Id == SingletonId).Select(v => v.Version).FirstOrDefault()));
}
