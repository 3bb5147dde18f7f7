using System.ComponentModel.DataAnnotations;

namespace PosCloud.Api.Readiness;

/// <summary>Section "Readiness": when HQ calls a register not ready for an outage. Checked at start-up.</summary>
public sealed class ReadinessOptions : IValidatableObject
{
    public const string Section = "Readiness";

    /// <summary>No heartbeat for this long: the register's state is unknown (its own reason, NoHeartbeat).</summary>
    public TimeSpan HeartbeatMissingAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A snapshot the cloud has not confirmed for longer than this is stale.</summary>
    public TimeSpan MaxSnapshotAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Fewer e-invoice numbers than this left in the current period: the low-water mark.</summary>
    [Range(0, 10_000_000)] public int LowNumbersMark { get; set; } = 50;

    /// <summary>This close to the period's end, a register needs its block for the next period.</summary>
    public TimeSpan NextPeriodBlockLeadTime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A register clock further than this from the cloud's puts invoices in the wrong period or past their deadline.</summary>
    public TimeSpan MaxClockOffset { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the per-reason metric is recomputed.</summary>
    public TimeSpan MetricInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest export file HQ may import, in bytes.</summary>
    [Range(1024, 1L << 31)] public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(HeartbeatMissingAfter), HeartbeatMissingAfter), (nameof(MaxSnapshotAge), MaxSnapshotAge),
            (nameof(NextPeriodBlockLeadTime), NextPeriodBlockLeadTime), (nameof(MaxClockOffset), MaxClockOffset), (nameof(MetricInterval), MetricInterval),
        })
        {
            if (value <= TimeSpan.Zero) yield return new ValidationResult($"{name} must be a positive time like 00:05:00.", [name]);
        }
        if (NextPeriodBlockLeadTime > TimeSpan.FromDays(62))
            yield return new ValidationResult($"{nameof(NextPeriodBlockLeadTime)} must be at most 62 days (a period is two months).", [nameof(NextPeriodBlockLeadTime)]);
    }
}
