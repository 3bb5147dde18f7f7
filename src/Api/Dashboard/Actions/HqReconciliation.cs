using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.Api.Dashboard.Actions;

/// <summary>
/// The operator actions through the Reconciliation project's HQ services: re-runs and SKU mapping
/// commit their ReconciliationRequested messages through the outbox (a mapping and its re-run in one
/// transaction), and the workers do the work like for any batch.
/// </summary>
public sealed class HqReconciliation(CloudDbContext db, ReconciliationRerun rerun, SkuMapping mapping) : IDashboardReconciliation
{
    public async Task<ActionOutcome> RerunOrderAsync(Guid orderId, string requestedBy, CancellationToken ct)
    {
        var status = await db.Orders.Where(o => o.Id == orderId).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(ct);
        if (status is null) return new(404, 0, $"No order {orderId}.");
        var queued = await rerun.ForOrdersAsync([orderId], requestedBy, ct);
        return new(200, queued, queued == 0 ? "Already reconciled; nothing to re-run." : "Queued for re-run.");
    }

    public async Task<ActionOutcome> RerunStoreAsync(string storeId, string requestedBy, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct)) return new(404, 0, $"No store {storeId}.");
        var queued = await rerun.ForStoreAsync(storeId, requestedBy, ct);
        return new(200, queued, $"{queued} failed / needs-review order(s) of {storeId} queued for re-run.");
    }

    public async Task<ActionOutcome> MapSkuAsync(string alias, string sku, string requestedBy, CancellationToken ct)
    {
        var r = await mapping.MapAsync(alias, sku, requestedBy, ct);
        return r.Outcome switch
        {
            SkuMappingOutcome.Mapped => new(200, r.RerunOrderCount, $"{r.Alias} → {r.Sku}: {r.RerunOrderCount} order(s) queued for re-run."),
            SkuMappingOutcome.AlreadyMapped => new(200, 0, $"{r.Alias} already maps to {r.Sku}."),
            SkuMappingOutcome.Conflict => new(409, 0, $"{r.Alias} already maps to another product, {r.Sku}."),
            SkuMappingOutcome.UnknownProduct => new(422, 0, $"No catalog product has SKU {sku.Trim()}."),
            SkuMappingOutcome.AliasIsACatalogSku => new(422, 0, $"{r.Alias} is itself a catalog SKU; SKU matching already applies."),
            _ => new(422, 0, $"'{alias}' is not a usable SKU (empty or longer than 64 characters)."),
        };
    }
}
