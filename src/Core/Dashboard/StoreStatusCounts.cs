using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Dashboard;

public static class StoreStatusCounts
{
    /// <summary>
    /// Recomputes the per-store counts from the orders, in one transaction. For a database filled
    /// behind EF's back (a bulk load, a restore from before the table existed); run it while no
    /// uploads or workers write, since the maintained increments would race a rebuild.
    /// </summary>
    public static async Task RebuildAsync(CloudDbContext db, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await db.StoreStatusCounts.ExecuteDeleteAsync(c);
            var groups = await db.Orders.AsNoTracking().GroupBy(o => new { o.StoreId, o.Status })
                .Select(g => new { g.Key.StoreId, g.Key.Status, Count = g.LongCount() }).ToListAsync(c);
            // Orders waiting for their worker are counted Received, as the upload counted them.
            var waiting = await db.ReceivedOrders.AsNoTracking().GroupBy(r => r.StoreId)
                .Select(g => new { StoreId = g.Key, Status = OrderStatus.Received, Count = g.LongCount() }).ToListAsync(c);
            db.StoreStatusCounts.AddRange(groups.Concat(waiting).GroupBy(g => (g.StoreId, g.Status))
                .Select(g => new StoreStatusCount { StoreId = g.Key.StoreId, Status = g.Key.Status, Count = g.Sum(x => x.Count) }));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            db.ChangeTracker.Clear();
        }, ct);
    }

    /// <summary>True when orders exist but no counts do: a database from before the table, or bulk-loaded.</summary>
    public static async Task<bool> NeedsRebuildAsync(CloudDbContext db, CancellationToken ct = default) =>
        !await db.StoreStatusCounts.AnyAsync(ct) && (await db.Orders.AnyAsync(ct) || await db.ReceivedOrders.AnyAsync(ct));
}
