namespace PosCloud.Contracts.Orders;

/// <summary>An uploaded order as the cloud reconciled it.</summary>
/// <param name="ApprovedBy">The manager who approved a sale above the register's offline cap (staff id or "store-manager-pin"); null when none was needed.</param>
/// <param name="Returns">Returns of this sale the cloud has received (any register), oldest first (additive).</param>
/// <param name="NetTotal">Total minus refunds of those returns (additive; null from a server that predates returns).</param>
public sealed record OrderView(
    Guid OrderId,
    Guid BatchId,
    string StoreId,
    string RegisterId,
    long LocalNumber,
    DateTimeOffset SoldAt,
    string StaffId,
    string? CustomerPhone,
    decimal Total,
    OrderStatus Status,
    string? StatusReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ReconciledLineView> Lines,
    IReadOnlyList<PriceOverrideView> Overrides,
    IReadOnlyList<OrderStatusChangeView> History,
    string? ApprovedBy = null,
    IReadOnlyList<ReturnView>? Returns = null,
    decimal? NetTotal = null);

/// <summary>A return of a sale as the cloud stored it.</summary>
/// <param name="Lines">What came back, by the original order's 0-based line index.</param>
/// <param name="InvoiceOutcome">"cancelled", "cancelledAndReissued", "allowance" or "none".</param>
/// <param name="OverrideReversal">The returned share of the original lines' 店長改價 (sign reversed; additive): the
/// sale's net override is the overrides' differences plus its returns' reversals. Null until reconciled.</param>
/// <param name="ReceivedAt">When the cloud stored the return (additive).</param>
/// <param name="FinishedAt">When it reached a final status (additive).</param>
/// <param name="LocalNumber">The register's own number of the return (additive).</param>
public sealed record ReturnView(
    Guid ReturnId,
    Guid OrderId,
    string StoreId,
    string RegisterId,
    DateTimeOffset ReturnedAt,
    string StaffId,
    string Reason,
    IReadOnlyList<Batches.OfflineReturnLine> Lines,
    IReadOnlyList<Batches.OfflinePayment> Refunds,
    decimal RefundTotal,
    OrderStatus Status,
    string? StatusReason,
    string InvoiceOutcome,
    string? ApprovedBy,
    decimal? OverrideReversal = null,
    DateTimeOffset? ReceivedAt = null,
    DateTimeOffset? FinishedAt = null,
    long? LocalNumber = null,
    string? CancelledInvoiceNumber = null,
    string? ReplacementInvoiceNumber = null,
    string? AllowanceNumber = null,
    DateTimeOffset? AllowanceCancelledAt = null,
    string? AllowanceCancelReason = null);

/// <param name="CatalogName">The catalog's name, null when the SKU is unknown.</param>
/// <param name="TypedName">What the register sent, kept for audit.</param>
/// <param name="ExpectedUnitPrice">The catalog price of this line type at sale time; null when unknown.</param>
/// <param name="ChargedUnitPrice">What the customer paid per unit (never changed).</param>
/// <param name="Flags">Reconciliation flags such as unknownSku, inactiveProduct, noAddOnPrice, giftNotEligible.</param>
public sealed record ReconciledLineView(
    int LineNumber,
    string Sku,
    string? MatchedSku,
    string? CatalogName,
    string? TypedName,
    LineType Type,
    decimal Quantity,
    decimal? ExpectedUnitPrice,
    decimal ChargedUnitPrice,
    IReadOnlyList<string> Flags);

/// <summary>店長改價: a typed price that differs from the catalog price of its line type.</summary>
public sealed record PriceOverrideView(
    int LineNumber,
    string Sku,
    decimal ExpectedUnitPrice,
    decimal ChargedUnitPrice,
    decimal Difference,
    decimal Quantity,
    string Reason,
    string? ManagerStaffId);

public sealed record OrderStatusChangeView(OrderStatus Status, DateTimeOffset At, string? Reason);

/// <summary>Status reasons a client may recognise (the text is part of the contract).</summary>
public static class ReturnStatusReasons
{
    /// <summary>A Received return whose original sale is not in the cloud (or not reconciled) yet: it waits, then resolves (shown as 等待原銷售單).</summary>
    public const string WaitingForOriginal = "Waiting for the original sale to arrive and be reconciled.";
}
