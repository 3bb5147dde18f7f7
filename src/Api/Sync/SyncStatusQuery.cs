using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Sync;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

namespace PosCloud.Api.Sync;

/// <summary>
/// Builds the per-store sync report with a fixed number of queries, whatever the number of stores, then
/// ranks stores with trouble first. Nothing groups every order by status any more:
/// <list type="bullet">
/// <item>per-store counts by status come from the maintained StoreStatusCounts (the dashboard's; one row
/// per store and status, kept in step with Orders.Status in the same transaction), not a GROUP BY over
/// every order (0.5 s of the 2–6 s this report took at a million orders);</item>
/// <item>the oldest waiting order reads only waiting orders: ReceivedOrders (StoreId, ReceivedAt) and legacy
/// Received/Reconciling rows, index-only on (Status, StoreId, ReceivedAt);</item>
/// <item>the last upload reads Batches through (StoreId, ReceivedAt);</item>
/// <item>broken hash chains read the few flagged orders through a partial index (WHERE ChainBroken).</item>
/// </list>
/// The completeness per register (highest number, how many below it never arrived) reads only the numbers above
/// the register's watermark Register.CompleteThrough — every number up to it is known to have arrived, and orders
/// are never deleted (a ReceivedOrder is deleted only as its final row is written, and both tables are read in one
/// statement) — through the (RegisterId, LocalNumber) index, one short range per register; the report then
/// raises the watermarks it has proven. Reading every register's numbers (one index-only scan of a million
/// entries) was 400–900 ms; only the first report after the watermarks were reset still pays that.
/// </summary>
public sealed class SyncStatusQuery(CloudDbContext db, TimeProvider time)
{
    public const int MissingListLimit = 50;

