namespace PosCloud.Core.Invoices;

/// <summary>
/// One message the business owes the MOF e-invoice platform: an issue (F0401), a cancel (F0501), an allowance
/// (G0401), a cancelled allowance (G0501) or a period's blank numbers (E0402). Whoever records the fact that makes
/// the message due adds the row in the same transaction; the Turnkey delivery hands it over exactly once and
/// records the platform's verdict. (Kind, Period, DocumentNumber) is unique: a message is owed once.
/// </summary>
public sealed class PlatformMessage
{
    public long Id { get; init; }
    /// <summary>MIG message name: F0401, F0501, G0401, G0501, E0402 (<see cref="PlatformMessageKinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>The invoice period the document belongs to (ROC year + even month, e.g. "11512").</summary>
    public required string Period { get; init; }
    /// <summary>The invoice number (F0401/F0501), the allowance number (G0401/G0501), or the track (E0402).</summary>
    public required string DocumentNumber { get; init; }
    /// <summary>The store the document belongs to (null for a chain-wide message).</summary>
    public string? StoreId { get; init; }
    /// <summary>The message body (MIG XML) as built when it became due; rebuilt only by a correction.</summary>
    public string? Xml { get; set; }
    /// <summary>When it must be on the platform (deadline rules of UploadDeadline).</summary>
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class PlatformMessageKinds
{
    public const string Issue = "F0401";
    public const string Cancel = "F0501";
    public const string Allowance = "G0401";
    public const string CancelAllowance = "G0501";
    public const string BlankNumbers = "E0402";
    public const int MaxLength = 5;
    public const int DocumentNumberMaxLength = 16;
}
