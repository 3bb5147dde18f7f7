namespace PosCloud.Reconciliation;

/// <summary>
/// Test-only settings (section "Workers") that the integration tests and the benchmark use to make a
/// real worker process slow or failing on purpose. Both are off unless set; never set them in production.
/// </summary>
public sealed class WorkerTestHooks
{
    public const string Section = "Workers";

    /// <summary>Workers:TestDelayPerBatch — wait this long after loading a batch and before saving it, so a test can kill the worker mid-batch.</summary>
    public TimeSpan? TestDelayPerBatch { get; set; }

    /// <summary>Workers:TestFailSku — throw while reconciling any set that holds a line with this SKU (a poison batch on any provider).</summary>
    public string? TestFailSku { get; set; }

    /// <summary>Workers:TestTurnkeyStopAfterRecord — the Turnkey delivery stops after committing its first hand-over record, before renaming the file into SRC (a worker killed at the worst moment).</summary>
    public bool TestTurnkeyStopAfterRecord { get; set; }
}
