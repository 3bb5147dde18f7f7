using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Messages;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Actions;

/// <summary>
/// Interim implementation of the seam until the Reconciliation project's HQ services land on main:
/// re-runs commit ReconciliationRequested through the outbox (the workers' existing consumer does the
/// work); SKU mapping is answered 501 because the alias table does not exist yet.
/// </summary>
public sealed class OutboxReconciliation(CloudDbContext db, TimeProvider time, OutboxSignal signal) : IDashboardReconciliation
{
    public async Task<ActionOutcome> RerunOrderAsync(Guid orderId, string requestedBy, CancellationToken ct)
    {
        var status = await db.Orders.Where(o => o.Id == orderId).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(ct);
        if (status is null) return new(404, 0, $"No order {orderId}.");
        if (status == OrderStatus.Reconciled) return new(200, 0, "Already reconciled; nothing to re-run.");
        return new(200, await QueueAsync([orderId], requestedBy, ct), "Queued for re-run.");
    }

    public async Task<ActionOutcome> RerunStoreAsync(string storeId, string requestedBy, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct)) return new(404, 0, $"No store {storeId}.");
        var ids = await db.Orders.Where(o => o.StoreId == storeId && (o.Status == OrderStatus.NeedsReview || o.Status == OrderStatus.Failed))
            .Select(o => o.Id).ToListAsync(ct);
        var queued = await QueueAsync(ids, requestedBy, ct);
        return new(200, queued, $"{queued} failed / needs-review order(s) queued for re-run.");
    }

    public Task<ActionOutcome> MapSkuAsync(string alias, string sku, string requestedBy, CancellationToken ct) =>
        Task.FromResult(new ActionOutcome(501, 0, "SKU mapping is not available in this build yet."));

    private async Task<int> QueueAsync(List<Guid> ids, string requestedBy, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        var now = time.GetUtcNow();
        foreach (var chunk in ids.Chunk(500))
            db.AddToOutbox(new ReconciliationRequested(chunk, requestedBy, now), now);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return ids.Count;
    }
}
