using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Charts;

public sealed record StoreOverrideAmount(string StoreId, string StoreName, int Count, decimal Amount);

/// <summary>A store's returns in the range: how many, what they refunded, and the override share they reversed.</summary>
public sealed record StoreReturnAmount(string StoreId, string StoreName, int Count, decimal Refunded, decimal OverrideReversal);

/// <param name="Uploads">Orders that arrived per hour.</param>
/// <param name="Reconciliations">Orders that reached a final status per hour (成功, 需處理 or 失敗).</param>
/// <param name="Backlog">Orders waiting at the end of each hour.</param>
/// <param name="Overrides">Σ (charged − expected) × qty of the overrides of orders sold in the range, per store, largest |amount| first.</param>
public sealed record ChartsView(DateOnly From, DateOnly To, DateTimeOffset StartUtc, int Hours,
    int[] Uploads, int[] Reconciliations, int[] Backlog, IReadOnlyList<StoreOverrideAmount> Overrides,
    IReadOnlyList<StoreReturnAmount>? Returns = null);

/// <summary>
/// The pictures. Timestamps of the range are read (indexed by ReceivedAt / FinishedAt) and bucketed
/// here by local hour, which stays the same SQL on SQLite, PostgreSQL and SQL Server.
/// </summary>
public sealed class ChartsQuery(CloudDbContext db, IOptions<DashboardOptions> options)
{
    public async Task<ChartsView> RunAsync(DayRange range, CancellationToken ct)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var orders = db.Orders.AsNoTracking();
        // Arrivals and the backlog count the orders still waiting for their worker too (ReceivedOrders, never finished).
        var received = db.ReceivedOrders.AsNoTracking();
        var arrived = await orders.Where(o => o.ReceivedAt >= start && o.ReceivedAt < end).Select(o => o.ReceivedAt)
            .Concat(received.Where(r => r.ReceivedAt >= start && r.ReceivedAt < end).Select(r => r.ReceivedAt)).ToListAsync(ct);
        var finished = await orders.Where(o => o.FinishedAt != null && o.FinishedAt >= start && o.FinishedAt < end)
            .Select(o => o.FinishedAt!.Value).ToListAsync(ct);
        var waitingAtStart = await orders.Where(o => o.ReceivedAt < start && (o.FinishedAt == null || o.FinishedAt >= start)).Select(o => o.Id)
            .Concat(received.Where(r => r.ReceivedAt < start).Select(r => r.Id)).LongCountAsync(ct);

        var uploads = HourlySeries.Bucket(arrived, start, range.Hours);
        var reconciliations = HourlySeries.Bucket(finished, start, range.Hours);
        var overrides = await (
            from x in db.PriceOverrides.AsNoTracking()
            join o in orders on x.OrderId equals o.Id
            where o.SoldAt >= start && o.SoldAt < end
            group x by o.StoreId into g
            select new { StoreId = g.Key, Count = g.Count(), Amount = g.Sum(x => x.Difference) }).ToListAsync(ct);
        var names = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var perStore = overrides
            .Select(x => new StoreOverrideAmount(x.StoreId, names.GetValueOrDefault(x.StoreId) ?? x.StoreId, x.Count, x.Amount))
            .OrderByDescending(x => Math.Abs(x.Amount)).ThenBy(x => x.StoreId, StringComparer.Ordinal)
            .Take(options.Value.MaxStoresInOverrideChart).ToList();
        // Returns taken back (netted) in the range, per store that took them: refunds and the override share reversed.
        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.QuantitiesTakenBack && r.ReturnedAt >= start && r.ReturnedAt < end)
            .Select(r => new { r.StoreId, r.RefundTotal, Reversal = r.Lines.Sum(l => l.OverrideReversal ?? 0) })
            .ToListAsync(ct);
        var returnsPerStore = returns.GroupBy(r => r.StoreId)
            .Select(g => new StoreReturnAmount(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, g.Count(), g.Sum(x => x.RefundTotal), g.Sum(x => x.Reversal)))
            .OrderByDescending(x => x.Refunded).ThenBy(x => x.StoreId, StringComparer.Ordinal)
            .Take(options.Value.MaxStoresInOverrideChart).ToList();
        return new ChartsView(range.From, range.To, start, range.Hours, uploads, reconciliations,
            HourlySeries.Backlog(waitingAtStart, uploads, reconciliations), perStore, returnsPerStore);
    }
}
