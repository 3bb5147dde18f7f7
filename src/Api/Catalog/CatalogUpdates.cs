using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Catalog;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Hq;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Api.Catalog;

/// <summary>Applies product upserts in one transaction: valid rows go through, invalid rows are reported by row number.</summary>
public sealed class CatalogUpdates(CloudDbContext db, ReconciliationRerun rerun, TimeProvider time)
{
    public async Task<ImportResult> ApplyAsync(IReadOnlyList<(int Row, ProductUpsert? Product)> rows, IEnumerable<ImportRowError> earlierErrors, string requestedBy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = earlierErrors.ToList();
        var valid = new List<(int Row, ProductUpsert P)>();
        var seen = new HashSet<string>();
        foreach (var (number, row) in rows)
        {
            if (row is null) { errors.Add(new ImportRowError(number, null, ["The row is empty."])); continue; }
            var messages = ProductRules.Validate(row).ToList();
            if (messages.Count == 0 && !seen.Add(CatalogIndex.SkuKey(row.Sku))) messages.Add($"sku {row.Sku} appears more than once in this import.");
            if (messages.Count > 0) errors.Add(new ImportRowError(number, row.Sku, messages));
            else valid.Add((number, row));
        }

        var keys = valid.Select(v => CatalogIndex.SkuKey(v.P.Sku)).ToList();
        var existing = await db.Products.Include(p => p.Prices).Where(p => keys.Contains(p.SkuKey)).AsSplitQuery().ToDictionaryAsync(p => p.SkuKey, ct);
        int created = 0, updated = 0, priceChanges = 0, unchanged = 0;
        var newKeys = new List<string>();
        foreach (var (_, p) in valid)
        {
            var effectiveFrom = (p.EffectiveFrom ?? now).ToUniversalTime();
            var product = existing.GetValueOrDefault(CatalogIndex.SkuKey(p.Sku));
            switch (ProductRules.Classify(product, p, effectiveFrom))
            {
                case ProductChange.Created:
                    db.Products.Add(new Product
                    {
                        Sku = p.Sku.Trim(), SkuKey = CatalogIndex.SkuKey(p.Sku), Name = p.Name.Trim(), Barcode = ProductRules.NullIfBlank(p.Barcode),
                        Category = ProductRules.NullIfBlank(p.Category), GiftEligible = p.GiftEligible, Active = p.Active,
                        Prices = { new ProductPrice { Sku = p.Sku.Trim(), EffectiveFrom = effectiveFrom, ListPrice = p.ListPrice, AddOnPrice = p.AddOnPrice } },
                    });
                    created++;
                    newKeys.Add(CatalogIndex.SkuKey(p.Sku));
                    if (ProductRules.NullIfBlank(p.Barcode) is { } barcode) newKeys.Add(barcode);
                    continue;
                case ProductChange.Unchanged:
                    unchanged++;
                    continue;
                case ProductChange.PriceChanged:
                    var sameInstant = product!.Prices.FirstOrDefault(x => x.EffectiveFrom == effectiveFrom);
                    if (sameInstant is not null) db.ProductPrices.Remove(sameInstant);
                    db.ProductPrices.Add(new ProductPrice { Sku = product.Sku, EffectiveFrom = effectiveFrom, ListPrice = p.ListPrice, AddOnPrice = p.AddOnPrice });
                    priceChanges++;
                    break;
                default:
                    updated++;
                    break;
            }
            product!.Name = p.Name.Trim();
            product.Barcode = ProductRules.NullIfBlank(p.Barcode);
            product.Category = ProductRules.NullIfBlank(p.Category);
            product.GiftEligible = p.GiftEligible;
            product.Active = p.Active;
        }
        // A new product may be the SKU that NeedsReview orders were waiting for: re-run them in the same commit.
        if (newKeys.Count > 0) await rerun.QueueForCatalogKeysAsync(newKeys, requestedBy, ct);
        await db.SaveChangesAsync(ct);
        if (newKeys.Count > 0) rerun.NotifyCommitted();
        return new ImportResult(created, updated, priceChanges, unchanged, errors.OrderBy(e => e.Row).ToList());
    }
}
