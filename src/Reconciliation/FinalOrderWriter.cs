using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Reconciliation;

/// <summary>
/// Writes received orders' final rows once — the order, its lines, payments, overrides and status history — and
/// deletes their <see cref="ReceivedOrder"/> rows, in one transaction (issue 15: one durable write per order; the
/// worker used to update rows the upload had written). The delete is also the claim between competing workers: an
/// order whose received row another worker already took is not written again.
/// PostgreSQL: <c>DELETE … RETURNING</c> names the orders this transaction took (a competing worker blocks on the
/// row locks, then takes none), then binary COPY per table — one statement per table instead of one per row.
/// Other providers: EF's SaveChanges; a row another worker took fails the save (concurrency or unique violation),
/// which the caller answers by reloading what is still waiting.
/// </summary>
public static class FinalOrderWriter
{
    /// <summary>Returns the orders written (on PostgreSQL, those whose received row this transaction took).</summary>
    public static async Task<IReadOnlyList<Order>> WriteAsync(CloudDbContext db, IReadOnlyList<ReceivedOrder> received, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        if (orders.Count == 0) return [];
        return db is PostgresCloudDbContext ? await CopyAsync(db, orders, ct) : await SaveAsync(db, received, orders, ct);
    }

    private static async Task<IReadOnlyList<Order>> CopyAsync(CloudDbContext db, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var ids = orders.Select(o => o.Id).ToArray();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var taken = (await db.Database
                .SqlQuery<TakenRow>($"""DELETE FROM "ReceivedOrders" WHERE "Id" = ANY({ids}) RETURNING "Id", "ChainBroken" """)
                .ToListAsync(ct)).ToDictionary(t => t.Id, t => t.ChainBroken);
            var mine = taken.Count == orders.Count ? orders : orders.Where(o => taken.ContainsKey(o.Id)).ToList();
            // An upload may have flagged a waiting order's broken chain after this worker read it: the deleted row's
            // flag (the newest version, read after waiting for that upload's lock) is the one written.
            foreach (var order in mine) order.ChainBroken |= taken[order.Id];
            if (mine.Count > 0) await CopyFinalRowsAsync(db, mine, ct);
            await tx.CommitAsync(ct);
            return mine;
        }, ct);
    }

    /// <summary>
    /// PostgreSQL, a batch's first reconciliation (the storm's path): <c>DELETE … RETURNING</c> takes the batch's
    /// received orders and reads them in one statement, <paramref name="decide"/> applies the rules to them, and
    /// their final rows go by COPY, all in one transaction. Reading them before the delete, as
    /// <see cref="WriteAsync"/>'s callers do, cost a second statement over the same rows. A competing worker
    /// blocks on the row locks, then takes none. A failure rolls everything back: the received rows are there again.
    /// The rules run inside the transaction; they read the catalog from memory (a changed catalog version reloads it
    /// there, holding these rows a little longer, which only a competing worker or a chain flag would wait for).
    /// </summary>
    public static async Task<IReadOnlyList<Order>> TakeBatchAsync(PostgresCloudDbContext db, Guid batchId, Func<List<Order>, Task> decide, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var received = await db.ReceivedOrders
                .FromSql($"""DELETE FROM "ReceivedOrders" WHERE "BatchId" = {batchId} RETURNING *""")
                .AsNoTracking().ToListAsync(ct);
            var orders = received.Select(r => r.ToOrder()).ToList();
            if (orders.Count > 0)
            {
                await decide(orders);
                await CopyFinalRowsAsync(db, orders, ct);
            }
            await tx.CommitAsync(ct);
            return (IReadOnlyList<Order>)orders;
        }, ct);

    private static async Task CopyFinalRowsAsync(CloudDbContext db, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        await PostgresCopy.WriteAsync(db, orders, ct);
        await PostgresCopy.WriteAsync(db, orders.SelectMany(o => o.Lines).ToList(), ct);
        await PostgresCopy.WriteAsync(db, orders.SelectMany(o => o.Payments).ToList(), ct);
        await PostgresCopy.WriteAsync(db, orders.SelectMany(o => o.Overrides).ToList(), ct);
        await PostgresCopy.WriteAsync(db, orders.SelectMany(o => o.History).ToList(), ct);
        // Received → final in the dashboard's counts, in the same transaction (COPY bypasses SaveChanges).
        await db.AddToStatusCountsAsync(StatusCountDeltas.From(orders.Select(o => new OrderStatusMove(o.StoreId, ReceivedOrder.Status, o.Status))), ct);
    }

    private sealed record TakenRow(Guid Id, bool ChainBroken);

    private static async Task<IReadOnlyList<Order>> SaveAsync(CloudDbContext db, IReadOnlyList<ReceivedOrder> received, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var ids = orders.Select(o => o.Id).ToHashSet();
        // Deleted by key and chain flag (a concurrency token): EF's DELETE … WHERE Id = @id AND ChainBroken = @read expects
        // one row, so a row another worker took, or an upload flagged after this worker read it, fails the save and the
        // caller reloads.
        foreach (var r in received.Where(r => ids.Contains(r.Id))) db.ReceivedOrders.Remove(r);
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync(ct); // counts: the deleted received rows −Received, the added orders +final
        db.ChangeTracker.Clear();
        return orders;
    }
}
