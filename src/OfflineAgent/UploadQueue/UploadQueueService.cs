using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
/// status of accepted sales until each is final.
/// </summary>
public sealed class UploadQueueService(
    IDbContextFactory<AgentDbContext> dbFactory,
    CloudClient cloud,
    ConnectivityMonitor connectivity,
    UploadSignal signal,
    IOptions<AgentOptions> agent,
    IOptions<UploadOptions> options,
    TimeProvider time,
    ILogger<UploadQueueService> log) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private DateTimeOffset _nextStatusPoll = DateTimeOffset.MinValue;
    private bool _statusBatchEndpointMissing;

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
        var batch = await OpenBatchAsync(db, ct);
        if (batch is null) return false;
        var now = time.GetUtcNow();
        if (batch.NextAttemptAt is { } next && next > now) return false;

        // EF's SQLite provider cannot ORDER BY a DateTimeOffset; the sale number is the age order anyway.
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Payments)
            .Where(o => o.BatchId == batch.Id).OrderBy(o => o.LocalNumber).AsSplitQuery().ToListAsync(ct);
        if (orders.Count == 0)
        {
            batch.CompletedAt = now;
            await db.SaveChangesAsync(ct);
            return true;
        }

        var request = new UploadBatchRequest(batch.Id, agent.Value.StoreId, agent.Value.RegisterId, orders.Select(OrderMapping.ToWire).ToList());
        batch.Attempts++;
        HttpStatusCode? status = null;
        UploadBatchResponse? answer = null;
        string? problem = null;
        TimeSpan? retryAfter = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "api/v1/batches") { Content = JsonContent.Create(request, options: Json) };
            using var response = await cloud.SendAsync(message, ct);
            status = response.StatusCode;
            if (response.IsSuccessStatusCode) answer = await response.Content.ReadFromJsonAsync<UploadBatchResponse>(Json, ct);
            else
            {
                problem = $"{(int)response.StatusCode} {await ShortBodyAsync(response, ct)}";
                if ((int)response.StatusCode == 429) retryAfter = RetryRules.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            problem = e.Message;
            status = e is JsonException ? HttpStatusCode.BadGateway : null;
        }

        var verdict = answer is null && RetryRules.Classify(status) == AttemptVerdict.Done ? AttemptVerdict.RetryWithBackoff : RetryRules.Classify(status);
        if (verdict == AttemptVerdict.Done && answer is not null)
        {
            ApplyResults(orders, answer, now);
            batch.CompletedAt = now;
            batch.LastError = null;
            LastProblem = null;
            await db.SaveChangesAsync(ct);
            log.LogInformation("Batch {BatchId} uploaded: {Accepted} accepted, {Duplicate} already in the cloud, {Rejected} rejected (sales #{First}–#{Last}, attempt {Attempt}).",
                batch.Id, answer.Results.Count(r => r.Outcome == Contracts.UploadOutcome.Accepted), answer.Results.Count(r => r.Outcome == Contracts.UploadOutcome.Duplicate),
                answer.Results.Count(r => r.Outcome == Contracts.UploadOutcome.Rejected), orders[0].LocalNumber, orders[^1].LocalNumber, batch.Attempts);
            _nextStatusPoll = DateTimeOffset.MinValue;
            return true;
        }

        var wait = verdict switch
        {
            AttemptVerdict.RetryAfterServerSaid => retryAfter ?? TimeSpan.FromSeconds(1),
            AttemptVerdict.RetryLater => options.Value.BackoffMax,
            _ => RetryRules.Backoff(batch.Attempts, options.Value.BackoffBase, options.Value.BackoffMax, Random.Shared.NextDouble()),
        };
        batch.NextAttemptAt = time.GetUtcNow() + wait;
        batch.LastError = problem;
        LastProblem = problem;
        await db.SaveChangesAsync(ct);
        if (verdict == AttemptVerdict.RetryLater)
            log.LogError("The cloud refused batch {BatchId} ({Problem}). Check Agent:RegisterKey / Agent:StoreId; retrying in {Wait:0} s.", batch.Id, problem, wait.TotalSeconds);
        else
            log.LogWarning("Batch {BatchId} not uploaded (attempt {Attempt}: {Problem}); same batch again in {Wait:0.0} s.", batch.Id, batch.Attempts, problem ?? "no answer", wait.TotalSeconds);
        if (status is null) connectivity.ReportFailure(problem ?? "upload failed");
        return false;
    }

    /// <summary>The unfinished batch, or a new one made of the oldest Pending sales (recorded before sending).</summary>
    private async Task<UploadBatch?> OpenBatchAsync(AgentDbContext db, CancellationToken ct)
    {
        var open = await db.Batches.Where(b => b.CompletedAt == null).ToListAsync(ct);
        if (open.Count > 0) return open.OrderBy(b => b.CreatedAt.UtcTicks).First();

        var ids = await db.Orders.Where(o => o.State == AgentOrderState.Pending && o.BatchId == null)
            .OrderBy(o => o.LocalNumber).Select(o => o.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return null;
        var batch = new UploadBatch { Id = Guid.CreateVersion7(time.GetUtcNow()), CreatedAt = time.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Batches.Add(batch);
        await db.SaveChangesAsync(ct);
        await db.Orders.Where(o => ids.Contains(o.Id) && o.BatchId == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.BatchId, batch.Id), ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    private void ApplyResults(List<LocalOrder> orders, UploadBatchResponse answer, DateTimeOffset now)
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
            order.CloudStatus = result.Status;
            order.Reasons = reasons;
            order.UploadedAt ??= now;
            if (state != AgentOrderState.Uploaded) order.FinishedAt = now;
        }
    }

    /// <summary>Asks the cloud about accepted sales until each is final. True when something changed.</summary>
    internal async Task<bool> PollStatusesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.Orders.Where(o => o.State == AgentOrderState.Uploaded).OrderBy(o => o.LocalNumber).Take(500).ToListAsync(ct);
        if (waiting.Count == 0) return false;
        IReadOnlyList<OrderStatusView>? statuses;
        try
        {
            statuses = _statusBatchEndpointMissing ? null : await GetStatusesAsync(waiting.Select(o => o.Id), ct);
            statuses ??= await GetStatusesOneByOneAsync(waiting.Take(20).Select(o => o.Id), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            log.LogWarning("Status poll failed ({Reason}); asking again later.", e.Message);
            return false;
        }
        var changed = 0;
        var byId = waiting.ToDictionary(o => o.Id);
        foreach (var s in statuses)
        {
            if (!s.Found || s.Status is null || !byId.TryGetValue(s.OrderId, out var order)) continue;
            var state = OutcomeRules.FromCloudStatus(s.Status.Value);
            if (order.CloudStatus == s.Status && order.State == state) continue;
            order.CloudStatus = s.Status;
            order.State = state;
            order.Reasons = s.StatusReason;
            if (state != AgentOrderState.Uploaded) order.FinishedAt = s.FinishedAt ?? time.GetUtcNow();
            changed++;
        }
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Cloud status: {Changed} sale(s) changed; {Left} still being reconciled.", changed, waiting.Count(o => o.State == AgentOrderState.Uploaded));
        }
        return changed > 0;
    }

    /// <summary>
    /// 100 ids a request: 500 UUIDs make an 18 KB URL, past Kestrel's 8 KB request line (found by the
    /// 10,000-order benchmark, where every poll failed and nothing ever became final).
    /// </summary>
    private async Task<IReadOnlyList<OrderStatusView>?> GetStatusesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var all = new List<OrderStatusView>();
        foreach (var chunk in ids.Chunk(StatusIdsPerRequest))
        {
            var part = await GetStatusChunkAsync(chunk, ct);
            if (part is null) return null;
            all.AddRange(part);
        }
        return all;
    }

    internal const int StatusIdsPerRequest = 100;

    private async Task<IReadOnlyList<OrderStatusView>?> GetStatusChunkAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/orders/status?ids=" + string.Join(',', ids));
        using var response = await cloud.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // An older cloud without the batch status endpoint: fall back to one order at a time.
            log.LogInformation("The cloud has no /api/v1/orders/status; asking order by order.");
            _statusBatchEndpointMissing = true;
            return null;
        }
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"status poll answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<List<OrderStatusView>>(Json, ct);
    }

    private async Task<IReadOnlyList<OrderStatusView>> GetStatusesOneByOneAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new List<OrderStatusView>();
        foreach (var id in ids)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/orders/{id}");
            using var response = await cloud.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) { result.Add(new OrderStatusView(id, false, null, null, null)); continue; }
            var view = await response.Content.ReadFromJsonAsync<OrderView>(Json, ct);
            result.Add(view is null ? new OrderStatusView(id, false, null, null, null) : new OrderStatusView(id, true, view.Status, view.StatusReason, view.FinishedAt));
        }
        return result;
    }

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
