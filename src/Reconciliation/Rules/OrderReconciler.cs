using PosCloud.Contracts;

namespace PosCloud.Reconciliation.Rules;

/// <summary>
/// The reconciliation rules of ARCHITECTURE.md as one pure function: same order and catalog in,
/// same result out, so reconciling twice can never produce a second override.
/// </summary>
public static class OrderReconciler
{
    public static ReconciliationResult Reconcile(OrderToReconcile order, CatalogIndex catalog)
    {
        var lines = new List<ReconciledLine>(order.Lines.Count);
        var overrides = new List<PriceOverrideDecision>();
        var unknown = new List<string>();

        foreach (var line in order.Lines)
        {
            var match = catalog.Match(line.Sku);
            if (match is not { Entry: var product, How: var how })
            {
                unknown.Add(line.Sku.Trim());
                lines.Add(new ReconciledLine(line.LineNumber, null, null, null, [LineFlags.UnknownSku]));
                continue;
            }

            var flags = new List<string>();
            if (how == MatchKind.Barcode) flags.Add(LineFlags.MatchedByBarcode);
            if (how == MatchKind.Alias) flags.Add(LineFlags.MatchedByAlias);
            if (!product.Active) flags.Add(LineFlags.InactiveProduct);

            var expected = ExpectedUnitPrice(product, line.Type, order.SoldAt, flags);
            lines.Add(new ReconciledLine(line.LineNumber, product.Sku, product.Name, expected, flags));

            if (expected is { } price && price != line.ChargedUnitPrice)
            {
                overrides.Add(new PriceOverrideDecision(
                    line.LineNumber,
                    product.Sku,
                    price,
                    line.ChargedUnitPrice,
                    decimal.Round((line.ChargedUnitPrice - price) * line.Quantity, 2, MidpointRounding.AwayFromZero),
                    line.Quantity,
                    OverrideReasons.OfflinePriceEntry,
                    order.ManagerStaffId));
            }
        }

        return unknown.Count > 0
            ? new ReconciliationResult(OrderStatus.NeedsReview, UnknownSkuReason(unknown), lines, overrides)
            : new ReconciliationResult(OrderStatus.Reconciled, null, lines, overrides);
    }

    /// <summary>The longest status reason the database keeps (Orders.StatusReason is varchar(2000)).</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// "Unknown SKU: A, B, …" within <see cref="MaxReasonLength"/>: an order of 200 long unknown SKUs
    /// must not make the save fail (and poison its whole batch) on the reason's length.
    /// </summary>
    public static string UnknownSkuReason(IEnumerable<string> skus)
    {
        var distinct = skus.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var text = "Unknown SKU: " + string.Join(", ", distinct);
        if (text.Length <= MaxReasonLength) return text;
        for (var shown = distinct.Count - 1; shown > 0; shown--)
        {
            text = "Unknown SKU: " + string.Join(", ", distinct.Take(shown)) + $" (+{distinct.Count - shown} more)";
            if (text.Length <= MaxReasonLength) return text;
        }
        return $"Unknown SKU: {distinct.Count} SKUs";
    }

    /// <summary>
    /// The catalog price of the line type at the sale time; null when the catalog cannot say.
    /// A 滿額贈 (gift) line is free only for a gift-eligible product. Any other product given away is
    /// judged at its list price, so the giveaway becomes a 店長改價 from the list price (to 0, or to
    /// whatever was charged) and HQ sees the loss, besides the giftNotEligible flag.
    /// </summary>
    public static decimal? ExpectedUnitPrice(CatalogEntry product, LineType type, DateTimeOffset soldAt, List<string> flags)
    {
        if (type == LineType.Gift && product.GiftEligible) return 0m;
        if (type == LineType.Gift) flags.Add(LineFlags.GiftNotEligible);
        var point = PriceAt(product.Prices, soldAt);
        if (point is null)
        {
            flags.Add(LineFlags.NoPriceAtSaleTime);
            return null;
        }
        if (type == LineType.AddOn)
        {
            if (point.AddOnPrice is null) flags.Add(LineFlags.NoAddOnPrice);
            return point.AddOnPrice;
        }
        return point.ListPrice;
    }

    /// <summary>The latest price point whose EffectiveFrom is at or before the sale time.</summary>
    public static PricePoint? PriceAt(IReadOnlyList<PricePoint> history, DateTimeOffset soldAt)
    {
        PricePoint? best = null;
        foreach (var p in history)
            if (p.EffectiveFrom <= soldAt && (best is null || p.EffectiveFrom > best.EffectiveFrom))
                best = p;
        return best;
    }
}
