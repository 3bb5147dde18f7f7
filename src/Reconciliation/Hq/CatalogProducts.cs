using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation.Hq;

/// <param name="Prices">At least one price point; the earliest should be at or before the sales it must judge.</param>
public sealed record NewProduct(
    string Sku, string? Barcode, string Name, string? Category, bool GiftEligible, bool Active,
    IReadOnlyList<PricePoint> Prices);

public enum AddProductOutcome { Added, AlreadyExists }

public sealed record AddProductResult(AddProductOutcome Outcome, string Sku, int RerunOrderCount);

/// <summary>
/// HQ adds a product the stores already sold offline: the product and the re-run of the NeedsReview
/// orders that typed its SKU (or its barcode) commit together. Idempotent by the SKU key's unique index.
/// </summary>
public sealed class CatalogProducts(CloudDbContext db, ReconciliationRerun rerun)
{
    public async Task<AddProductResult> AddAsync(NewProduct p, string requestedBy, CancellationToken ct)
    {
        var sku = p.Sku.Trim();
        var key = CatalogIndex.SkuKey(sku);
        db.Products.Add(new Product
        {
            Sku = sku,
            SkuKey = key,
            Barcode = string.IsNullOrWhiteSpace(p.Barcode) ? null : p.Barcode.Trim(),
            Name = p.Name,
            Category = p.Category,
            GiftEligible = p.GiftEligible,
            Active = p.Active,
            Prices = p.Prices.Select(x => new ProductPrice { Sku = sku, EffectiveFrom = x.EffectiveFrom, ListPrice = x.ListPrice, AddOnPrice = x.AddOnPrice }).ToList(),
        });
        var keys = new List<string> { key };
        if (!string.IsNullOrWhiteSpace(p.Barcode)) keys.Add(p.Barcode.Trim());
        var queued = await rerun.QueueForCatalogKeysAsync(keys, $"{requestedBy} (product {sku} added)", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new(AddProductOutcome.AlreadyExists, sku, 0);
        }
        rerun.NotifyCommitted();
        return new(AddProductOutcome.Added, sku, queued.Count);
    }
}
