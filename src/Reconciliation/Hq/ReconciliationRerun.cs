using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Messages;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;

namespace PosCloud.Reconciliation.Hq;

/// <summary>
/// HQ's re-runs. Nothing is reconciled here: each call commits ReconciliationRequested messages
/// through the outbox (in the caller's transaction where one is open), and the workers do the work,
/// idempotently, like for any batch. Re-runs append to each order's status history.
/// </summary>
public sealed class ReconciliationRerun(CloudDbContext db, TimeProvider time, OutboxSignal? signal = null)
{
    /// <summary>Ids per message: a store-wide re-run becomes several bounded messages, each one save in the worker.</summary>
    public const int MaxOrdersPerMessage = 500;

    /// <summary>Re-runs the given orders that are not Reconciled (NeedsReview, Failed, or still waiting). Returns how many were queued.</summary>
    public async Task<int> ForOrdersAsync(IReadOnlyCollection<Guid> orderIds, string requestedBy, CancellationToken ct)
    {
        var wanted = orderIds.ToArray(); // a plain array: every provider binds it as one parameter
        var ids = await db.Orders.Where(o => wanted.Contains(o.Id) && o.Status != OrderStatus.Reconciled).Select(o => o.Id)
            .Concat(db.ReceivedOrders.Where(r => wanted.Contains(r.Id)).Select(r => r.Id)) // still waiting for a worker
            .ToListAsync(ct);
        return await CommitAsync(ids, requestedBy, ct);
    }

    /// <summary>Re-runs every NeedsReview and Failed order of one store. Returns how many were queued.</summary>
    public async Task<int> ForStoreAsync(string storeId, string requestedBy, CancellationToken ct)
    {
        var ids = await db.Orders
            .Where(o => o.StoreId == storeId && (o.Status == OrderStatus.NeedsReview || o.Status == OrderStatus.Failed))
            .Select(o => o.Id).ToListAsync(ct);
        return await CommitAsync(ids, requestedBy, ct);
    }

    /// <summary>
    /// For a catalog change (a product added, a SKU mapped): adds re-run messages for the NeedsReview
    /// orders with a line typed as one of <paramref name="skuKeys"/> (upper-cased, trimmed SKUs or
    /// barcodes) to the caller's unit of work. Nothing is saved: the caller's SaveChanges commits the
    /// change and the re-run together, so neither can happen without the other.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> QueueForCatalogKeysAsync(IReadOnlyCollection<string> skuKeys, string requestedBy, CancellationToken ct)
    {
        // The SKUs the NeedsReview orders wait for first (few, and none most of the time), matched here: the
        // planner estimated upper(Sku) = ANY(keys) element by element, ~110 ms per 200,000 keys before any order was read.
        var waiting = await db.Orders.Where(o => o.Status == OrderStatus.NeedsReview)
            .SelectMany(o => o.Lines.Select(l => l.Sku.ToUpper())).Distinct().ToListAsync(ct);
        if (waiting.Count == 0) return [];
        var named = skuKeys as IReadOnlySet<string> ?? new HashSet<string>(skuKeys, StringComparer.Ordinal);
        var keys = waiting.Where(named.Contains).ToArray();
        if (keys.Length == 0) return [];
        var ids = await db.Orders
            // One array/JSON parameter: the waiting SKUs an import names can be many, past any provider's parameter limit.
            .Where(o => o.Status == OrderStatus.NeedsReview && o.Lines.Any(l => EF.Parameter(keys).Contains(l.Sku.ToUpper())))
            .Select(o => o.Id).ToListAsync(ct);
        AddMessages(ids, requestedBy);
        return ids;
    }

    /// <summary>Wakes the outbox dispatcher (when this process runs one) after the caller committed.</summary>
    public void NotifyCommitted() => signal?.Notify();

    private async Task<int> CommitAsync(List<Guid> ids, string requestedBy, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        AddMessages(ids, requestedBy);
        await db.SaveChangesAsync(ct);
        NotifyCommitted();
        return ids.Count;
    }

    private void AddMessages(List<Guid> ids, string requestedBy)
    {
        var now = time.GetUtcNow();
        foreach (var chunk in ids.Chunk(MaxOrdersPerMessage))
            db.AddToOutbox(new ReconciliationRequested(chunk, requestedBy, now), now);
    }
}
