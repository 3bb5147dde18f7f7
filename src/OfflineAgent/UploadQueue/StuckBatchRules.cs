namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>What to do with a batch after an attempt that got no usable answer.</summary>
public enum StuckBatchStep
{
    /// <summary>Send the very same batch (same batchId) again after the backoff.</summary>
    RetrySame,
    /// <summary>Ask the cloud whether it stored this batchId before deciding (it never answered).</summary>
    AskCloudIfStored,
    /// <summary>Halve it into two NEW batches (new batchIds), so the sales the cloud can take go on.</summary>
    Split,
    /// <summary>A single sale the cloud keeps failing on: 上傳受阻, retried slowly, the queue goes on without it.</summary>
    SetAside,
}

/// <summary>
/// Keeps one sale from blocking a register. Pure.
///
/// When may a batch get new batchIds? Only when the cloud definitely did not store it:
/// - A 5xx ANSWER: src/Api/Batches/BatchIngestion commits the batch row, its orders and the outbox row in one
///   transaction before it answers 202; an exception before that commit rolls everything back, so a 5xx means
///   nothing of the batch was stored. The one way to get a 5xx after the commit is a fault after SaveChanges
///   (signalling the outbox, telemetry, writing the response). Even then no sale can be doubled: the halves carry
///   the same orderIds and the cloud's primary key on OrderId answers them "duplicate" with their status.
/// - NO ANSWER (timeout, connection cut): the cloud may have committed. The batch keeps its batchId (the cloud
///   then answers "duplicate") until the cloud says it has never received that batchId (GET /batches/{id} 404:
///   the batch row commits with its orders, so no row means no orders). Only then may it be split.
/// </summary>
public static class StuckBatchRules
{
    /// <summary>
    /// An answer that says "nothing of this batch was stored, and it may be this batch's fault": 500 and the other
    /// 5xx the Api does not use for outages, and 400/409/413/422 about the batch as a whole. NOT 502/503/504: the
    /// Api answers 503 (+ Retry-After) when its database is briefly away and a proxy 502/504 when the Api is —
    /// that is every batch's trouble, and splitting would only set every sale aside; those wait, same batchId.
    /// </summary>
    public static bool RefusedWhole(System.Net.HttpStatusCode status) => (int)status switch
    {
        502 or 503 or 504 => false,
        >= 500 and < 600 => true,
        400 or 409 or 413 or 422 => true,
        _ => false,
    };

    /// <param name="answered5xx">The cloud answered this attempt so that nothing was stored (<see cref="RefusedWhole"/>).</param>
    /// <param name="serverFailures">Such answers in a row for this batch, this one included.</param>
    /// <param name="noAnswerFailures">Attempts in a row with no answer, this one included.</param>
    /// <param name="cloudReachable">The health probe succeeds: other calls get through, so the trouble is this batch.</param>
    /// <param name="splitAfter">Upload:SplitAfterFailures.</param>
    public static StuckBatchStep AfterFailure(int orderCount, bool answered5xx, int serverFailures, int noAnswerFailures, bool cloudReachable, int splitAfter)
    {
        if (answered5xx)
            return serverFailures < splitAfter ? StuckBatchStep.RetrySame : NotStored(orderCount);
        // No answer while the cloud is unreachable is an outage, not this batch's fault: wait it out, same batchId.
        if (!cloudReachable || noAnswerFailures < splitAfter) return StuckBatchStep.RetrySame;
        return StuckBatchStep.AskCloudIfStored;
    }

    /// <summary>The cloud said it never stored the batch: split it, or set a single sale aside.</summary>
    public static StuckBatchStep NotStored(int orderCount) => orderCount > 1 ? StuckBatchStep.Split : StuckBatchStep.SetAside;

    /// <summary>Oldest first half, then the rest: the first half goes first, so sales keep their order as far as they can.</summary>
    public static (IReadOnlyList<T> First, IReadOnlyList<T> Second) Halves<T>(IReadOnlyList<T> items)
    {
        if (items.Count < 2) throw new ArgumentException("Only a batch of two or more sales can be split.", nameof(items));
        var half = (items.Count + 1) / 2;
        return (items.Take(half).ToList(), items.Skip(half).ToList());
    }

    /// <summary>
    /// How long a set-aside sale waits before it is tried again: Upload:BlockedRetryInterval, doubling with each
    /// failed retry up to about 8 times that (never less than the interval) — never a tight loop, and a cloud fixed overnight takes it in the morning.
    /// </summary>
    public static TimeSpan SetAsideWait(int retriesWhileBlocked, TimeSpan interval, double random01) =>
        RetryRules.Backoff(retriesWhileBlocked + 1, interval, interval * 8, random01) + interval / 2;
}
