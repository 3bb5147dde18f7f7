using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;
using PosCloud.Core.Returns;

namespace PosCloud.Reconciliation.Returns;

/// <summary>
/// The I/O around <see cref="ReturnRules"/>: reads a return and its original, decides, and applies the decision.
/// Every write is conditional on the return still being Received, so two workers (the return's own message and its
/// original's batch) can both try and only one applies. Taking quantities back is a conditional update per line
/// (<c>ReturnedQuantity + q &lt;= Quantity</c>) inside the claim's transaction: when two registers return the same
/// sale, the database serialises the updates on the line's row and the second over-return finds too little left,
/// rolls back, and ends NeedsReview with the reason.
/// </summary>
public sealed partial class ReturnProcessing(
    CloudDbContext db,
    TimeProvider time,
    IOptions<ReturnsOptions> options,
    ILogger<ReturnProcessing> logger)
{
    /// <summary>The StatusReason column's width: a return naming many lines is cut, never refused by the database.</summary>
    private const int MaxReasonLength = 2000;
    public const string WaitingReason = Contracts.Orders.ReturnStatusReasons.WaitingForOriginal;
    public const string UndoneReason = "Allowance cancelled (作廢折讓, G0501): the return was undone; its quantities can be returned again and the refund was taken back.";

    /// <summary>Processes the given returns (a ReturnsAccepted message). Returns how many reached a final status.</summary>
    public async Task<int> ProcessAsync(IReadOnlyCollection<Guid> returnIds, CancellationToken ct)
    {
        var ids = returnIds.ToArray();
        var waiting = await db.Returns.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && (r.Status == OrderStatus.Received || (r.AllowanceCancel != null && !r.AllowanceCancel.ReturnUndone)))
            .Select(r => r.Id).ToListAsync(ct);
        return await ProcessEachAsync(waiting, ct);
    }

    /// <summary>After orders were reconciled: the returns that were waiting for them.</summary>
    public async Task<int> ResolveWaitingForAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        var waiting = await WaitingFor.For(db)(db, orderIds.ToArray()).ToListAsync(ct);
        return await ProcessEachAsync(waiting, ct);
    }

    // Every accepted batch asks this once, nearly always for nothing: compiled once per model (EF's per-call query
    // preparation was a visible share of the workers' CPU in the storm, issue 15).
    private static readonly CompiledPerModel<Func<CloudDbContext, Guid[], IAsyncEnumerable<Guid>>> WaitingFor = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, Guid[] ids) =>
            db.Returns.AsNoTracking().Where(r => ids.Contains(r.OrderId) && r.Status == OrderStatus.Received).Select(r => r.Id)));

    /// <summary>Returns that waited longer than the setting for their original: decided now (NeedsReview with the reason).</summary>
    public async Task<int> ExpireWaitingAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.OriginalWaitLimit;
        var overdue = await db.Returns.AsNoTracking().Where(r => r.Status == OrderStatus.Received && r.ReceivedAt <= cutoff)
            .OrderBy(r => r.ReceivedAt).Select(r => r.Id).Take(500).ToListAsync(ct);
        return await ProcessEachAsync(overdue, ct);
    }

    private async Task<int> ProcessEachAsync(List<Guid> ids, CancellationToken ct)
    {
        var finished = 0;
        foreach (var id in ids)
            if (await ProcessOneAsync(id, ct)) finished++;
        return finished;
    }

    private async Task<bool> ProcessOneAsync(Guid returnId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var r = await db.Returns.AsNoTracking().Include(x => x.Lines).Include(x => x.AllowanceCancel).FirstOrDefaultAsync(x => x.Id == returnId, ct);
        if (r is null) return false;
        if (r.AllowanceCancel is { ReturnUndone: false }) return await UndoAsync(r, ct);
        if (r.Status != OrderStatus.Received || r.AllowanceCancel is not null) return false;
        var original = await LoadOriginalAsync(r.OrderId, ct);
        var decision = ReturnRules.Decide(
            new ReturnToCheck(r.Id, r.ReceivedAt, r.Lines.Select(l => new ReturnLineToCheck(l.LineIndex, l.Sku, l.Quantity, l.Amount)).ToList(), r.InvoiceProblem),
            original, time.GetUtcNow(), options.Value.OriginalWaitLimit);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ReturnId"] = r.Id, ["OrderId"] = r.OrderId, ["StoreId"] = r.StoreId });
        switch (decision)
        {
            case ReturnDecision.Wait:
                // Still Received; the reason tells the store why (shown as 等待原銷售單).
                await db.Returns.Where(x => x.Id == returnId && x.Status == OrderStatus.Received && x.StatusReason == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.StatusReason, WaitingReason), ct);
                LogWaiting(r.Id, r.OrderId);
                return false;
            case ReturnDecision.Review review:
                return await FinishAsync(returnId, OrderStatus.NeedsReview, review.Reason, ct);
            case ReturnDecision.TakeBack take:
                return await TakeBackAsync(r, take, ct);
            default:
                throw new InvalidOperationException($"Unknown decision {decision}.");
        }
    }

    private async Task<OriginalSale?> LoadOriginalAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Overrides).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            // Arrived but still waiting for its worker (issue 15): not final, so the return waits for it, as for a Received row.
            return await db.ReceivedOrders.AnyAsync(r => r.Id == orderId, ct) ? new OriginalSale(orderId, OrderStatus.Received, []) : null;
        var overrides = order.Overrides.ToDictionary(o => o.LineNumber, o => (o.Difference, o.Quantity));
        return new OriginalSale(order.Id, order.Status, order.Lines.OrderBy(l => l.LineNumber)
            .Select(l => new OriginalLine(l.LineNumber, l.Sku, l.Quantity, l.ChargedUnitPrice, l.ReturnedQuantity,
                overrides.TryGetValue(l.LineNumber, out var o) ? o : null))
            .ToList());
    }

    private async Task<bool> TakeBackAsync(SaleReturn r, ReturnDecision.TakeBack take, CancellationToken ct)
    {
        var (claimedIt, refused) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The claim: a concurrent processor of the same return waits on this row, then finds it no longer Received.
            var claimed = await db.Returns.Where(x => x.Id == r.Id && x.Status == OrderStatus.Received)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OrderStatus.Reconciling), ct);
            if (claimed == 0) { await tx.RollbackAsync(ct); return (false, (LineTakeBack?)null); }
            foreach (var line in take.Lines.OrderBy(l => l.LineNumber))
            {
                var q = line.Quantity;
                var moved = await db.OrderLines
                    .Where(l => l.OrderId == r.OrderId && l.LineNumber == line.LineNumber && l.ReturnedQuantity + q <= l.Quantity)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReturnedQuantity, l => l.ReturnedQuantity + q), ct);
                if (moved == 0) { await tx.RollbackAsync(ct); return (true, line); }
            }
            foreach (var line in take.Lines.Where(l => l.OverrideReversal is not null))
            {
                var reversal = line.OverrideReversal;
                await db.ReturnLines.Where(l => l.ReturnId == r.Id && l.LineIndex == line.LineIndex)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.OverrideReversal, reversal), ct);
            }
            var now = time.GetUtcNow();
            var reason = take.Reason is { Length: > MaxReasonLength } full ? full[..MaxReasonLength] : take.Reason;
            await db.Returns.Where(x => x.Id == r.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, take.Status).SetProperty(x => x.StatusReason, reason)
                    .SetProperty(x => x.FinishedAt, now).SetProperty(x => x.QuantitiesTakenBack, true), ct);
            await tx.CommitAsync(ct);
            return (true, (LineTakeBack?)null);
        }, ct);
        if (!claimedIt) return false; // another processor had it
        if (refused is null)
        {
            LogFinished(r.Id, take.Status);
            return true;
        }
        // Another return of the same sale took the quantity first: decided by the database, reported with the line as it is now.
        var sold = await db.OrderLines.AsNoTracking().Where(l => l.OrderId == r.OrderId && l.LineNumber == refused.LineNumber)
            .Select(l => new { l.Quantity, l.ReturnedQuantity }).FirstAsync(ct);
        var overReturn = ReturnRules.OverReturn(refused.LineIndex, refused.Quantity, sold.Quantity, sold.ReturnedQuantity);
        return await FinishAsync(r.Id, OrderStatus.NeedsReview, r.InvoiceProblem is { } problem ? $"{overReturn} {problem}" : overReturn, ct);
    }

    /// <summary>
    /// The return's allowance was cancelled: the return is undone, in one transaction. Still waiting (Received): it is
    /// finished without taking anything back. Already reconciled with its quantities taken: they are given back to the
    /// original's lines, its override reversals cleared, and it no longer counts in the sale's net total. Both steps
    /// are conditional updates on the return's row, so a worker taking the same return back at the same moment is
    /// serialised by the row lock: whichever commits first, the quantities end up given back exactly once.
    /// The cancel's ReturnUndone flag is claimed first: the return's own message and its original's reconciliation can
    /// both undo it at once, and the one that waited on the claim then finds it undone and does nothing (it used to
    /// go on and rewrite the reason as if the return had been decided without taking anything).
    /// </summary>
    private async Task<bool> UndoAsync(SaleReturn r, CancellationToken ct)
    {
        var cancelId = r.AllowanceCancel!.Id;
        var (undone, finished) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.ReturnAllowanceCancels.Where(c => c.Id == cancelId && !c.ReturnUndone)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReturnUndone, true), ct) > 0;
            if (!claimed) { await tx.RollbackAsync(ct); return (false, false); }
            var now = time.GetUtcNow();
            var finishedNow = await db.Returns.Where(x => x.Id == r.Id && x.Status == OrderStatus.Received)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OrderStatus.Reconciled).SetProperty(x => x.StatusReason, UndoneReason)
                    .SetProperty(x => x.FinishedAt, now), ct) > 0;
            var givenBack = !finishedNow && await db.Returns.Where(x => x.Id == r.Id && x.QuantitiesTakenBack)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.QuantitiesTakenBack, false).SetProperty(x => x.StatusReason, UndoneReason), ct) > 0;
            if (givenBack)
            {
                foreach (var line in r.Lines.OrderBy(l => l.LineIndex))
                {
                    var q = line.Quantity;
                    await db.OrderLines.Where(l => l.OrderId == r.OrderId && l.LineNumber == line.LineIndex + 1)
                        .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReturnedQuantity, l => l.ReturnedQuantity - q), ct);
                }
                await db.ReturnLines.Where(l => l.ReturnId == r.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.OverrideReversal, (decimal?)null), ct);
            }
            else if (!finishedNow)
            {
                // Decided without taking anything (NeedsReview): the reason says it was undone as well, before the
                // decision's own reason as it is now.
                var decided = await db.Returns.AsNoTracking().Where(x => x.Id == r.Id).Select(x => x.StatusReason).FirstAsync(ct);
                var reason = string.IsNullOrEmpty(decided) ? UndoneReason : $"{UndoneReason} {decided}";
                reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
                await db.Returns.Where(x => x.Id == r.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.StatusReason, reason), ct);
            }
            await tx.CommitAsync(ct);
            return (true, finishedNow);
        }, ct);
        if (undone) LogUndone(r.Id, cancelId);
        return finished;
    }

    private async Task<bool> FinishAsync(Guid returnId, OrderStatus status, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var text = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        var changed = await db.Returns.Where(x => x.Id == returnId && x.Status == OrderStatus.Received)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.StatusReason, text).SetProperty(x => x.FinishedAt, now), ct);
        if (changed > 0) LogFinished(returnId, status);
        return changed > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Return {ReturnId} waits for its original sale {OrderId}")]
    private partial void LogWaiting(Guid returnId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Return {ReturnId} undone: its allowance was cancelled by {CancelId}")]
    private partial void LogUndone(Guid returnId, Guid cancelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Return {ReturnId} is {Status}")]
    private partial void LogFinished(Guid returnId, OrderStatus status);
}
