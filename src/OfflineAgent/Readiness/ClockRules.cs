using System.ComponentModel.DataAnnotations;

namespace PosCloud.OfflineAgent.Readiness;

/// <summary>Section "Readiness": the heartbeat to the cloud and the clock check.</summary>
public sealed class ReadinessOptions
{
    public const string Section = "Readiness";
    /// <summary>How often an online register reports its readiness (and measures its clock).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The screen warns when the register's clock is further than this from the cloud's (the cloud uses the same default).</summary>
    public TimeSpan MaxClockOffset { get; set; } = TimeSpan.FromMinutes(2);

    public static IEnumerable<string> Problems(ReadinessOptions o)
    {
        if (o.HeartbeatInterval < TimeSpan.FromSeconds(1)) yield return "Readiness:HeartbeatInterval must be at least 00:00:01.";
        if (o.MaxClockOffset <= TimeSpan.Zero) yield return "Readiness:MaxClockOffset must be a positive time like 00:02:00.";
    }
}

/// <summary>What /api/status says about the clock: the last measured offset and whether the screen must warn.</summary>
/// <param name="OffsetSeconds">Cloud time minus this register's time; negative: the register runs ahead. Null: not measured yet (never online).</param>
public sealed record ClockView(double? OffsetSeconds, DateTimeOffset? MeasuredAt, double LimitSeconds, bool Warn, string? MessageZh, string? MessageEn);

/// <summary>
/// The clock check as pure functions. Invoices carry the register's time: a clock minutes off puts a sale
/// near midnight on the wrong day, or near a period's end in the wrong period.
/// </summary>
public static class ClockRules
{
    /// <summary>
    /// The cloud's time against ours, taking the cloud's reading to be at the middle of the round trip
    /// (NTP's assumption); the error is at most half the round trip.
    /// </summary>
    public static TimeSpan Offset(DateTimeOffset sentLocal, DateTimeOffset receivedLocal, DateTimeOffset serverTime) =>
        serverTime - (sentLocal + (receivedLocal - sentLocal) / 2);

    public static ClockView View(TimeSpan? offset, DateTimeOffset? measuredAt, TimeSpan limit)
    {
        if (offset is not { } o) return new ClockView(null, null, limit.TotalSeconds, false, null, null);
        var warn = o.Duration() > limit;
        var minutes = Math.Round(o.Duration().TotalMinutes, 1);
        var ahead = o < TimeSpan.Zero;
        return new ClockView(Math.Round(o.TotalSeconds, 3), measuredAt, limit.TotalSeconds, warn,
            warn ? $"收銀機時鐘{(ahead ? "快" : "慢")}了約 {minutes} 分鐘，發票日期可能錯誤，請校正系統時間。" : null,
            warn ? $"This register's clock is about {minutes} min {(ahead ? "ahead of" : "behind")} the cloud: invoices may carry the wrong date. Set the system time." : null);
    }
}

/// <summary>The last clock measure, shared by the heartbeat (writes) and /api/status (reads).</summary>
public sealed class ClockWatch
{
    private volatile Measure? _last;
    private sealed record Measure(TimeSpan Offset, DateTimeOffset At);

    public TimeSpan? Offset => _last?.Offset;
    public DateTimeOffset? MeasuredAt => _last?.At;

    public void Record(TimeSpan offset, DateTimeOffset at) => _last = new Measure(offset, at);
}
