using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>
/// Store-then-forward: while online, sends Pending sales oldest first in batches. A batch is written
/// down (id + its orders) BEFORE it is sent, so after a crash or restart the very same batchId goes
/// again and the cloud answers "duplicate" for whatever it already has. Then asks the cloud for the
/// status of accepted sales until each is final, and now and then whether it still has the final ones
/// (a cloud restored from a backup forgets sales; they are sent again, see RestoreRules).
/// No sale blocks the register: a sale the cloud refuses is 失敗 with its reasons and the queue goes on; a batch
/// the cloud keeps failing on is split, and a single sale it still fails on is set aside as 上傳受阻 (StuckBatchRules).
/// </summary>
public sealed class UploadQueueService(
    IDbContextFactory<AgentDbContext> dbFactory,
    CloudOrdersClient cloud,
    ConnectivityMonitor connectivity,
    UploadSignal signal,
    IOptions<AgentOptions> agent,
    IOptions<UploadOptions> options,
    TimeProvider time,
    ILogger<UploadQueueService> log) : BackgroundService
{
    private DateTimeOffset _nextStatusPoll = DateTimeOffset.MinValue;
    private DateTimeOffset _nextPresenceCheck = DateTimeOffset.MinValue;
    private long _presenceCursor;

    /// <summary>Last problem the queue met, for the screen ("the cloud refused …").</summary>
    public string? LastProblem { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        connectivity.Changed += s => { if (s.Status == Reachability.Online) signal.Wake(); };
        while (!stoppingToken.IsCancellationRequested)
        {
            var workDone = false;
            try
            {
                if (connectivity.IsOnline)
                {
                    workDone = await UploadNextBatchAsync(stoppingToken);
                    if (time.GetUtcNow() >= _nextStatusPoll)
                    {
                        workDone |= await PollStatusesAsync(stoppingToken);
                        workDone |= await PollReturnStatusesAsync(stoppingToken);
                        _nextStatusPoll = time.GetUtcNow() + options.Value.StatusPollInterval;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The queue must outlive any one bad moment; the sale data is safe in SQLite.
                log.LogError(e, "Upload queue hiccup; trying again shortly.");
                LastProblem = e.Message;
            }
            if (!workDone) await signal.WaitAsync(options.Value.IdleInterval, time, stoppingToken);
        }
    }

    /// <summary>Sends one batch if one is due. True when it made progress (so the loop goes straight on).</summary>
    internal async Task<bool> UploadNextBatchAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var batch = await OpenBatchAsync(db, now, ct);
        if (batch is null) return false;
        if (batch.NextAttemptAt is { } next && next > now) return false;

        // EF's SQLite provider cannot ORDER BY a DateTimeOffset; the sale number is the age order anyway.
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Payments)
            .Where(o => o.BatchId == batch.Id).OrderBy(o => o.LocalNumber).AsSplitQuery().ToListAsync(ct);
        // Returns travel after the sales of the same batch (a return of a sale not uploaded yet is never sent before it).
        var returns = await db.Returns.Include(r => r.Lines).Where(r => r.BatchId == batch.Id).OrderBy(r => r.LocalNumber).ToListAsync(ct);
        if (orders.Count == 0 && returns.Count == 0)
        {
            batch.CompletedAt = now;
            await db.SaveChangesAsync(ct);
            return true;
        }

        var request = new UploadBatchRequest(batch.Id, agent.Value.StoreId, agent.Value.RegisterId, orders.Select(OrderMapping.ToWire).ToList(),
            returns.Count == 0 ? null : returns.Select(Returns.ReturnMapping.ToWire).ToList());
        batch.Attempts++;
        var reachableBefore = connectivity.IsOnline;
        var attempt = await cloud.UploadAsync(request, ct);
        if (attempt.Answer is not null)
        {
            ApplyResults(orders, attempt.Answer, now);
            ApplyReturnResults(returns, attempt.Answer, now);
            batch.CompletedAt = now;
            batch.LastError = null;
            batch.BlockedReason = null;
            LastProblem = null;
            await db.SaveChangesAsync(ct);
            log.LogInformation("Batch {BatchId} uploaded: {Accepted} accepted, {Duplicate} already in the cloud, {Rejected} rejected (sales #{First}–#{Last}, {Returns} return(s), attempt {Attempt}).",
                batch.Id, attempt.Answer.Results.Count(r => r.Outcome == UploadOutcome.Accepted), attempt.Answer.Results.Count(r => r.Outcome == UploadOutcome.Duplicate),
                attempt.Answer.Results.Count(r => r.Outcome == UploadOutcome.Rejected), orders.FirstOrDefault()?.LocalNumber, orders.LastOrDefault()?.LocalNumber, returns.Count, batch.Attempts);
            foreach (var refused in returns.Where(r => r.State == AgentOrderState.Rejected))
                log.LogWarning("Return #{Number} refused by the cloud (失敗, shown in 上傳紀錄): {Reasons}", refused.LocalNumber, refused.Reasons);
            foreach (var refused in orders.Where(o => o.State == AgentOrderState.Rejected))
                log.LogWarning("Sale #{Number} refused by the cloud (失敗, a manager can correct it in 上傳紀錄): {Reasons}", refused.LocalNumber, refused.Reasons);
            _nextStatusPoll = DateTimeOffset.MinValue;
            return true;
        }

        var problem = attempt.Problem ?? "no answer";
        if (attempt.RefusedWhole) { batch.ServerFailures++; batch.NoAnswerFailures = 0; }
        else if (attempt.NoAnswer) batch.NoAnswerFailures++;
        var step = attempt.RefusedWhole || attempt.NoAnswer
            ? StuckBatchRules.AfterFailure(orders.Count + returns.Count, attempt.RefusedWhole, batch.ServerFailures, batch.NoAnswerFailures, reachableBefore, options.Value.SplitAfterFailures)
            : StuckBatchStep.RetrySame;
        if (step == StuckBatchStep.AskCloudIfStored)
        {
            var (presence, stored) = await cloud.GetBatchAsync(batch.Id, ct);
            if (presence == BatchPresence.Stored && stored is not null)
            {
                RecoverFromStoredBatch(batch, orders, stored, now);
                // The batch view lists sales only: the returns go again (same returnId; the cloud answers duplicate).
                foreach (var r in returns) r.BatchId = null;
                await db.SaveChangesAsync(ct);
                log.LogWarning("Batch {BatchId} never got an answer but the cloud has it: {Known} sale(s) take the cloud's status, the rest go again in a new batch.", batch.Id, stored.Orders.Count);
                return true;
            }
            step = presence == BatchPresence.NeverReceived ? StuckBatchRules.NotStored(orders.Count + returns.Count) : StuckBatchStep.RetrySame;
        }

        switch (step)
        {
            case StuckBatchStep.Split:
                Split(db, batch, orders, returns, problem, now);
                await db.SaveChangesAsync(ct);
                return true;
            case StuckBatchStep.SetAside:
                var retries = Math.Max(batch.ServerFailures, batch.NoAnswerFailures) - options.Value.SplitAfterFailures;
                var aside = StuckBatchRules.SetAsideWait(retries, options.Value.BlockedRetryInterval, Random.Shared.NextDouble());
                batch.BlockedReason = problem;
                batch.BlockedSince ??= now;
                batch.LastError = problem;
                batch.NextAttemptAt = now + aside;
                LastProblem = problem;
                await db.SaveChangesAsync(ct);
                log.LogError("{What} is 上傳受阻 (upload blocked): the cloud keeps failing on it alone ({Problem}). Set aside, tried again in {Wait:0} s; the other sales go on.",
                    orders.Count > 0 ? $"Sale #{orders[0].LocalNumber}" : $"Return #{returns[0].LocalNumber}", problem, aside.TotalSeconds);
                return true;
        }

        var verdict = RetryRules.Classify(attempt.Status);
        var wait = verdict switch
        {
            AttemptVerdict.RetryAfterServerSaid => attempt.RetryAfter ?? TimeSpan.FromSeconds(1),
            AttemptVerdict.RetryLater => options.Value.BackoffMax,
            _ => RetryRules.Backoff(batch.Attempts, options.Value.BackoffBase, options.Value.BackoffMax, Random.Shared.NextDouble()),
        };
        batch.NextAttemptAt = time.GetUtcNow() + wait;
        batch.LastError = problem;
        LastProblem = problem;
        await db.SaveChangesAsync(ct);
        if (verdict == AttemptVerdict.RetryLater && !attempt.RefusedWhole)
            log.LogError("The cloud refused batch {BatchId} ({Problem}). Check Agent:RegisterKey / Agent:StoreId; retrying in {Wait:0} s.", batch.Id, problem, wait.TotalSeconds);
        else
            log.LogWarning("Batch {BatchId} not uploaded (attempt {Attempt}: {Problem}); same batch again in {Wait:0.0} s.", batch.Id, batch.Attempts, problem, wait.TotalSeconds);
        if (attempt.Status is null) connectivity.ReportFailure(problem);
        // A batch that is set aside does not hold the queue: the next one may go straight away.
        return batch.BlockedReason is not null;
    }

    /// <summary>
    /// The batch to send: the oldest unfinished one (it keeps its batchId), else a set-aside one that is due,
    /// else a new one made of the oldest Pending sales (recorded before sending). A set-aside batch (上傳受阻)
    /// never holds the others back.
    /// </summary>
    private async Task<UploadBatch?> OpenBatchAsync(AgentDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Batches.Where(b => b.CompletedAt == null).ToListAsync(ct);
        var regular = open.Where(b => b.BlockedReason is null).OrderBy(b => b.CreatedAt.UtcTicks).FirstOrDefault();
        if (regular is not null) return regular;
        var dueAside = open.Where(b => b.NextAttemptAt is null || b.NextAttemptAt <= now).OrderBy(b => b.CreatedAt.UtcTicks).FirstOrDefault();
        if (dueAside is not null) return dueAside;

        var ids = await db.Orders.Where(o => o.State == AgentOrderState.Pending && o.BatchId == null)
            .OrderBy(o => o.LocalNumber).Select(o => o.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        var returnIds = await ReadyReturnsAsync(db, ids, Math.Min(options.Value.BatchSize, Contracts.Limits.ContractLimits.MaxReturnsPerBatch), ct);
        if (ids.Count == 0 && returnIds.Count == 0) return null;
        var batch = new UploadBatch { Id = Guid.CreateVersion7(now), CreatedAt = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Batches.Add(batch);
        await db.SaveChangesAsync(ct);
        await db.Orders.Where(o => ids.Contains(o.Id) && o.BatchId == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.BatchId, batch.Id), ct);
        await db.Returns.Where(r => returnIds.Contains(r.Id) && r.BatchId == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.BatchId, batch.Id), ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    /// <summary>
    /// Pending returns that may go now: one of another register's sale (the cloud links it), or of a sale of ours that is
    /// already on its way (in an earlier batch, or in this one — <paramref name="goingNow"/> — ahead of the return).
    /// A return of a sale still waiting for its first batch waits too.
    /// </summary>
    private static async Task<List<Guid>> ReadyReturnsAsync(AgentDbContext db, List<Guid> goingNow, int take, CancellationToken ct)
    {
        // A return whose allowance was cancelled after it was sent goes again, carrying the cancel.
        var waiting = await db.Returns.Where(r => (r.State == AgentOrderState.Pending || r.AllowanceCancelState == "Pending") && r.BatchId == null)
            .OrderBy(r => r.LocalNumber).Select(r => new { r.Id, r.OrderId, r.OriginalIsRemote }).Take(take).ToListAsync(ct);
        if (waiting.Count == 0) return [];
        var originals = waiting.Select(w => w.OrderId).Distinct().ToList();
        var notYetSent = await db.Orders.Where(o => originals.Contains(o.Id) && o.State == AgentOrderState.Pending && o.BatchId == null)
            .Select(o => o.Id).ToListAsync(ct);
        return waiting.Where(w => w.OriginalIsRemote || !notYetSent.Contains(w.OrderId) || goingNow.Contains(w.OrderId)).Select(w => w.Id).ToList();
    }

    /// <summary>
    /// Halves a batch the cloud definitely did not store into two NEW batches (see StuckBatchRules for why new
    /// batchIds are safe here), taking its place in the queue: the first half goes next.
    /// </summary>
    private void Split(AgentDbContext db, UploadBatch batch, List<LocalOrder> orders, List<Returns.LocalReturn> returns, string problem, DateTimeOffset now)
    {
        if (orders.Count < 2)
        {
            SplitWithReturns(db, batch, orders, returns, problem, now);
            return;
        }
        var (first, second) = StuckBatchRules.Halves(orders);
        var a = new UploadBatch { Id = Guid.CreateVersion7(now), CreatedAt = batch.CreatedAt, SplitFrom = batch.Id };
        var b = new UploadBatch { Id = Guid.CreateVersion7(now), CreatedAt = batch.CreatedAt.AddTicks(1), SplitFrom = batch.Id };
        db.Batches.AddRange(a, b);
        foreach (var o in first) o.BatchId = a.Id;
        foreach (var o in second) o.BatchId = b.Id;
        // Returns go with the second half: never ahead of their sale, whichever half it is in.
        foreach (var r in returns) r.BatchId = b.Id;
        batch.CompletedAt = now;
        batch.LastError = $"split into {a.Id} ({first.Count}) and {b.Id} ({second.Count}): {problem}";
        log.LogWarning("Batch {BatchId} failed {Failures} times ({Problem}); split into sales #{A1}–#{A2} and #{B1}–#{B2} so the good ones go on.",
            batch.Id, Math.Max(batch.ServerFailures, batch.NoAnswerFailures), problem, first[0].LocalNumber, first[^1].LocalNumber, second[0].LocalNumber, second[^1].LocalNumber);
    }

    /// <summary>
    /// A batch of at most one sale and its returns, or returns only: the sale (if any) alone first, then the returns
    /// halved, so a return the cloud keeps failing on ends up set aside by itself and never holds a sale back.
    /// </summary>
    private void SplitWithReturns(AgentDbContext db, UploadBatch batch, List<LocalOrder> orders, List<Returns.LocalReturn> returns, string problem, DateTimeOffset now)
    {
        var (first, second) = orders.Count == 1
            ? ((IReadOnlyList<object>)orders.Cast<object>().ToList(), (IReadOnlyList<object>)returns.Cast<object>().ToList())
            : StuckBatchRules.Halves<object>(returns.Cast<object>().ToList());
        var a = new UploadBatch { Id = Guid.CreateVersion7(now), CreatedAt = batch.CreatedAt, SplitFrom = batch.Id };
        var b = new UploadBatch { Id = Guid.CreateVersion7(now), CreatedAt = batch.CreatedAt.AddTicks(1), SplitFrom = batch.Id };
        db.Batches.AddRange(a, b);
        void Put(object item, Guid id) { if (item is LocalOrder o) o.BatchId = id; else if (item is Returns.LocalReturn r) r.BatchId = id; }
        foreach (var x in first) Put(x, a.Id);
        foreach (var x in second) Put(x, b.Id);
        batch.CompletedAt = now;
        batch.LastError = $"split into {a.Id} ({first.Count}) and {b.Id} ({second.Count}): {problem}";
        log.LogWarning("Batch {BatchId} failed {Failures} times ({Problem}); split into {A} and {B} item(s) so the good ones go on.",
            batch.Id, Math.Max(batch.ServerFailures, batch.NoAnswerFailures), problem, first.Count, second.Count);
    }

    private static void ApplyReturnResults(List<Returns.LocalReturn> returns, UploadBatchResponse answer, DateTimeOffset now)
    {
        var byId = (answer.Returns ?? []).GroupBy(r => r.ReturnId).ToDictionary(g => g.Key, g => g.First());
        foreach (var ret in returns)
        {
            if (!byId.TryGetValue(ret.Id, out var result))
            {
                // Not answered for (a cloud that predates returns answers none): send it again later rather than guess.
                ret.BatchId = null;
                continue;
            }
            var (state, reasons) = OutcomeRules.FromUpload(new OrderUploadResult(result.ReturnId, result.Outcome, result.Status, result.Errors));
            if (ret.AllowanceCancelId is not null && ret.AllowanceCancelState == "Pending" && result.AllowanceCancel is { } cancel)
            {
                // Duplicate: the cloud had this cancel already (an earlier answer was lost).
                ret.AllowanceCancelState = cancel.Outcome == UploadOutcome.Rejected ? "Rejected" : "Accepted";
                ret.AllowanceCancelErrors = cancel.Errors.Count == 0 ? null : string.Join("; ", cancel.Errors.Select(e => $"{e.Field}: {e.Message}"));
            }
            // A return sent again only for its cancel keeps its final state (the cloud answers it duplicate with its status).
            if (result.Outcome == UploadOutcome.Duplicate && ret.State is not (AgentOrderState.Pending or AgentOrderState.Uploaded)) continue;
            ret.State = state;
            ret.CloudStatus = state == AgentOrderState.Rejected ? null : result.Status;
            ret.Reasons = reasons;
            ret.UploadedAt ??= now;
            if (state != AgentOrderState.Uploaded) ret.FinishedAt = now;
        }
    }

    /// <summary>The cloud stored a batch whose answer never came: its listed sales take their status; the others go again (the cloud answers duplicate or rejected).</summary>
    private static void RecoverFromStoredBatch(UploadBatch batch, List<LocalOrder> orders, BatchView stored, DateTimeOffset now)
    {
        var byId = stored.Orders.ToDictionary(o => o.OrderId);
        foreach (var order in orders)
        {
            if (byId.TryGetValue(order.Id, out var s) && s.Status is { } status)
            {
                order.State = OutcomeRules.FromCloudStatus(status);
                order.CloudStatus = status;
                order.Reasons = s.StatusReason;
                order.UploadedAt ??= now;
                if (order.State != AgentOrderState.Uploaded) order.FinishedAt = s.FinishedAt ?? now;
            }
            else order.BatchId = null;
        }
        batch.CompletedAt = now;
        batch.LastError = null;
        batch.BlockedReason = null;
    }

    private static void ApplyResults(List<LocalOrder> orders, UploadBatchResponse answer, DateTimeOffset now)
    {
        var byId = answer.Results.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.First());
        foreach (var order in orders)
        {
            if (!byId.TryGetValue(order.Id, out var result))
            {
                // Not answered for: send it again in a later batch rather than guess.
                order.BatchId = null;
                continue;
            }
            var (state, reasons) = OutcomeRules.FromUpload(result);
            order.State = state;
            order.CloudStatus = state == AgentOrderState.Rejected ? null : result.Status;
            order.Reasons = reasons;
            order.CloudMissingSince = null;
            order.UploadedAt ??= now;
            if (state != AgentOrderState.Uploaded) order.FinishedAt = now;
        }
    }

    /// <summary>
    /// Asks the cloud about accepted returns until each is final: a return's status comes with its sale
    /// (GET api/v1/orders/{id} → returns), a few sales per poll. True when something changed.
    /// </summary>
    internal async Task<bool> PollReturnStatusesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.Returns.Where(r => r.State == AgentOrderState.Uploaded).OrderBy(r => r.LocalNumber).Take(100).ToListAsync(ct);
        if (waiting.Count == 0) return false;
        var changed = 0;
        foreach (var orderId in waiting.Select(r => r.OrderId).Distinct().Take(20))
        {
            var (view, why) = await cloud.GetOrderAsync(orderId, ct, TimeSpan.FromSeconds(5));
            IReadOnlyList<ReturnView> seenReturns = view?.Returns ?? [];
            // No order view: the sale is another store's (403) or not in the cloud (yet). Each of its returns is ours to
            // read by its own id, so the clerk sees the status (or why it waits).
            if (view is null && why is "cloud403" or "notInCloud")
                seenReturns = (await Task.WhenAll(waiting.Where(r => r.OrderId == orderId).Take(20).Select(r => cloud.GetReturnAsync(r.Id, ct, TimeSpan.FromSeconds(5)))))
                    .OfType<ReturnView>().ToList();
            foreach (var seen in seenReturns)
            {
                var ret = waiting.FirstOrDefault(r => r.Id == seen.ReturnId);
                if (ret is not null && Apply(ret, seen)) changed++;
            }
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed > 0;

        bool Apply(Returns.LocalReturn ret, Contracts.Orders.ReturnView seen)
        {
            var state = OutcomeRules.FromCloudStatus(seen.Status);
            if (ret.State == state && ret.CloudStatus == seen.Status && ret.Reasons == seen.StatusReason) return false;
            ret.State = state;
            ret.CloudStatus = seen.Status;
            ret.Reasons = seen.StatusReason;
            if (state != AgentOrderState.Uploaded) ret.FinishedAt = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>
    /// Asks the cloud about accepted sales until each is final; and every Upload:PresenceCheckInterval, whether it
    /// still has a page of the final ones (restore recovery). True when something changed.
    /// </summary>
    internal async Task<bool> PollStatusesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var candidates = await db.Orders.Where(o => o.State == AgentOrderState.Uploaded || o.CloudMissingSince != null)
            .OrderBy(o => o.LocalNumber).Take(500).ToListAsync(ct);
        if (now >= _nextPresenceCheck)
        {
            _nextPresenceCheck = now + options.Value.PresenceCheckInterval;
            var page = await db.Orders.Where(o => (o.State == AgentOrderState.Reconciled || o.State == AgentOrderState.NeedsReview || o.State == AgentOrderState.Failed)
                    && o.LocalNumber > _presenceCursor)
                .OrderBy(o => o.LocalNumber).Take(500).ToListAsync(ct);
            _presenceCursor = page.Count == 500 ? page[^1].LocalNumber : 0;
            var have = candidates.Select(o => o.Id).ToHashSet();
            candidates.AddRange(page.Where(o => !have.Contains(o.Id)));
        }
        if (candidates.Count == 0) return false;
        IReadOnlyList<Contracts.Orders.OrderStatusView> statuses;
        try
        {
            statuses = await cloud.GetStatusesAsync(candidates.Select(o => o.Id).ToList(), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or System.Text.Json.JsonException)
        {
            log.LogWarning("Status poll failed ({Reason}); asking again later.", e.Message);
            return false;
        }
        int changed = 0, resent = 0;
        var byId = candidates.ToDictionary(o => o.Id);
        foreach (var s in statuses)
        {
            if (!byId.TryGetValue(s.OrderId, out var order)) continue;
            var (verdict, missingSince) = RestoreRules.OnStatus(s.Found && s.Status is not null, order.CloudMissingSince, now, options.Value.MissingInCloudGrace);
            if (verdict == PresenceVerdict.Resend)
            {
                log.LogWarning("Sale #{Number} ({OrderId}) was accepted by the cloud but the cloud has not known it since {Since:u} (a database restore?); sending it again with the same orderId.",
                    order.LocalNumber, order.Id, missingSince);
                order.State = AgentOrderState.Pending;
                order.BatchId = null;
                order.CloudStatus = null;
                order.FinishedAt = null;
                order.CloudMissingSince = null;
                order.SendCount++;
                changed++; resent++;
                continue;
            }
            if (order.CloudMissingSince != missingSince)
            {
                if (missingSince is not null)
                    log.LogWarning("The cloud does not know sale #{Number} ({OrderId}) it had accepted; sent again if it stays unknown for {Grace}.", order.LocalNumber, order.Id, options.Value.MissingInCloudGrace);
                order.CloudMissingSince = missingSince;
                changed++;
            }
            if (verdict != PresenceVerdict.Present || s.Status is not { } status) continue;
            var state = OutcomeRules.FromCloudStatus(status);
            if (order.CloudStatus == status && order.State == state) continue;
            order.CloudStatus = status;
            order.State = state;
            order.Reasons = s.StatusReason;
            if (state != AgentOrderState.Uploaded) order.FinishedAt = s.FinishedAt ?? now;
            changed++;
        }
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Cloud status: {Changed} sale(s) changed, {Resent} to send again; {Left} still being reconciled.", changed, resent, candidates.Count(o => o.State == AgentOrderState.Uploaded));
        }
        if (resent > 0) signal.Wake();
        return changed > 0;
    }
}
