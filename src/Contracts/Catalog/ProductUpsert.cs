namespace PosCloud.Contracts.Catalog;

/// <summary>A product as HQ or an integrator sends it. A changed price is recorded as history from EffectiveFrom (default: now).</summary>
public sealed record ProductUpsert(
    string Sku,
    string Name,
    decimal ListPrice,
    decimal? AddOnPrice = null,
    string? Barcode = null,
    string? Category = null,
    bool GiftEligible = false,
    bool Active = true,
    DateTimeOffset? EffectiveFrom = null);

public sealed record ProductView(
    string Sku,
    string? Barcode,
    string Name,
    string? Category,
    bool GiftEligible,
    bool Active,
    IReadOnlyList<PriceView> PriceHistory);

public sealed record PriceView(DateTimeOffset EffectiveFrom, decimal ListPrice, decimal? AddOnPrice);

/// <summary>The result of a bulk import: rows applied, and every rejected row with its reasons.</summary>
public sealed record ImportResult(int Created, int Updated, int PriceChanges, int Unchanged, IReadOnlyList<ImportRowError> Errors);

/// <param name="Row">1-based row number (CSV: the data row after the header; JSON: the array index + 1).</param>
public sealed record ImportRowError(int Row, string? Sku, IReadOnlyList<string> Messages);
