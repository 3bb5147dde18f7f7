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

/// <summary>HQ's mapping of a typed SKU onto a catalog SKU (both as typed/stored; keys are derived here).</summary>
public sealed record SkuAliasEntry(string Alias, string Sku);

public enum MatchKind { Sku, Alias, Barcode }

public readonly record struct CatalogMatch(CatalogEntry Entry, MatchKind How);

/// <summary>
/// Finds products by SKU (trimmed, case-insensitive), then by an HQ alias of the SKU, then by EAN-13
/// barcode. SKU wins over alias so that a product added later under the typed SKU takes precedence
/// over an older mapping.
/// </summary>
public sealed class CatalogIndex
{
    private readonly Dictionary<string, CatalogEntry> _bySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntry> _byBarcode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntry> _byAlias = new(StringComparer.Ordinal);

    public CatalogIndex(IEnumerable<CatalogEntry> entries, IEnumerable<SkuAliasEntry>? aliases = null)
    {
        foreach (var e in entries)
        {
            _bySku[SkuKey(e.Sku)] = e;
            if (!string.IsNullOrWhiteSpace(e.Barcode)) _byBarcode[e.Barcode.Trim()] = e;
        }
        foreach (var a in aliases ?? [])
            if (_bySku.TryGetValue(SkuKey(a.Sku), out var target)) _byAlias[SkuKey(a.Alias)] = target;
    }

    public int Count => _bySku.Count;

    /// <summary>The key SKUs are matched on: trimmed and upper-cased.</summary>
    public static string SkuKey(string sku) => sku.Trim().ToUpperInvariant();

    public CatalogEntry? Find(string skuOrBarcode) => Match(skuOrBarcode)?.Entry;

    public CatalogMatch? Match(string skuOrBarcode)
    {
        var key = SkuKey(skuOrBarcode);
        if (_bySku.TryGetValue(key, out var bySku)) return new CatalogMatch(bySku, MatchKind.Sku);
        if (_byAlias.TryGetValue(key, out var byAlias)) return new CatalogMatch(byAlias, MatchKind.Alias);
        return Ean13.IsValid(key) && _byBarcode.TryGetValue(key, out var byBarcode) ? new CatalogMatch(byBarcode, MatchKind.Barcode) : null;
    }
}
