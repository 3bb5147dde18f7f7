using PosCloud.Contracts;

namespace PosCloud.Reconciliation.Rules;

public sealed record OrderToReconcile(
    Guid OrderId,
    DateTimeOffset SoldAt,
    string? ManagerStaffId,
    IReadOnlyList<LineToReconcile> Lines);

/// <param name="ChargedUnitPrice">The price typed at the register: what the customer paid per unit.</param>
public sealed record LineToReconcile(
    int LineNumber,
    string Sku,
    string? TypedName,
    LineType Type,
    decimal Quantity,
    decimal ChargedUnitPrice);

/// <param name="CatalogName">Replaces the typed name; null when the SKU is unknown (the typed name stays).</param>
public sealed record ReconciledLine(
    int LineNumber,
    string? MatchedSku,
    string? CatalogName,
    decimal? ExpectedUnitPrice,
    IReadOnlyList<string> Flags);

/// <param name="Difference">(charged − expected) × quantity: the money the override moved; negative is a discount.</param>
public sealed record PriceOverrideDecision(
    int LineNumber,
    string Sku,
    decimal ExpectedUnitPrice,
    decimal ChargedUnitPrice,
    decimal Difference,
    decimal Quantity,
    string Reason,
    string? ManagerStaffId);

public sealed record ReconciliationResult(
    OrderStatus Status,
    string? Reason,
    IReadOnlyList<ReconciledLine> Lines,
    IReadOnlyList<PriceOverrideDecision> Overrides);

/// <summary>Flags a reconciled line can carry; the dashboard shows them.</summary>
public static class LineFlags
{
    public const string UnknownSku = "unknownSku";
    public const string InactiveProduct = "inactiveProduct";
    public const string NoAddOnPrice = "noAddOnPrice";
    public const string GiftNotEligible = "giftNotEligible";
    public const string NoPriceAtSaleTime = "noPriceAtSaleTime";
    public const string MatchedByBarcode = "matchedByBarcode";
    public const string MatchedByAlias = "matchedByAlias";
}

public static class OverrideReasons
{
    /// <summary>A price typed by hand at an offline register that differs from the catalog.</summary>
    public const string OfflinePriceEntry = "OfflinePriceEntry";
}
