namespace PosCloud.Printing;

public enum PrintJobState
{
    /// <summary>Waiting for its turn.</summary>
    Queued,
    /// <summary>Being sent now.</summary>
    Printing,
    /// <summary>Delivered to the printer.</summary>
    Printed,
    /// <summary>The last attempt failed (reason in LastError); it will be retried at NextAttemptAt.</summary>
    Failed,
}

/// <summary>Bytes to print. The id is the caller's (e.g. derived from the order), so re-enqueueing after a restart is idempotent.</summary>
public sealed record PrintJob(Guid Id, string Description, byte[] Data, DateTimeOffset CreatedAt);

/// <summary>The observable state of a job, as the clerk's screen and the agent's store see it.</summary>
public sealed record PrintJobStatus(
    Guid JobId,
    string Description,
    PrintJobState State,
    int Attempts,
    string? LastError,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt);

/// <summary>
/// Called on every state change, in order and off the sale's and the printer's path, so the agent can store the job (e.g. in
/// its SQLite file) and re-enqueue unprinted ones after a restart. A failing callback is logged,
/// never allowed to stop printing.
/// </summary>
public delegate ValueTask PrintJobPersistence(PrintJob job, PrintJobStatus status, CancellationToken cancellationToken);

/// <param name="InitialBackoff">Wait after the first failure; doubles per failure up to <paramref name="MaxBackoff"/>.</param>
/// <param name="CheckStatusFirst">Ask DLE EOT before sending: a printer that says "paper out" gets no bytes
/// (a reprint would otherwise be needed when the paper is changed).</param>
/// <param name="KeepPrinted">How many printed jobs stay visible.</param>
public sealed record PrintQueueOptions(TimeSpan InitialBackoff, TimeSpan MaxBackoff, bool CheckStatusFirst = true, int KeepPrinted = 200)
{
    public static PrintQueueOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public TimeSpan BackoffAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var ms = Math.Min(InitialBackoff.TotalMilliseconds * factor, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
