using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosCloud.Contracts;
using PosCloud.Core.Catalog;
using PosCloud.Core.Observability;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Consumers;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation;

/// <summary>
/// The I/O around <see cref="OrderReconciler"/>: loads a set of orders, takes the catalog from the
/// process's <see cref="CatalogCache"/> (current as of the catalog version read for this set), applies
/// the rules, and saves once. An uploaded order waits as a <see cref="ReceivedOrder"/>; its first
/// reconciliation writes its final rows once (<see cref="FinalOrderWriter"/>), and a competing worker
/// finds it taken. A re-run of a final order updates it (EF, optimistic on the order's version: the
/// loser is retried by the bus and finds nothing left to do).
/// </summary>
public sealed partial class OrderReconciliationService(
    CloudDbContext db,
    CatalogCache catalogCache,
    LegacyBacklog legacy,
    TimeProvider time,
    IOptions<WorkerTestHooks> hooks,
    ILogger<OrderReconciliationService> logger)
{
    /// <summary>Reconciles the orders of a batch that are not final yet. Returns how many changed.</summary>
    public async Task<int> ReconcileBatchAsync(Guid batchId, CancellationToken ct) =>
        await (db is PostgresCloudDbContext postgres ? TakeBatchAsync(postgres, batchId, ct) : ReconcileReceivedAsync(r => r.BatchId == batchId, ct))
        + (await legacy.AnyAsync(db, ct)
            ? await ReconcileAsync(o => o.BatchId == batchId && (o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling), ct)
            : 0);

    /// <summary>Reconciles the given orders again (HQ re-run): NeedsReview and Failed ones, and any not yet final.</summary>
    public async Task<int> RerunAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        var ids = orderIds.ToArray(); // a plain array: every provider binds it as one parameter
        return await ReconcileReceivedAsync(r => ids.Contains(r.Id), ct)
            + await ReconcileAsync(o => ids.Contains(o.Id) && o.Status != OrderStatus.Reconciled, ct);
    }

    /// <summary>
    /// After the bus gave up on a message: the named orders that are not final (or, for a re-run, not
    /// Reconciled) become Failed with the reason, so the store and HQ see it. One save.
    /// </summary>
    public async Task<int> MarkFailedAsync(Expression<Func<Order, bool>> which, string reason, CancellationToken ct)
    {
        var orders = await db.Orders.Where(which).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var order in orders) order.MoveTo(OrderStatus.Failed, reason, now);
        await db.SaveChangesAsync(ct);
        if (orders.Count > 0) LogFailed(orders.Count, reason);
        return orders.Count;
    }

    /// <summary>The same for orders still waiting as received: their final rows are written Failed with the reason.</summary>
    public async Task<int> MarkReceivedFailedAsync(Expression<Func<ReceivedOrder, bool>> which, string reason, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var received = await db.ReceivedOrders.AsNoTracking().Where(which).ToListAsync(ct);
            var now = time.GetUtcNow();
            var orders = received.Select(r => r.ToOrder()).ToList();
            foreach (var order in orders) order.MoveTo(OrderStatus.Failed, reason, now);
            try
            {
                var written = await FinalOrderWriter.WriteAsync(db, received, orders, ct);
                if (written.Count > 0) LogFailed(written.Count, reason);
                return written.Count;
            }
            catch (Exception ex) when (attempt < MaxTakeAttempts && TakenByAnother(ex))
            {
                db.ChangeTracker.Clear(); // another worker wrote some of them meanwhile: fail what is still waiting
            }
        }
    }

    private const int MaxTakeAttempts = 3;

    /// <summary>EF's save of final rows lost to a competing worker: its received row was gone, or its order row there.</summary>
    private static bool TakenByAnother(Exception ex) => ex is DbUpdateConcurrencyException || ex.IsUniqueViolation();

    /// <summary>
    /// The first reconciliation of orders waiting as received: rules over the orders as uploaded, then their
    /// final rows written once. A database refusal of some order's data is bisected like the EF path's.
    /// </summary>
    /// <param name="only">When isolating a bad order: the subset of <paramref name="which"/> to reconcile this time.</param>
    private async Task<int> ReconcileReceivedAsync(Expression<Func<ReceivedOrder, bool>> which, CancellationToken ct, Guid[]? only = null, int attempt = 1)
    {
        var startedAt = time.GetUtcNow();
        var query = db.ReceivedOrders.AsNoTracking().Where(which);
        if (only is not null) query = query.Where(r => only.Contains(r.Id));
        var received = await query.ToListAsync(ct);
        if (received.Count == 0) return 0;
        var orders = received.Select(r => r.ToOrder()).ToList();

        await ApplyRulesAsync(orders, startedAt, ct);
        IReadOnlyList<Order> written;
        try
        {
            written = await FinalOrderWriter.WriteAsync(db, received, orders, ct);
        }
        catch (Exception ex) when (ex.IsDataFault())
        {
            // The database refused the data of some order (e.g. an override that overflows numeric(18,2)): bisect,
            // so only the order(s) at fault end Failed with the reason and every other order keeps its own result.
            db.ChangeTracker.Clear();
            return await IsolateReceivedAsync(which, received.Select(r => r.Id).ToArray(), ex, ct);
        }
        catch (Exception ex) when (attempt < MaxTakeAttempts && TakenByAnother(ex))
        {
            db.ChangeTracker.Clear();
            return await ReconcileReceivedAsync(which, ct, received.Select(r => r.Id).ToArray(), attempt + 1);
        }
        return Reconciled(written);
    }

    /// <summary>
    /// PostgreSQL: a batch's received orders taken, decided and written final in one transaction
    /// (<see cref="FinalOrderWriter.TakeBatchAsync"/>). When the database refuses some order's data, everything is
    /// rolled back and the batch's orders are bisected at once, like the general way's after its own refused write.
    /// </summary>
    private async Task<int> TakeBatchAsync(PostgresCloudDbContext postgres, Guid batchId, CancellationToken ct)
    {
        var startedAt = time.GetUtcNow();
        IReadOnlyList<Order> written;
        try
        {
            written = await FinalOrderWriter.TakeBatchAsync(postgres, batchId, orders => ApplyRulesAsync(orders, startedAt, ct), ct);
        }
        catch (Exception ex) when (ex.IsDataFault())
        {
            db.ChangeTracker.Clear();
            var ids = await db.ReceivedOrders.AsNoTracking().Where(r => r.BatchId == batchId).Select(r => r.Id).ToArrayAsync(ct);
            return ids.Length == 0 ? 0 : await IsolateReceivedAsync(r => r.BatchId == batchId, ids, ex, ct);
        }
        return Reconciled(written);
    }

    /// <summary>Halves until the single order(s) at fault are found; each is written Failed, as uploaded, with what the database said.</summary>
    private async Task<int> IsolateReceivedAsync(Expression<Func<ReceivedOrder, bool>> which, Guid[] ids, Exception fault, CancellationToken ct)
    {
        if (ids.Length == 1)
        {
            var reason = FaultReason.Of(fault);
            var failed = await MarkReceivedFailedAsync(r => r.Id == ids[0], reason, ct);
            if (failed > 0) LogIsolated(ids[0], reason);
            return failed;
        }
        LogBisecting(ids.Length, fault.GetBaseException().Message);
        var half = ids.Length / 2;
        return await ReconcileReceivedAsync(which, ct, ids[..half]) + await ReconcileReceivedAsync(which, ct, ids[half..]);
    }

    /// <param name="only">When isolating a bad order: the subset of <paramref name="which"/> to reconcile this time.</param>
    private async Task<int> ReconcileAsync(Expression<Func<Order, bool>> which, CancellationToken ct, Guid[]? only = null)
    {
        var startedAt = time.GetUtcNow();
        var query = db.Orders.Where(which);
        if (only is not null) query = query.Where(o => only.Contains(o.Id));
        var orders = await query
            .Include(o => o.Lines).Include(o => o.Overrides)
            .AsSplitQuery()
            .ToListAsync(ct);
        if (orders.Count == 0) return 0;

        await ApplyRulesAsync(orders, startedAt, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex.IsDataFault())
        {
            // The database refused the data of some order (e.g. an override that overflows numeric(18,2)):
            // saving the set again can never succeed. Bisect it, so only the order(s) at fault end Failed with
            // the reason and every other order reconciles, keeping its own result and reason.
            db.ChangeTracker.Clear();
            return await IsolateAsync(which, orders.Select(o => o.Id).ToArray(), ex, ct);
        }
        return Reconciled(orders);
    }

    /// <summary>Halves until the single order(s) at fault are found; each becomes Failed with what the database said.</summary>
    private async Task<int> IsolateAsync(Expression<Func<Order, bool>> which, Guid[] ids, Exception fault, CancellationToken ct)
    {
        if (ids.Length == 1)
        {
            var reason = FaultReason.Of(fault);
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == ids[0], ct);
            if (order is null) return 0;
            order.MoveTo(OrderStatus.Failed, reason, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            RecordFinished([(order.Status, order.ReceivedAt, order.FinishedAt!.Value)]);
            LogIsolated(order.Id, reason);
            return 1;
        }
        LogBisecting(ids.Length, fault.GetBaseException().Message);
        var half = ids.Length / 2;
        return await ReconcileAsync(which, ct, ids[..half]) + await ReconcileAsync(which, ct, ids[half..]);
    }

    /// <summary>
    /// The rules over a set of orders (the catalog as of its version now, each store's manager), their results put on
    /// the orders: matched lines, overrides, and the status moves Reconciling (at <paramref name="startedAt"/>) → final.
    /// </summary>
    private async Task ApplyRulesAsync(List<Order> orders, DateTimeOffset startedAt, CancellationToken ct)
    {
        var catalog = await catalogCache.CurrentAsync(db, ct);
        var managers = await LoadManagersAsync(orders, ct);
        await ApplyTestHooksAsync(orders, ct);
        using var span = PosCloudTelemetry.Source.StartActivity("reconcile orders");
        span?.SetTag("poscloud.orders", orders.Count);
        // The rules are pure and log nothing: no per-order logging scope (it cost a dictionary per order in a storm).
        foreach (var order in orders)
            Apply(order, OrderReconciler.Reconcile(ToRuleInput(order, managers.GetValueOrDefault(order.StoreId)), catalog), startedAt);
    }

    /// <summary>Metrics and the log line for orders a reconciliation just wrote final; returns how many.</summary>
    private int Reconciled(IReadOnlyCollection<Order> orders)
    {
        var byStatus = RecordFinished(orders.Select(o => (o.Status, o.ReceivedAt, o.FinishedAt!.Value)));
        LogReconciled(orders.Count, byStatus.GetValueOrDefault(OrderStatus.Reconciled), byStatus.GetValueOrDefault(OrderStatus.NeedsReview));
        return orders.Count;
    }

    /// <summary>The finished-orders metrics for a set; returns how many finished in each status.</summary>
    private static Dictionary<OrderStatus, long> RecordFinished(IEnumerable<(OrderStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset FinishedAt)> finished)
    {
        // The counter once per status of the set (a tagged Add per order was a tag lookup per order in a storm).
        var byStatus = new Dictionary<OrderStatus, long>();
        foreach (var (status, receivedAt, finishedAt) in finished)
        {
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            PosCloudTelemetry.UploadToFinal.Record((finishedAt - receivedAt).TotalSeconds);
        }
        foreach (var (status, count) in byStatus)
            PosCloudTelemetry.OrdersFinished.Add(count, new KeyValuePair<string, object?>("status", status.ToString()));
        return byStatus;
    }

    private async Task<Dictionary<string, string?>> LoadManagersAsync(List<Order> orders, CancellationToken ct) =>
        await ManagersOf.For(db)(db, orders.Select(o => o.StoreId).Distinct().ToArray())
            .ToDictionaryAsync(s => s.Id, s => s.ManagerStaffId, cancellationToken: ct);

    private sealed record StoreManager(string Id, string? ManagerStaffId);

    // Once per set of orders (a batch in a storm): compiled once per model, as EF's per-call query preparation was a
    // visible share of the workers' CPU in the storm profile (issue 15).
    private static readonly CompiledPerModel<Func<CloudDbContext, string[], IAsyncEnumerable<StoreManager>>> ManagersOf = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, string[] storeIds) =>
            db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).Select(s => new StoreManager(s.Id, s.ManagerStaffId))));

    private async Task ApplyTestHooksAsync(List<Order> orders, CancellationToken ct)
    {
        var h = hooks.Value;
        if (h.TestDelayPerBatch is { } delay && delay > TimeSpan.Zero)
        {
            LogTestDelay(orders.Count, delay);
            await Task.Delay(delay, ct);
        }
        if (!string.IsNullOrWhiteSpace(h.TestFailSku) &&
            orders.SelectMany(o => o.Lines).Any(l => CatalogIndex.SkuKey(l.Sku) == CatalogIndex.SkuKey(h.TestFailSku)))
            throw new InvalidOperationException($"Injected fault (Workers:TestFailSku): a line has SKU {h.TestFailSku}.");
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
        ApplyOverrides(order, result.Overrides, startedAt);

        // Reconciling is stamped when the worker picked the set up, the final state when it is done:
        // both land in the one save, so a batch costs one write round trip, and queue wait
        // (Received → Reconciling) and work time (Reconciling → final) stay measurable per order.
        if (order.Status != OrderStatus.Reconciling)
            order.MoveTo(OrderStatus.Reconciling, null, startedAt);
        order.MoveTo(result.Status, result.Reason, time.GetUtcNow());
    }

    /// <summary>
    /// A re-run recomputes the overrides: the (order, line) key keeps them single, so a changed
    /// decision updates the existing row in place, a vanished one is deleted, a new one inserted.
    /// </summary>
    private void ApplyOverrides(Order order, IReadOnlyList<PriceOverrideDecision> decisions, DateTimeOffset at)
    {
        var existing = order.Overrides.ToDictionary(o => o.LineNumber);
        foreach (var stale in existing.Values.Where(o => decisions.All(d => d.LineNumber != o.LineNumber)))
            db.PriceOverrides.Remove(stale);
        foreach (var d in decisions)
        {
            if (!existing.TryGetValue(d.LineNumber, out var row))
            {
                row = new PriceOverride { OrderId = order.Id, LineNumber = d.LineNumber, Sku = d.Sku, Reason = d.Reason, CreatedAt = at };
                order.Overrides.Add(row);
            }
            else if (row.Sku == d.Sku && row.ExpectedUnitPrice == d.ExpectedUnitPrice && row.ChargedUnitPrice == d.ChargedUnitPrice
                     && row.Quantity == d.Quantity && row.ManagerStaffId == d.ManagerStaffId)
            {
                continue; // unchanged: keep its CreatedAt
            }
            row.Sku = d.Sku;
            row.ExpectedUnitPrice = d.ExpectedUnitPrice;
            row.ChargedUnitPrice = d.ChargedUnitPrice;
            row.Difference = d.Difference;
            row.Quantity = d.Quantity;
            row.Reason = d.Reason;
            row.ManagerStaffId = d.ManagerStaffId;
            row.CreatedAt = at;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Count} order(s): {Reconciled} reconciled, {NeedsReview} need review")]
    private partial void LogReconciled(int count, long reconciled, long needsReview);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} order(s) Failed: {Reason}")]
    private partial void LogFailed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused the data of {Count} order(s) ({Error}); isolating the order(s) at fault")]
    private partial void LogBisecting(int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} isolated as the cause of a refused save and marked Failed: {Reason}")]
    private partial void LogIsolated(Guid orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Test hook: holding {Count} loaded order(s) for {Delay} before saving")]
    private partial void LogTestDelay(int count, TimeSpan delay);
}
