using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Catalog;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Hq;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Api.Catalog;

/// <summary>
/// Applies product upserts in one transaction: valid rows go through, invalid rows are reported by row number.
/// What changes is decided in memory (<see cref="ValidRows"/>, <see cref="PlanChanges"/>: pure, over
/// <see cref="ProductRules"/>) against one read of the named products (<see cref="ExistingProducts"/>); the writes are
/// set-based (<see cref="CatalogBulkWriter"/>: COPY of the new products + upserts of the changed ones on PostgreSQL,
/// prepared statements on SQLite, EF's batched SaveChanges on SQL Server). The catalog version rises in the same
/// transaction, and the NeedsReview orders a new product may fix are queued for a re-run with it.
/// </summary>
public sealed partial class CatalogUpdates(CloudDbContext db, ReconciliationRerun rerun, TimeProvider time, ILogger<CatalogUpdates> logger)
{
    /// <summary>Imports at least this large log their progress (read, classified, written).</summary>
    public const int ProgressLogRows = 5_000;

    public async Task<ImportResult> ApplyAsync(IReadOnlyList<(int Row, ProductUpsert? Product)> rows, IEnumerable<ImportRowError> earlierErrors, string requestedBy, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var logProgress = rows.Count >= ProgressLogRows;
        var errors = earlierErrors.ToList();
        var valid = ValidRows(rows, errors);
        var existing = await ExistingProducts.ReadAsync(db, valid.ConvertAll(v => v.Key), ct);
        if (logProgress) LogRead(rows.Count, errors.Count, existing.Count, clock.ElapsedMilliseconds);

        var (plan, created, updated, priceChanges, unchanged) = PlanChanges(valid, existing, time.GetUtcNow());
        var newKeys = new List<string>(plan.New.Count * 2);
        foreach (var p in plan.New)
        {
            newKeys.Add(p.SkuKey);
            if (p.Barcode is { } barcode) newKeys.Add(barcode);
        }
        if (logProgress) LogClassified(created, updated, priceChanges, unchanged, clock.ElapsedMilliseconds);

        if (plan.New.Count + plan.Changed.Count > 0)
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
            {
                db.ChangeTracker.Clear(); // a retried attempt starts from nothing tracked
                await using var tx = await db.Database.BeginTransactionAsync(c);
                await CatalogBulkWriter.WriteAsync(db, plan, c);
                await CatalogVersion.BumpAsync(db, c);
                // A new product may be the SKU that NeedsReview orders were waiting for: re-run them in the same commit.
                if (newKeys.Count > 0) await rerun.QueueForCatalogKeysAsync(newKeys, requestedBy, c);
                await db.SaveChangesAsync(c);
                await tx.CommitAsync(c);
            }, ct);
            db.ChangeTracker.Clear();
            if (newKeys.Count > 0) rerun.NotifyCommitted();
        }
        if (logProgress) LogWritten(plan.New.Count + plan.Changed.Count, plan.PriceCount, clock.ElapsedMilliseconds,
            (plan.New.Count + plan.Changed.Count) / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
        return new ImportResult(created, updated, priceChanges, unchanged, errors.OrderBy(e => e.Row).ToList());
    }

    /// <summary>
    /// The rows that pass <see cref="ProductRules.Validate"/>, with their SKU keys; every other row becomes an error
    /// (a SKU key repeated in one import is rejected from its second row on).
    /// </summary>
    internal static List<(string Key, ProductUpsert P)> ValidRows(IReadOnlyList<(int Row, ProductUpsert? Product)> rows, List<ImportRowError> errors)
    {
        var valid = new List<(string Key, ProductUpsert P)>(rows.Count);
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        foreach (var (number, row) in rows)
        {
            if (row is null) { errors.Add(new ImportRowError(number, null, ["The row is empty."])); continue; }
            var messages = ProductRules.Validate(row);
            if (messages.Count > 0) { errors.Add(new ImportRowError(number, row.Sku, messages)); continue; }
            var key = CatalogIndex.SkuKey(row.Sku);
            if (seen.Add(key)) valid.Add((key, row));
            else errors.Add(new ImportRowError(number, row.Sku, [$"sku {row.Sku} appears more than once in this import."]));
        }
        return valid;
    }

    /// <summary>What each valid row does to the catalog (<see cref="ProductRules.Classify"/>), as the rows to write.</summary>
    internal static (CatalogBulkWriter.Plan Plan, int Created, int Updated, int PriceChanges, int Unchanged) PlanChanges(
        List<(string Key, ProductUpsert P)> valid, IReadOnlyDictionary<string, Product> existing, DateTimeOffset now)
    {
        int created = 0, updated = 0, priceChanges = 0, unchanged = 0;
        var plan = new CatalogBulkWriter.Plan();
        foreach (var (key, p) in valid)
        {
            var effectiveFrom = (p.EffectiveFrom ?? now).ToUniversalTime();
            var product = existing.GetValueOrDefault(key);
            var change = ProductRules.Classify(product, p, effectiveFrom);
            if (change == ProductChange.Unchanged) { unchanged++; continue; }
            var sku = product?.Sku ?? p.Sku.Trim();
            var details = new CatalogBulkWriter.ProductRow(sku, key, p.Name.Trim(), ProductRules.NullIfBlank(p.Barcode),
                ProductRules.NullIfBlank(p.Category), p.GiftEligible, p.Active);
            if (change == ProductChange.Created)
            {
                plan.New.Add(details);
                plan.NewPrices.Add(new(sku, effectiveFrom, p.ListPrice, p.AddOnPrice, null));
                created++;
                continue;
            }
            plan.Changed.Add(details);
            if (change == ProductChange.Updated) { updated++; continue; }
            plan.ChangedPrices.Add(new(sku, effectiveFrom, p.ListPrice, p.AddOnPrice, product!.Prices.FirstOrDefault(x => x.EffectiveFrom == effectiveFrom)?.Id));
            priceChanges++;
        }
        return (plan, created, updated, priceChanges, unchanged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog import: {Rows} rows read, {Invalid} invalid, {Existing} already in the catalog ({ElapsedMs} ms)")]
    private partial void LogRead(int rows, int invalid, int existing, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog import: {Created} new, {Updated} updated, {PriceChanges} price changes, {Unchanged} unchanged ({ElapsedMs} ms)")]
    private partial void LogClassified(int created, int updated, int priceChanges, int unchanged, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog import: {Products} products and {Prices} prices written and committed ({ElapsedMs} ms, {PerSecond:F0} products/s)")]
    private partial void LogWritten(int products, int prices, long elapsedMs, double perSecond);
}
