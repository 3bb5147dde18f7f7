using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.Api.Hq;

/// <param name="StatusCode">200 when done (even if nothing needed a re-run); 400, 404 or 409 when refused.</param>
/// <param name="Title">The refusal's short name (problem details title); "Done" when done.</param>
/// <param name="Queued">Orders queued for a re-run by this action.</param>
/// <param name="Message">What happened, in words, for the page, the API and the audit.</param>
public sealed record ActionOutcome(int StatusCode, string Title, int Queued, string Message)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public ProblemHttpResult ToProblem() => TypedResults.Problem(title: Title, detail: Message, statusCode: StatusCode);

    internal static ActionOutcome Done(int queued, string message) => new(200, "Done", queued, message);
}

/// <summary>
/// HQ's hands on reconciliation — re-run orders or a store's problem orders, map an unknown SKU — the one
/// service behind both the HQ API (<see cref="HqActionsApi"/>) and the dashboard's operator buttons, so the
/// same mistake gets the same answer through either. The work itself is the Reconciliation project's: the
/// ReconciliationRequested messages go through the outbox (a mapping and its re-run in one transaction).
/// </summary>
public sealed class HqActions(CloudDbContext db, ReconciliationRerun rerun, SkuMapping mapping)
{
    public const int MaxRerunOrders = 10_000;

    public async Task<ActionOutcome> RerunOrdersAsync(IReadOnlyList<Guid>? orderIds, string requestedBy, CancellationToken ct)
    {
        if (orderIds is not { Count: > 0 and <= MaxRerunOrders })
            return new(400, "orderIds", 0, $"orderIds: send 1–{MaxRerunOrders:N0} order ids.");
        var queued = await rerun.ForOrdersAsync(orderIds, requestedBy, ct);
        return ActionOutcome.Done(queued, queued == 0 ? "Already reconciled; nothing to re-run." : $"{queued} order(s) queued for re-run.");
    }

    public async Task<ActionOutcome> RerunOrderAsync(Guid orderId, string requestedBy, CancellationToken ct)
    {
        if (!await OrderHeaders.ExistsAsync(db, orderId, ct)) return new(404, "Order not found", 0, $"No order {orderId}.");
        return await RerunOrdersAsync([orderId], requestedBy, ct);
    }

    public async Task<ActionOutcome> RerunStoreAsync(string storeId, string requestedBy, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct)) return new(404, "Store not found", 0, $"No store {storeId}.");
        var queued = await rerun.ForStoreAsync(storeId, requestedBy, ct);
        return ActionOutcome.Done(queued, $"{queued} failed / needs-review order(s) of {storeId} queued for re-run.");
    }

    public async Task<(ActionOutcome Outcome, SkuMappingResult Mapping)> MapSkuAsync(string? alias, string? sku, string requestedBy, CancellationToken ct)
    {
        var r = await mapping.MapAsync(alias ?? "", sku ?? "", requestedBy, ct);
        var outcome = r.Outcome switch
        {
            SkuMappingOutcome.Mapped => ActionOutcome.Done(r.RerunOrderCount, $"{r.Alias} → {r.Sku}: {r.RerunOrderCount} order(s) queued for re-run."),
            SkuMappingOutcome.AlreadyMapped => ActionOutcome.Done(0, $"{r.Alias} already maps to {r.Sku}."),
            SkuMappingOutcome.Conflict => new(409, "Alias already mapped", 0, $"{r.Alias} already maps to another product, {r.Sku}."),
            SkuMappingOutcome.AliasIsACatalogSku => new(409, "Alias is a catalog SKU", 0, $"{r.Alias} is itself a catalog SKU; SKU matching already applies."),
            SkuMappingOutcome.UnknownProduct => new(404, "Unknown product", 0, $"No catalog product has SKU {(sku ?? "").Trim()}."),
            _ => new(400, "Invalid alias", 0, "alias: 1–64 printable characters."),
        };
        return (outcome, r);
    }
}
