namespace PosCloud.Contracts.Orders;

/// <summary>An uploaded order as the cloud reconciled it.</summary>
/// <param name="ApprovedBy">The manager who approved a sale above the register's offline cap (staff id or "store-manager-pin"); null when none was needed.</param>
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
    string? ApprovedBy = null);

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
