using System.Text.Json.Serialization;

namespace PosCloud.Contracts.Readiness;

/// <summary>
/// What an online register reports about itself every minute (POST /api/v1/registers/{registerId}/heartbeat),
/// so HQ sees before an outage which registers could not sell without the cloud.
/// </summary>
/// <param name="SentAt">The register's own clock when it sent this (the cloud compares it with its own).</param>
/// <param name="SnapshotVersion">The offline snapshot the register sells from; null when it has none.</param>
/// <param name="SnapshotAgeSeconds">Seconds since the cloud last confirmed that snapshot; null when there is none.</param>
/// <param name="InvoicePeriod">The invoice period the register is in, e.g. "11512" (its clock, Taiwan time).</param>
/// <param name="InvoiceNumbersLeft">E-invoice numbers left in this register's blocks of that period.</param>
/// <param name="NextPeriodInvoiceNumbers">Numbers this register holds for the next period (0: no block yet).</param>
/// <param name="PrinterState">none (no printer), ok, warning or error.</param>
/// <param name="QueueSize">Sales on this register that the cloud does not have yet.</param>
/// <param name="ClockOffsetSeconds">Cloud time minus register time, as the register last measured it; null before the first measure.</param>
public sealed record RegisterHeartbeat(
    DateTimeOffset SentAt,
    string? SnapshotVersion,
    double? SnapshotAgeSeconds,
    string? InvoicePeriod,
    int InvoiceNumbersLeft,
    int NextPeriodInvoiceNumbers,
    string PrinterState,
    int QueueSize,
    double? ClockOffsetSeconds,
    string AgentVersion,
    string? PrinterMessage = null);

/// <summary>The cloud's answer to a heartbeat: its clock (for the register's offset) and what HQ sees of it.</summary>
public sealed record HeartbeatAnswer(DateTimeOffset ServerTime, bool Ready, IReadOnlyList<string> Reasons);

/// <summary>Why a register is not ready for an outage (GET /api/v1/readiness).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotReadyReason>))]
public enum NotReadyReason
{
    /// <summary>No heartbeat for longer than Readiness:HeartbeatMissingAfter: its state is unknown.</summary>
    NoHeartbeat,
    /// <summary>The offline snapshot is older than Readiness:MaxSnapshotAge (or there is none).</summary>
    SnapshotStale,
    /// <summary>Fewer invoice numbers left this period than Readiness:LowNumbersMark.</summary>
    InvoiceNumbersLow,
    /// <summary>Within Readiness:NextPeriodBlockLeadTime of the period's end and no block for the next period.</summary>
    NoNextPeriodBlock,
    /// <summary>The receipt printer reports an error.</summary>
    PrinterError,
    /// <summary>The register's clock is off the cloud's by more than Readiness:MaxClockOffset.</summary>
    ClockSkew,
}

/// <param name="Since">When the reason was first seen (or, for time-driven ones, when the limit was crossed); null: never heard from.</param>
public sealed record ReadinessIssue(NotReadyReason Reason, DateTimeOffset? Since, string MessageZh, string MessageEn);

/// <summary>One register's readiness for an outage, as of <see cref="ReadinessReport.GeneratedAt"/>.</summary>
/// <param name="NotReadySince">The earliest Since of its issues; null when ready.</param>
public sealed record RegisterReadinessView(
    string StoreId,
    string StoreName,
    string RegisterId,
    bool Ready,
    DateTimeOffset? NotReadySince,
    IReadOnlyList<ReadinessIssue> Issues,
    DateTimeOffset? LastHeartbeatAt,
    string? AgentVersion,
    string? SnapshotVersion,
    double? SnapshotAgeSeconds,
    string? InvoicePeriod,
    int? InvoiceNumbersLeft,
    int? NextPeriodInvoiceNumbers,
    string? PrinterState,
    int? QueueSize,
    double? ClockOffsetSeconds);

public sealed record ReadinessReport(DateTimeOffset GeneratedAt, int Registers, int NotReady, IReadOnlyList<RegisterReadinessView> Items);