    public async Task<SyncStatusReport> RunAsync(string? onlyStoreId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Every number that arrived, whichever table holds its order (final rows, or waiting for their worker).
        var orders = OrderHeaders.Numbers(db);
        var stores = db.Stores.AsNoTracking();
        var registers = db.Registers.AsNoTracking();
        var batches = db.Batches.AsNoTracking();
        var statusCounts = db.StoreStatusCounts.AsNoTracking();
        if (onlyStoreId is not null)
        {
            stores = stores.Where(s => s.Id == onlyStoreId);
            registers = registers.Where(r => r.StoreId == onlyStoreId);
            batches = batches.Where(b => b.StoreId == onlyStoreId);
            statusCounts = statusCounts.Where(c => c.StoreId == onlyStoreId);
        }

        var storeRows = await stores.Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var counts = await statusCounts.Where(c => c.Count != 0).Select(c => new { c.StoreId, c.Status, c.Count }).ToListAsync(ct);
        var waiting = OrderHeaders.Waiting(db);
        if (onlyStoreId is not null) waiting = waiting.Where(o => o.StoreId == onlyStoreId);
        var oldest = await waiting.GroupBy(o => o.StoreId).Select(g => new { StoreId = g.Key, Oldest = g.Min(o => o.ReceivedAt) })
            .ToDictionaryAsync(x => x.StoreId, x => x.Oldest, ct);
        var lastUpload = await batches.GroupBy(b => b.StoreId).Select(g => new { StoreId = g.Key, Last = g.Max(b => b.ReceivedAt) })
            .ToDictionaryAsync(x => x.StoreId, x => x.Last, ct);
        // Completeness per register from its watermark: every number up to Register.CompleteThrough is known to
        // have arrived, so only the numbers above it are read — one (RegisterId, LocalNumber) index range per
        // register, a handful of entries once the watermark has caught up, instead of all of them (the
        // GROUP BY over every order's number was 400–600 ms at a million orders). The watermark is read in
        // the same statement as the counts above it, so the two always agree.
        var registerRows = await registers.OrderBy(r => r.Id).Select(r => new
        {
            r.Id, r.StoreId, r.LastContactAt, r.CompleteThrough,
            HighestAbove = orders.Where(o => o.RegisterId == r.Id && o.LocalNumber > r.CompleteThrough).Max(o => (long?)o.LocalNumber),
            CountAbove = orders.Where(o => o.RegisterId == r.Id && o.LocalNumber > r.CompleteThrough).Select(o => o.LocalNumber).Distinct().Count(),
        }).ToListAsync(ct);
        var perRegister = registerRows.ToDictionary(r => r.Id, r =>
        {
            var highest = r.HighestAbove ?? r.CompleteThrough;
            return (Highest: highest, Missing: highest - r.CompleteThrough - r.CountAbove, r.CompleteThrough);
        });

        var ofRegisters = orders;
        if (onlyStoreId is not null)
        {
            var ids = registerRows.Select(r => r.Id).ToList();
            ofRegisters = ofRegisters.Where(o => ids.Contains(o.RegisterId));
        }
        var broken = (await ofRegisters.Where(o => o.ChainBroken).Select(o => new { o.RegisterId, o.LocalNumber }).ToListAsync(ct))
            .ToLookup(x => x.RegisterId, x => x.LocalNumber);

        var withGaps = perRegister.Where(r => r.Value.Missing > 0).ToList();
        var lowestMark = withGaps.Count == 0 ? 0 : withGaps.Min(r => r.Value.CompleteThrough);
        var gapIds = withGaps.Select(r => r.Key).ToList();
        var numbersOfGapRegisters = (gapIds.Count == 0 ? [] : await orders.Where(o => gapIds.Contains(o.RegisterId) && o.LocalNumber > lowestMark)
            .Select(o => new { o.RegisterId, o.LocalNumber }).ToListAsync(ct)).ToLookup(x => x.RegisterId, x => x.LocalNumber);
        var missingByRegister = gapIds.ToDictionary(id => id,
            id => RegisterChain.MissingNumbers(numbersOfGapRegisters[id], MissingListLimit, perRegister[id].CompleteThrough));

        // Raise the watermarks this read has proven: up to the highest number where nothing is missing, else up
        // to the first gap. Any value written is true, so concurrent reports need no coordination.
        var raised = perRegister.Select(r => (Id: r.Key, r.Value.CompleteThrough, New: r.Value.Missing == 0
                ? r.Value.Highest
                : RegisterChain.CompleteThrough(numbersOfGapRegisters[r.Key], r.Value.CompleteThrough)))
            .Where(r => r.New > r.CompleteThrough).ToList();
        if (raised.Count > 0) await RaiseWatermarksAsync(raised.Select(r => (r.Id, r.New)).ToList(), ct);

        // Dictionaries, not a scan of every count and register per store: 2,000 stores made that quadratic.
        var countOf = counts.GroupBy(c => (c.StoreId, c.Status)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var registersOf = registerRows.ToLookup(r => r.StoreId);
        var report = storeRows.Select(s =>
        {
            int Count(OrderStatus status) => (int)countOf.GetValueOrDefault((s.Id, status));
            var regs = registersOf[s.Id].Select(r =>
            {
                var agg = perRegister[r.Id];
                return new RegisterCompleteness(r.Id, r.LastContactAt, agg.Highest, (int)agg.Missing,
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

    /// <summary>
    /// One batched UPDATE of the changed watermarks (the first report after a start-up raises them all; later
    /// ones only those of registers that uploaded since). A register deleted meanwhile is simply skipped.
    /// </summary>
    private async Task RaiseWatermarksAsync(IReadOnlyList<(string Id, long CompleteThrough)> raised, CancellationToken ct)
    {
        foreach (var (id, through) in raised)
        {
            var stub = new Register { Id = id, StoreId = "" };
            db.Registers.Attach(stub);
            stub.CompleteThrough = through;
            db.Entry(stub).Property(r => r.CompleteThrough).IsModified = true;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A register removed between the read and this write: its watermark no longer matters.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Trouble first: failed, then needs review, then missing sales or broken chains, then the oldest backlog.</summary>
    public static IEnumerable<StoreSyncStatus> Rank(IEnumerable<StoreSyncStatus> stores) => stores
        .OrderByDescending(s => s.Failed > 0)
        .ThenByDescending(s => s.NeedsReview > 0)
        .ThenByDescending(s => s.Registers.Any(r => r.MissingCount > 0 || r.BrokenChainAt.Count > 0))
        .ThenByDescending(s => s.OldestWaitingSeconds ?? -1)
        .ThenBy(s => s.StoreId, StringComparer.Ordinal);
}
