using PosCloud.Contracts.Catalog;
using PosCloud.Contracts.Limits;

namespace PosCloud.Api.Catalog;

/// <summary>What an upsert does to a product, decided without a database.</summary>
public enum ProductChange { Created, Updated, PriceChanged, Unchanged }

public static class ProductRules
{
    /// <summary>Every reason an upsert row is unusable (empty means valid).</summary>
    public static IReadOnlyList<string> Validate(ProductUpsert p)
    {
        // Collected only when a row is wrong: an import validates up to 100,000 rows, nearly all valid.
        List<string>? errors = null;
        if (string.IsNullOrWhiteSpace(p.Sku)) (errors ??= []).Add("sku is required.");
        else if (p.Sku.Trim().Length > ContractLimits.SkuMaxLength || HasControl(p.Sku)) (errors ??= []).Add($"sku must be at most {ContractLimits.SkuMaxLength} printable characters.");
        if (string.IsNullOrWhiteSpace(p.Name)) (errors ??= []).Add("name is required.");
        else if (p.Name.Trim().Length > ContractLimits.ProductNameMaxLength || p.Name.Contains('\0')) (errors ??= []).Add($"name must be at most {ContractLimits.ProductNameMaxLength} characters (no NUL).");
        if (p.Category is { } category && (category.Trim().Length > ContractLimits.ProductCategoryMaxLength || category.Contains('\0')))
            (errors ??= []).Add($"category must be at most {ContractLimits.ProductCategoryMaxLength} characters (no NUL).");
        CheckPrice(p.ListPrice, "listPrice", ref errors);
        if (p.AddOnPrice is { } addOn) CheckPrice(addOn, "addOnPrice", ref errors);
        if (!string.IsNullOrWhiteSpace(p.Barcode) && !Reconciliation.Rules.Ean13.IsValid(p.Barcode.Trim()))
            (errors ??= []).Add($"barcode {p.Barcode} is not a valid EAN-13 (13 digits with its check digit).");
        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Any char.IsControl character (U+0000–U+001F, U+007F–U+009F).</summary>
    private static bool HasControl(string s) =>
        s.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 || s.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0;

    private static void CheckPrice(decimal value, string field, ref List<string>? errors)
    {
        if (value < 0) (errors ??= []).Add($"{field} must not be negative.");
        // Bounded like the registers' unit prices, so no override (price difference × quantity) can overflow numeric(18,2).
        else if (value > ContractLimits.MaxUnitPrice) (errors ??= []).Add($"{field} must be at most {ContractLimits.MaxUnitPrice}.");
        else if (decimal.Round(value, 2) != value) (errors ??= []).Add($"{field} may have at most 2 decimals.");
    }

    /// <summary>
    /// A price change adds a history point from <paramref name="effectiveFrom"/> instead of overwriting,
    /// so orders sold before it are still judged by the old price.
    /// </summary>
    public static ProductChange Classify(Core.Catalog.Product? existing, ProductUpsert p, DateTimeOffset effectiveFrom)
    {
        if (existing is null) return ProductChange.Created;
        var current = existing.Prices.Where(x => x.EffectiveFrom <= effectiveFrom).MaxBy(x => x.EffectiveFrom);
        var priceChanged = current is null || current.ListPrice != p.ListPrice || current.AddOnPrice != p.AddOnPrice;
        var detailsChanged = existing.Name != p.Name.Trim() || existing.Barcode != NullIfBlank(p.Barcode) || existing.Category != NullIfBlank(p.Category)
            || existing.GiftEligible != p.GiftEligible || existing.Active != p.Active;
        return priceChanged ? ProductChange.PriceChanged : detailsChanged ? ProductChange.Updated : ProductChange.Unchanged;
    }

    public static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
