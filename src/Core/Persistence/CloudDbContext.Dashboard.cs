using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Catalog;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Orders;

namespace PosCloud.Core.Persistence;

/// <summary>
/// The dashboard's tables (users, audit, per-store status counts) and the upkeep of the counts. Every
/// writer of an order's status adds its net deltas to StoreStatusCounts in the same transaction, so the
/// counts cannot drift from the orders (a failed or rolled-back save rolls both back). There are three
/// writers, and all compute their deltas with <see cref="StatusCountDeltas.From"/> (net, key-ordered):
/// SaveChanges (the override below; a ReceivedOrder counts as Received), the Api's PostgreSQL COPY path
/// (BatchIngestion calls <see cref="AddToStatusCountsAsync"/> in its transaction) and the workers' PostgreSQL
/// COPY path (FinalOrderWriter, likewise).
/// A new raw-SQL writer of Orders.Status must do the same; <see cref="StoreStatusCounts.RebuildAsync"/>
/// recomputes the table for bulk loads.
/// </summary>
public abstract partial class CloudDbContext
{
    public DbSet<DashboardUser> DashboardUsers => Set<DashboardUser>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoreStatusCount> StoreStatusCounts => Set<StoreStatusCount>();

    private static void ConfigureDashboard(ModelBuilder b)
    {
        b.Entity<DashboardUser>(e =>
        {
            e.HasKey(x => x.UserName);
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.Role).HasMaxLength(20);
            e.Property(x => x.PasswordHash).HasMaxLength(400);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.Outcome).HasMaxLength(2000);
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.OrderId);
        });
        b.Entity<StoreStatusCount>(e =>
        {
            e.HasKey(x => new { x.StoreId, x.Status });
            e.Property(x => x.StoreId).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<Order>(e =>
        {
            // Oldest waiting order per store: reads only the (few) waiting orders, index-only.
            e.HasIndex(x => new { x.Status, x.StoreId, x.ReceivedAt });
            // The dashboard's per-hour pictures read orders by arrival and by finish time.
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => x.FinishedAt);
        });
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var deltas = PendingStatusDeltas();
        var catalogChanged = PendingCatalogChange();
        if (deltas.Count == 0 && !catalogChanged) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await AddToStatusCountsAsync(deltas, cancellationToken);
            if (catalogChanged) await CatalogVersion.BumpAsync(this, cancellationToken);
            return saved;
        }
        // Our own transaction, inside the provider's execution strategy (PostgreSQL/SQL Server retry on
        // transient errors and refuse a user transaction outside of one). Changes are accepted only
        // after the commit, so a retried attempt saves the same changes again.
        var result = await Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await Database.BeginTransactionAsync(ct);
            var saved = await base.SaveChangesAsync(false, ct);
            await AddToStatusCountsAsync(deltas, ct);
            if (catalogChanged) await CatalogVersion.BumpAsync(this, ct);
            await tx.CommitAsync(ct);
            return saved;
        }, cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return result;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var deltas = PendingStatusDeltas();
        var catalogChanged = PendingCatalogChange();
        if (deltas.Count == 0 && !catalogChanged) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            AddToStatusCounts(deltas);
            if (catalogChanged) CatalogVersion.Bump(this);
            return saved;
        }
        var result = Database.CreateExecutionStrategy().Execute(() =>
        {
            using var tx = Database.BeginTransaction();
            var saved = base.SaveChanges(false);
            AddToStatusCounts(deltas);
            if (catalogChanged) CatalogVersion.Bump(this);
            tx.Commit();
            return saved;
        });
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return result;
    }

    /// <summary>Whether this save adds, changes or removes a product, a price or a SKU alias (the workers' catalog).</summary>
    private bool PendingCatalogChange() => ChangeTracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Product or ProductPrice or SkuAlias);

    private IReadOnlyList<StatusCountDelta> PendingStatusDeltas()
    {
        if (ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
        var moves = new List<OrderStatusMove>();
        foreach (var entry in ChangeTracker.Entries<Order>())
        {
            var status = entry.Property(o => o.Status);
            switch (entry.State)
            {
                case EntityState.Added: moves.Add(new(entry.Entity.StoreId, null, status.CurrentValue)); break;
                case EntityState.Deleted: moves.Add(new(entry.Entity.StoreId, status.OriginalValue, null)); break;
                case EntityState.Modified when status.IsModified: moves.Add(new(entry.Entity.StoreId, status.OriginalValue, status.CurrentValue)); break;
            }
        }
        // An order waiting for its worker counts as Received: the upload adds the row, the worker's final write removes it.
        foreach (var entry in ChangeTracker.Entries<ReceivedOrder>())
        {
            if (entry.State == EntityState.Added) moves.Add(new(entry.Entity.StoreId, null, ReceivedOrder.Status));
            else if (entry.State == EntityState.Deleted) moves.Add(new(entry.Entity.StoreId, ReceivedOrder.Status, null));
        }
        return moves.Count == 0 ? [] : StatusCountDeltas.From(moves);
    }

    /// <summary>
    /// Atomic upserts (row-locking increments), in key order. PostgreSQL and SQLite: one INSERT … ON CONFLICT for all
    /// the keys (rows are inserted, so locked, in VALUES order; a batch's worker used to send one statement per key).
    /// SQL Server: MERGE WITH (HOLDLOCK) one key at a time (without the hint MERGE can race into a duplicate key, and a
    /// MERGE of several rows locks them in an order of its own, which could deadlock two writers). Public for the
    /// writers that put orders in without SaveChanges (the PostgreSQL COPY paths of the upload and the worker); call it
    /// in their transaction.
    /// </summary>
    public async Task AddToStatusCountsAsync(IReadOnlyList<StatusCountDelta> deltas, CancellationToken ct)
    {
        foreach (var (sql, args) in StatusCountUpserts(deltas))
            await Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    private void AddToStatusCounts(IReadOnlyList<StatusCountDelta> deltas)
    {
        foreach (var (sql, args) in StatusCountUpserts(deltas))
            Database.ExecuteSqlRaw(sql, args);
    }

    /// <summary>Rows per upsert statement: 3 parameters each, far below every provider's limit.</summary>
    private const int StatusCountRowsPerStatement = 300;

    private IEnumerable<(string Sql, object[] Args)> StatusCountUpserts(IReadOnlyList<StatusCountDelta> deltas)
    {
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
        {
            foreach (var d in deltas)
                yield return ("MERGE [StoreStatusCounts] WITH (HOLDLOCK) AS t USING (VALUES ({0}, {1})) AS s ([StoreId], [Status]) " +
                    "ON t.[StoreId] = s.[StoreId] AND t.[Status] = s.[Status] " +
                    "WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + {2} " +
                    "WHEN NOT MATCHED THEN INSERT ([StoreId], [Status], [Count]) VALUES ({0}, {1}, {2});", [d.StoreId, d.Status.ToString(), d.Delta]);
            yield break;
        }
        // PostgreSQL and SQLite (3.24+) share the ON CONFLICT form. The deltas are net per key, so no key repeats in
        // one statement (PostgreSQL refuses to update a row twice in one INSERT … ON CONFLICT).
        foreach (var chunk in deltas.Chunk(StatusCountRowsPerStatement))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
            yield return ($"INSERT INTO \"StoreStatusCounts\" (\"StoreId\", \"Status\", \"Count\") VALUES {values} " +
                "ON CONFLICT (\"StoreId\", \"Status\") DO UPDATE SET \"Count\" = \"StoreStatusCounts\".\"Count\" + excluded.\"Count\"",
                chunk.SelectMany(d => new object[] { d.StoreId, d.Status.ToString(), d.Delta }).ToArray());
        }
    }
}
