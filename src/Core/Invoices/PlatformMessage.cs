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

    // Delivery (Turnkey). A row with only the fields above is deliverable: it starts Pending.

    /// <summary>Where the message is in its delivery (<see cref="PlatformMessageStates"/>); Pending when added.</summary>
    public string State { get; set; } = PlatformMessageStates.Pending;
    /// <summary>How many times it was handed to Turnkey (a correction hands it over again).</summary>
    public int Attempts { get; set; }
    /// <summary>The file name it was handed over under (deterministic per row and attempt); null while Pending.</summary>
    public string? FileName { get; set; }
    /// <summary>When the hand-over was recorded (written before the file is renamed into SRC).</summary>
    public DateTimeOffset? HandedOverAt { get; set; }
    /// <summary>The verdict's code: 00000 uploaded, 7001 local XML validation (Turnkey ERR), or the platform's (E0201 …).</summary>
    public string? ResultCode { get; set; }
    /// <summary>The verdict's text as Turnkey or the platform gave it.</summary>
    public string? ResultText { get; set; }
    /// <summary>When the verdict (Uploaded or Error) was read back.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// Delivery states. Pending → HandedOver (recorded, file renamed into Turnkey's SRC) → Uploaded (the platform
/// answered 00000) or Error (Turnkey's ERR folder = our XML failed its checks, or the platform refused it with a
/// code). An Error goes back to Pending only by a correction (HQ's resend).
/// </summary>
public static class PlatformMessageStates
{
    public const string Pending = "Pending";
    public const string HandedOver = "HandedOver";
    public const string Uploaded = "Uploaded";
    public const string Error = "Error";
    public const int MaxLength = 16;
    public const int FileNameMaxLength = 120;
    public const int ResultCodeMaxLength = 16;
    public const int ResultTextMaxLength = 1000;

    public static readonly IReadOnlyList<string> All = [Pending, HandedOver, Uploaded, Error];
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
