namespace PosCloud.Reconciliation.Rules;

/// <summary>A catalog product as the rules see it: plain data, no database.</summary>
public sealed record CatalogEntry(
    string Sku,
    string? Barcode,
    string Name,
    bool Active,
    bool GiftEligible,
    IReadOnlyList<PricePoint> Prices);

/// <summary>A price that applies from EffectiveFrom until the next point of the same product.</summary>
public sealed record PricePoint(DateTimeOffset EffectiveFrom, decimal ListPrice, decimal? AddOnPrice);

/// <summary>Finds products by SKU (trimmed, case-insensitive) or by EAN-13 barcode.</summary>
public sealed class CatalogIndex
{
    private readonly Dictionary<string, CatalogEntry> _bySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntry> _byBarcode = new(StringComparer.Ordinal);

    public CatalogIndex(IEnumerable<CatalogEntry> entries)
    {
        foreach (var e in entries)
        {
            _bySku[SkuKey(e.Sku)] = e;
            if (!string.IsNullOrWhiteSpace(e.Barcode)) _byBarcode[e.Barcode.Trim()] = e;
        }
    }

    public int Count => _bySku.Count;

    /// <summary>The key SKUs are matched on: trimmed and upper-cased.</summary>
    public static string SkuKey(string sku) => sku.Trim().ToUpperInvariant();

    public CatalogEntry? Find(string skuOrBarcode)
    {
        var key = SkuKey(skuOrBarcode);
        if (_bySku.TryGetValue(key, out var bySku)) return bySku;
        return Ean13.IsValid(key) && _byBarcode.TryGetValue(key, out var byBarcode) ? byBarcode : null;
    }
}
