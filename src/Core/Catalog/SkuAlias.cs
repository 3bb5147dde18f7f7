namespace PosCloud.Core.Catalog;

/// <summary>
/// HQ's mapping of a SKU the stores typed (unknown to the catalog) onto a catalog product.
/// The key is the alias as matching sees it (trimmed, upper-cased), so one alias maps to one product.
/// </summary>
public sealed class SkuAlias
{
    /// <summary>Trimmed, upper-cased alias: the primary key, so mapping twice can never make two rows.</summary>
    public required string Alias { get; init; }
    /// <summary>The catalog product's SKU (Product.Sku).</summary>
    public required string Sku { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
