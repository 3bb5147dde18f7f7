namespace PosCloud.Api.Dashboard.Actions;

/// <param name="StatusCode">200 when done (even if nothing needed a re-run), 404/409/422 when refused.</param>
/// <param name="Queued">Orders queued for a re-run by this action.</param>
/// <param name="Message">What happened, in words, for the page and the audit.</param>
public sealed record ActionOutcome(int StatusCode, int Queued, string Message)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The operator actions, behind one seam so the dashboard does not depend on how re-runs and SKU
/// mapping are done (the Reconciliation project owns that: outbox messages, aliases, idempotency).
/// </summary>
public interface IDashboardReconciliation
{
    Task<ActionOutcome> RerunOrderAsync(Guid orderId, string requestedBy, CancellationToken ct);
    Task<ActionOutcome> RerunStoreAsync(string storeId, string requestedBy, CancellationToken ct);
    Task<ActionOutcome> MapSkuAsync(string alias, string sku, string requestedBy, CancellationToken ct);
}
