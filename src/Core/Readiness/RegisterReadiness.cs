namespace PosCloud.Core.Readiness;

/// <summary>
/// The last heartbeat of one register (one row per register, overwritten each minute) and since when each of
/// its heartbeat-reported problems has been seen. Readiness itself is judged when read, because time alone
/// makes a register unready (its snapshot ages, its heartbeat goes missing, the period's end comes near).
/// </summary>
public sealed class RegisterReadiness
{
    public required string RegisterId { get; init; }
    public required string StoreId { get; set; }
    /// <summary>Cloud time of the last heartbeat.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The register's clock when it sent it.</summary>
    public DateTimeOffset SentAt { get; set; }
    public string? SnapshotVersion { get; set; }
    /// <summary>Cloud time the snapshot was last confirmed (ReceivedAt − the reported age); null: none.</summary>
    public DateTimeOffset? SnapshotCheckedAt { get; set; }
    public string? InvoicePeriod { get; set; }
    public int InvoiceNumbersLeft { get; set; }
    public int NextPeriodInvoiceNumbers { get; set; }
    public string PrinterState { get; set; } = "none";
    public string? PrinterMessage { get; set; }
    public int QueueSize { get; set; }
    /// <summary>Cloud minus register clock in seconds: as the register measured it, else SentAt against ReceivedAt.</summary>
    public double ClockOffsetSeconds { get; set; }
    public string AgentVersion { get; set; } = "";
    /// <summary>"Reason=unix-ms;…": when each heartbeat-reported reason was first seen, kept while it stays raised.</summary>
    public string? ReasonsSince { get; set; }
}
