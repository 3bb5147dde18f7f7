using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosCloud.Contracts;
using PosCloud.Core.Catalog;
using PosCloud.Core.Observability;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation;

/// <summary>
/// The I/O around <see cref="OrderReconciler"/>: loads a set of orders with set-based reads of the
/// catalog (one query for all SKUs of the set), applies the rules, and saves once. A concurrent
/// reconciliation of the same order loses on the order's version and is retried by the bus, when
/// it finds the order already final and does nothing.
/// </summary>
public sealed partial class OrderReconciliationService(CloudDbContext db, TimeProvider time, ILogger<OrderReconciliationService> logger)
{
    /// <summary>Reconciles the orders of a batch that are not final yet. Returns how many changed.</summary>
    public Task<int> ReconcileBatchAsync(Guid batchId, CancellationToken ct) =>
        ReconcileAsync(o => o.BatchId == batchId && (o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling), ct);

    /// <summary>Reconciles the given orders again (HQ re-run): NeedsReview and Failed ones, and any not yet final.</summary>
    public Task<int> RerunAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct) =>
        ReconcileAsync(o => orderIds.Contains(o.Id) && o.Status != OrderStatus.Reconciled, ct);

    private async Task<int> ReconcileAsync(Expression<Func<Order, bool>> which, CancellationToken ct)
    {
        var orders = await db.Orders.Where(which)
            .Include(o => o.Lines).Include(o => o.Overrides)
            .AsSplitQuery()
            .ToListAsync(ct);
        if (orders.Count == 0) return 0;

        var catalog = await LoadCatalogAsync(orders.SelectMany(o => o.Lines).Select(l => l.Sku), ct);
        var storeIds = orders.Select(o => o.StoreId).Distinct().ToList();
        var managers = await db.Stores.Where(s => storeIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.ManagerStaffId, ct);

        using var span = PosCloudTelemetry.Source.StartActivity("reconcile orders");
        span?.SetTag("poscloud.orders", orders.Count);
        var startedAt = time.GetUtcNow();
        foreach (var order in orders)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["StoreId"] = order.StoreId, ["RegisterId"] = order.RegisterId, ["BatchId"] = order.BatchId, ["OrderId"] = order.Id });
            var result = OrderReconciler.Reconcile(ToRuleInput(order, managers.GetValueOrDefault(order.StoreId)), catalog);
            Apply(order, result, startedAt);
        }
        await db.SaveChangesAsync(ct);
        foreach (var order in orders)
        {
            PosCloudTelemetry.OrdersFinished.Add(1, new KeyValuePair<string, object?>("status", order.Status.ToString()));
            PosCloudTelemetry.UploadToFinal.Record((order.FinishedAt!.Value - order.ReceivedAt).TotalSeconds);
        }
        LogReconciled(orders.Count, orders.Count(o => o.Status == OrderStatus.Reconciled), orders.Count(o => o.Status == OrderStatus.NeedsReview));
        return orders.Count;
    }

    /// <summary>One query for every SKU (and barcode) of the set, with price histories.</summary>
    private async Task<CatalogIndex> LoadCatalogAsync(IEnumerable<string> skus, CancellationToken ct)
    {
        var keys = skus.Select(CatalogIndex.SkuKey).Distinct().ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => keys.Contains(p.SkuKey) || (p.Barcode != null && keys.Contains(p.Barcode)))
            .Include(p => p.Prices)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new CatalogIndex(products.Select(ToCatalogEntry));
    }

    public static CatalogEntry ToCatalogEntry(Product p) => new(
        p.Sku, p.Barcode, p.Name, p.Active, p.GiftEligible,
        p.Prices.Select(x => new PricePoint(x.EffectiveFrom, x.ListPrice, x.AddOnPrice)).ToList());

    private static OrderToReconcile ToRuleInput(Order order, string? managerStaffId) => new(
        order.Id, order.SoldAt, managerStaffId,
        order.Lines.OrderBy(l => l.LineNumber)
            .Select(l => new LineToReconcile(l.LineNumber, l.Sku, l.TypedName, l.Type, l.Quantity, l.ChargedUnitPrice))
            .ToList());

    private void Apply(Order order, ReconciliationResult result, DateTimeOffset startedAt)
    {
        var byNumber = order.Lines.ToDictionary(l => l.LineNumber);
        foreach (var line in result.Lines)
        {
            var target = byNumber[line.LineNumber];
            target.MatchedSku = line.MatchedSku;
            target.CatalogName = line.CatalogName;
            target.ExpectedUnitPrice = line.ExpectedUnitPrice;
            target.Flags = line.Flags.Count == 0 ? null : string.Join(',', line.Flags);
        }

        // A re-run recomputes the overrides from scratch; the (order, line) key keeps them single.
        db.PriceOverrides.RemoveRange(order.Overrides.Where(o => result.Overrides.All(n => n.LineNumber != o.LineNumber)));
        foreach (var decision in result.Overrides)
        {
            var existing = order.Overrides.FirstOrDefault(o => o.LineNumber == decision.LineNumber);
            if (existing is not null && existing.ExpectedUnitPrice == decision.ExpectedUnitPrice && existing.ChargedUnitPrice == decision.ChargedUnitPrice)
                continue;
            if (existing is not null) db.PriceOverrides.Remove(existing);
            db.PriceOverrides.Add(new PriceOverride
            {
                OrderId = order.Id,
                LineNumber = decision.LineNumber,
                Sku = decision.Sku,
                ExpectedUnitPrice = decision.ExpectedUnitPrice,
                ChargedUnitPrice = decision.ChargedUnitPrice,
                Difference = decision.Difference,
                Quantity = decision.Quantity,
                Reason = decision.Reason,
                ManagerStaffId = decision.ManagerStaffId,
                CreatedAt = startedAt,
            });
        }

        if (order.Status != OrderStatus.Reconciling)
            order.MoveTo(OrderStatus.Reconciling, null, startedAt);
        order.MoveTo(result.Status, result.Reason, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Count} order(s): {Reconciled} reconciled, {NeedsReview} need review")]
    private partial void LogReconciled(int count, int reconciled, int needsReview);
}
