namespace PosCloud.Core.Catalog;

public sealed class Product
{
    public required string Sku { get; init; }
    /// <summary>Upper-cased, trimmed SKU: the key SKU matching uses.</summary>
    public required string SkuKey { get; init; }
    public string? Barcode { get; set; }
    public required string Name { get; set; }
    public string? Category { get; set; }
    public bool GiftEligible { get; set; }
    public bool Active { get; set; } = true;
    public List<ProductPrice> Prices { get; init; } = [];
}

/// <summary>One entry of a product's price history; it applies from EffectiveFrom until the next entry.</summary>
public sealed class ProductPrice
{
    public long Id { get; init; }
    public required string Sku { get; init; }
    public DateTimeOffset EffectiveFrom { get; init; }
    public decimal ListPrice { get; init; }
    public decimal? AddOnPrice { get; init; }
}
