namespace PosCloud.Contracts.Sync;

/// <summary>Every store's sync state at a glance, stores with trouble first.</summary>
public sealed record SyncStatusReport(DateTimeOffset GeneratedAt, IReadOnlyList<StoreSyncStatus> Stores);

/// <param name="Waiting">Orders received but not final yet (Received or Reconciling).</param>
/// <param name="OldestWaitingSeconds">Age of the oldest waiting order, null when none waits.</param>
/// <param name="LastUploadAt">When the store's last batch arrived.</param>
/// <param name="LastContactAt">When any register of the store last called the cloud.</param>
public sealed record StoreSyncStatus(
    string StoreId,
    string StoreName,
    int Waiting,
    int Reconciled,
    int NeedsReview,
    int Failed,
    double? OldestWaitingSeconds,
    DateTimeOffset? LastUploadAt,
    DateTimeOffset? LastContactAt,
    IReadOnlyList<RegisterCompleteness> Registers);

/// <summary>
/// Whether a register's sales all arrived: its localNumbers have no gap and each sale's previousHash
/// is the hash of the sale before it. A gap or a broken chain is a flag for a person, never a rejection.
/// </summary>
/// <param name="HighestLocalNumber">The highest sale number received from this register.</param>
/// <param name="MissingLocalNumbers">Numbers below the highest that never arrived (first 50).</param>
/// <param name="MissingCount">How many numbers are missing in all.</param>
/// <param name="BrokenChainAt">Sale numbers whose previousHash does not match the previous sale's hash.</param>
public sealed record RegisterCompleteness(
    string RegisterId,
    DateTimeOffset? LastContactAt,
    long HighestLocalNumber,
    int MissingCount,
    IReadOnlyList<long> MissingLocalNumbers,
    IReadOnlyList<long> BrokenChainAt);
