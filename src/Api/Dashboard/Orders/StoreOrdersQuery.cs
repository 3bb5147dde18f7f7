using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Orders;

/// <param name="SoldFromUtc">Local sale date filter bounds, already converted to UTC.</param>
public sealed record StoreOrderFilter(OrderStatus? Status, DateTimeOffset? SoldFromUtc, DateTimeOffset? SoldToUtc, bool? HasOverride, int Page);

public sealed record StoreOrderRow(Guid OrderId, string RegisterId, long LocalNumber, DateTimeOffset SoldAt, DateTimeOffset ReceivedAt,
    decimal Total, OrderStatus Status, string? StatusReason, int OverrideCount, decimal OverrideAmount,
    decimal Refunded = 0, decimal NetTotal = 0, int ReturnCount = 0);

public sealed record StoreOrdersView(string StoreId, string StoreName, int Page, int PageSize, int Total, IReadOnlyList<StoreOrderRow> Orders);

/// <summary>A store's orders for the drill-down, newest sale first, one page at a time.</summary>
public sealed class StoreOrdersQuery(CloudDbContext db)
{
    public const int PageSize = 50;

    public async Task<StoreOrdersView?> RunAsync(string storeId, StoreOrderFilter filter, CancellationToken ct)
    {
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (store is null) return null;
        // Final orders and those waiting for their worker, one UNION ALL: the database filters, counts and pages both.
        var q = OrderHeaders.All(db).Where(o => o.StoreId == storeId);
        if (filter.Status is { } status)
            q = status is OrderStatus.Received or OrderStatus.Reconciling
                ? q.Where(o => o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling)
                : q.Where(o => o.Status == status);
        if (filter.SoldFromUtc is { } from) q = q.Where(o => o.SoldAt >= from);
        if (filter.SoldToUtc is { } to) q = q.Where(o => o.SoldAt < to);
        if (filter.HasOverride is { } has) q = has ? q.Where(o => o.OverrideCount > 0) : q.Where(o => o.OverrideCount == 0);
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, filter.Page);
        var rows = await q.OrderByDescending(o => o.SoldAt).ThenByDescending(o => o.LocalNumber)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.RegisterId, o.LocalNumber, o.SoldAt, o.ReceivedAt, o.Total, o.Status, o.StatusReason, o.OverrideCount })
            .ToListAsync(ct);
        // The page's override amounts (summed here: SQLite cannot sum decimals in SQL).
        var ids = rows.Select(r => r.Id).ToList();
        var overrides = (await db.PriceOverrides.AsNoTracking().Where(x => ids.Contains(x.OrderId)).Select(x => new { x.OrderId, x.Difference }).ToListAsync(ct))
            .ToLookup(x => x.OrderId, x => x.Difference);
        // Returns of the page's sales (any store's register): refunds netted once their quantities were taken back.
        var returns = (await db.Returns.AsNoTracking().Where(r => ids.Contains(r.OrderId))
            .Select(r => new { r.OrderId, r.RefundTotal, r.QuantitiesTakenBack }).ToListAsync(ct))
            .GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => (Count: g.Count(), Refunded: g.Where(x => x.QuantitiesTakenBack).Sum(x => x.RefundTotal)));
        return new StoreOrdersView(store.Id, store.Name, page, PageSize, total, rows.Select(r => new StoreOrderRow(
            r.Id, r.RegisterId, r.LocalNumber, r.SoldAt, r.ReceivedAt, r.Total, r.Status, r.StatusReason, r.OverrideCount, overrides[r.Id].Sum(),
            returns.GetValueOrDefault(r.Id).Refunded, r.Total - returns.GetValueOrDefault(r.Id).Refunded, returns.GetValueOrDefault(r.Id).Count)).ToList());
    }
}
