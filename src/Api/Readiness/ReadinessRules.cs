using System.Globalization;
using PosCloud.Contracts.Readiness;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Readiness;

/// <summary>What the cloud knows of a register from its last heartbeat (all cloud times); null LastHeartbeatAt: never heard from.</summary>
public sealed record ReadinessFacts(
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? SnapshotCheckedAt,
    string? InvoicePeriod,
    int InvoiceNumbersLeft,
    int NextPeriodInvoiceNumbers,
    string PrinterState,
    string? PrinterMessage,
    double ClockOffsetSeconds);

/// <summary>A raised reason; Onset is when a time-driven limit was crossed (null for reported ones).</summary>
public sealed record RaisedReason(NotReadyReason Reason, DateTimeOffset? Onset);

/// <summary>
/// The readiness rules as pure functions: which reasons hold now, since when, and how to say them.
/// Judged at read time as well as at each heartbeat, because time alone makes a register unready.
/// </summary>
public static class ReadinessRules
{
    public static IReadOnlyList<RaisedReason> Evaluate(ReadinessFacts f, DateTimeOffset now, ReadinessOptions o)
    {
        if (f.LastHeartbeatAt is not { } last) return [new(NotReadyReason.NoHeartbeat, null)];
        var raised = new List<RaisedReason>();
        if (now - last > o.HeartbeatMissingAfter) raised.Add(new(NotReadyReason.NoHeartbeat, last + o.HeartbeatMissingAfter));
        if (f.SnapshotCheckedAt is not { } checkedAt) raised.Add(new(NotReadyReason.SnapshotStale, null));
        else if (now - checkedAt > o.MaxSnapshotAge) raised.Add(new(NotReadyReason.SnapshotStale, checkedAt + o.MaxSnapshotAge));
        if (f.InvoiceNumbersLeft < o.LowNumbersMark) raised.Add(new(NotReadyReason.InvoiceNumbersLow, null));
        if (PeriodEnd(f.InvoicePeriod) is { } end && f.NextPeriodInvoiceNumbers <= 0 && now >= end - o.NextPeriodBlockLeadTime)
            raised.Add(new(NotReadyReason.NoNextPeriodBlock, end - o.NextPeriodBlockLeadTime));
        if (string.Equals(f.PrinterState, "error", StringComparison.OrdinalIgnoreCase)) raised.Add(new(NotReadyReason.PrinterError, null));
        if (Math.Abs(f.ClockOffsetSeconds) > o.MaxClockOffset.TotalSeconds) raised.Add(new(NotReadyReason.ClockSkew, null));
        return raised;
    }

    /// <summary>The first instant after the period (its last day's midnight, Taiwan time); null when the code is not a period.</summary>
    public static DateTimeOffset? PeriodEnd(string? periodCode) =>
        InvoicePeriod.TryParse(periodCode, out var p) ? TaiwanTime.Instant(p.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null;

    /// <summary>
    /// Carries "first seen" across heartbeats: a reason still raised keeps its time, a new one starts now,
    /// a cleared one is forgotten (so raised again later, it starts again).
    /// </summary>
    public static IReadOnlyDictionary<NotReadyReason, DateTimeOffset> Track(
        IReadOnlyDictionary<NotReadyReason, DateTimeOffset> before, IEnumerable<NotReadyReason> raisedNow, DateTimeOffset now) =>
        raisedNow.Distinct().ToDictionary(r => r, r => before.TryGetValue(r, out var since) ? since : now);

    /// <summary>Since when a reason holds: the earlier of when it was first seen and when its limit was crossed.</summary>
    public static DateTimeOffset? Since(RaisedReason r, IReadOnlyDictionary<NotReadyReason, DateTimeOffset> firstSeen, DateTimeOffset? lastHeartbeat)
    {
        DateTimeOffset? seen = firstSeen.TryGetValue(r.Reason, out var s) ? s : null;
        if (seen is { } a && r.Onset is { } b) return a < b ? a : b;
        return seen ?? r.Onset ?? lastHeartbeat;
    }

    public static (string Zh, string En) Message(NotReadyReason reason, ReadinessFacts f, ReadinessOptions o) => reason switch
    {
        NotReadyReason.NoHeartbeat when f.LastHeartbeatAt is null => ("從未收到此收銀機的狀態回報", "never heard from this register"),
        NotReadyReason.NoHeartbeat => ($"超過 {Minutes(o.HeartbeatMissingAfter)} 分鐘未收到狀態回報", $"no heartbeat for more than {Minutes(o.HeartbeatMissingAfter)} min"),
        NotReadyReason.SnapshotStale when f.SnapshotCheckedAt is null => ("沒有離線資料（商品、人員、發票配號）", "no offline snapshot (catalog, staff, invoice blocks)"),
        NotReadyReason.SnapshotStale => ($"離線資料超過 {Hours(o.MaxSnapshotAge)} 小時未更新", $"offline snapshot older than {Hours(o.MaxSnapshotAge)} h"),
        NotReadyReason.InvoiceNumbersLow => ($"本期發票號碼剩 {f.InvoiceNumbersLeft} 個（低於 {o.LowNumbersMark}）", $"{f.InvoiceNumbersLeft} invoice numbers left this period (under {o.LowNumbersMark})"),
        NotReadyReason.NoNextPeriodBlock => ("本期將結束，尚未配發下一期發票號碼", "the period ends soon and no invoice block for the next period"),
        NotReadyReason.PrinterError => ($"發票印表機故障：{f.PrinterMessage}", $"receipt printer error: {f.PrinterMessage}"),
        // Offset = cloud − register: negative means the register's clock runs ahead.
        NotReadyReason.ClockSkew => ($"收銀機時鐘{(f.ClockOffsetSeconds < 0 ? "快" : "慢")}了 {Offset(f.ClockOffsetSeconds)}",
            $"register clock {Offset(f.ClockOffsetSeconds)} {(f.ClockOffsetSeconds < 0 ? "ahead of" : "behind")} the cloud"),
        _ => (reason.ToString(), reason.ToString()),
    };

    /// <summary>"Reason=unix-ms;…" ↔ map, for the one column that keeps first-seen times.</summary>
    public static IReadOnlyDictionary<NotReadyReason, DateTimeOffset> ParseSince(string? text)
    {
        var map = new Dictionary<NotReadyReason, DateTimeOffset>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=');
            if (kv.Length == 2 && Enum.TryParse<NotReadyReason>(kv[0], out var r) && long.TryParse(kv[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                map[r] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        return map;
    }

    public static string? FormatSince(IReadOnlyDictionary<NotReadyReason, DateTimeOffset> map) =>
        map.Count == 0 ? null : string.Join(';', map.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"));

    private static string Minutes(TimeSpan t) => t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Hours(TimeSpan t) => t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Offset(double seconds)
    {
        var abs = TimeSpan.FromSeconds(Math.Abs(Math.Round(seconds)));
        var text = abs.TotalMinutes >= 1 ? $"{(int)abs.TotalMinutes} min {abs.Seconds} s" : $"{abs.Seconds} s";
        return text;
    }
}
