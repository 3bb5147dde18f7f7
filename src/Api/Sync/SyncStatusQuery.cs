using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Sync;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Sync;

/// <summary>
/// Builds the per-store sync report with set-based aggregates (a handful of GROUP BY queries,
/// whatever the number of stores), then ranks stores with trouble first.
/// </summary>
public sealed class SyncStatusQuery(CloudDbContext db, TimeProvider time)
{
    public const int MissingListLimit = 50;

    public async Task<SyncStatusReport> RunAsync(string? onlyStoreId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var orders = db.Orders.AsNoTracking();
        var stores = db.Stores.AsNoTracking();
        var registers = db.Registers.AsNoTracking();
        var batches = db.Batches.AsNoTracking();
        if (onlyStoreId is not null)
        {
            orders = orders.Where(o => o.StoreId == onlyStoreId);
            stores = stores.Where(s => s.Id == onlyStoreId);
            registers = registers.Where(r => r.StoreId == onlyStoreId);
            batches = batches.Where(b => b.StoreId == onlyStoreId);
        }

        var storeRows = await stores.Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var counts = await orders.GroupBy(o => new { o.StoreId, o.Status })
            .Select(g => new { g.Key.StoreId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var oldest = await orders.Where(o => o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling)
            .GroupBy(o => o.StoreId).Select(g => new { StoreId = g.Key, Oldest = g.Min(o => o.ReceivedAt) })
            .ToDictionaryAsync(x => x.StoreId, x => x.Oldest, ct);
        var lastUpload = await batches.GroupBy(b => b.StoreId).Select(g => new { StoreId = g.Key, Last = g.Max(b => b.ReceivedAt) })
            .ToDictionaryAsync(x => x.StoreId, x => x.Last, ct);
        var registerRows = await registers.OrderBy(r => r.Id).Select(r => new { r.Id, r.StoreId, r.LastContactAt }).ToListAsync(ct);
        var perRegister = await orders.GroupBy(o => o.RegisterId)
            .Select(g => new { RegisterId = g.Key, Highest = g.Max(o => o.LocalNumber), Count = g.Select(o => o.LocalNumber).Distinct().Count() })
            .ToDictionaryAsync(x => x.RegisterId, ct);
        var broken = (await orders.Where(o => o.ChainBroken).Select(o => new { o.RegisterId, o.LocalNumber }).ToListAsync(ct))
            .ToLookup(x => x.RegisterId, x => x.LocalNumber);

        var missingByRegister = new Dictionary<string, IReadOnlyList<long>>();
        foreach (var r in perRegister.Values.Where(r => r.Highest > r.Count))
        {
            var numbers = await orders.Where(o => o.RegisterId == r.RegisterId).Select(o => o.LocalNumber).ToListAsync(ct);
            missingByRegister[r.RegisterId] = RegisterChain.MissingNumbers(numbers, MissingListLimit);
        }

        var report = storeRows.Select(s =>
        {
            int Count(OrderStatus status) => counts.Where(c => c.StoreId == s.Id && c.Status == status).Sum(c => c.Count);
            var regs = registerRows.Where(r => r.StoreId == s.Id).Select(r =>
            {
                var agg = perRegister.GetValueOrDefault(r.Id);
                return new RegisterCompleteness(r.Id, r.LastContactAt, agg?.Highest ?? 0,
                    agg is null ? 0 : (int)(agg.Highest - agg.Count),
                    missingByRegister.GetValueOrDefault(r.Id) ?? [],
                    broken[r.Id].Order().ToList());
            }).ToList();
            return new StoreSyncStatus(s.Id, s.Name,
                Count(OrderStatus.Received) + Count(OrderStatus.Reconciling),
                Count(OrderStatus.Reconciled), Count(OrderStatus.NeedsReview), Count(OrderStatus.Failed),
                oldest.TryGetValue(s.Id, out var o) ? (now - o).TotalSeconds : null,
                lastUpload.TryGetValue(s.Id, out var u) ? u : null,
                regs.Max(r => r.LastContactAt),
                regs);
        });
        return new SyncStatusReport(now, Rank(report).ToList());
    }

    /// <summary>Trouble first: failed, then needs review, then missing sales or broken chains, then the oldest backlog.</summary>
    public static IEnumerable<StoreSyncStatus> Rank(IEnumerable<StoreSyncStatus> stores) => stores
        .OrderByDescending(s => s.Failed > 0)
        .ThenByDescending(s => s.NeedsReview > 0)
        .ThenByDescending(s => s.Registers.Any(r => r.MissingCount > 0 || r.BrokenChainAt.Count > 0))
        .ThenByDescending(s => s.OldestWaitingSeconds ?? -1)
        .ThenBy(s => s.StoreId, StringComparer.Ordinal);
}
