namespace PosCloud.Api.Dashboard.Overview;

/// <param name="Online">A register of the store called within the online window.</param>
/// <param name="Trouble">Failed or needs-review orders, or a waiting order older than the online window.</param>
public sealed record OverviewRow(
    string StoreId, string StoreName, bool Online, DateTimeOffset? LastContactAt,
    long Waiting, long Reconciled, long NeedsReview, long Failed,
    double? OldestWaitingSeconds, DateTimeOffset? LastUploadAt, bool Trouble);

public sealed record OverviewTotals(int Stores, int Online, int StoresWithTrouble, long Waiting, long Reconciled, long NeedsReview, long Failed);

public sealed record OverviewView(DateTimeOffset GeneratedAt, int OnlineWithinMinutes, OverviewTotals Totals, IReadOnlyList<OverviewRow> Stores);

/// <summary>The overview's business rules, pure so they are tested without a database.</summary>
public static class OverviewRules
{
    public static bool IsOnline(DateTimeOffset? lastContact, DateTimeOffset now, TimeSpan window) =>
        lastContact is { } at && now - at <= window;

    /// <summary>
    /// A person should look: something failed or needs review, or an order has waited longer than the
    /// online window (the cloud is not keeping up, or the workers are down).
    /// </summary>
    public static bool HasTrouble(long needsReview, long failed, double? oldestWaitingSeconds, TimeSpan window) =>
        failed > 0 || needsReview > 0 || (oldestWaitingSeconds is { } age && age > window.TotalSeconds);

    /// <summary>Trouble first (failed, then needs review, then the oldest backlog), then offline stores with a backlog, then by id.</summary>
    public static IEnumerable<OverviewRow> Rank(IEnumerable<OverviewRow> rows) => rows
        .OrderByDescending(r => r.Trouble)
        .ThenByDescending(r => r.Failed > 0)
        .ThenByDescending(r => r.NeedsReview > 0)
        .ThenByDescending(r => r.OldestWaitingSeconds ?? -1)
        .ThenByDescending(r => !r.Online && r.Waiting > 0)
        .ThenBy(r => r.StoreId, StringComparer.Ordinal);

    public static OverviewTotals Totals(IReadOnlyCollection<OverviewRow> rows) => new(
        rows.Count, rows.Count(r => r.Online), rows.Count(r => r.Trouble),
        rows.Sum(r => r.Waiting), rows.Sum(r => r.Reconciled), rows.Sum(r => r.NeedsReview), rows.Sum(r => r.Failed));
}
