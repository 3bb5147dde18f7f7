namespace PosCloud.Contracts.Invoices;

/// <summary>A range of numbers HQ received from the MOF platform for one period (E0501).</summary>
/// <param name="Period">ROC year + even end month, e.g. "11512" for Nov–Dec 2026.</param>
/// <param name="Track">字軌: two upper-case letters.</param>
/// <param name="From">First number, 8 digits, e.g. "10000000" (inclusive).</param>
/// <param name="To">Last number, 8 digits, e.g. "10000999" (inclusive).</param>
public sealed record RegisterInvoiceRangeRequest(string Period, string Track, string From, string To);

/// <summary>A registered range or an assigned block.</summary>
/// <param name="First">The first invoice number, e.g. AB10000000.</param>
/// <param name="Last">The last invoice number, e.g. AB10000049.</param>
public sealed record InvoiceRangeView(long Id, string Period, string Track, long From, long To, int Size, string First, string Last, string? RegisterId = null);

/// <summary>Assign a block of numbers to a register. With From and To: exactly that block. Without: the next
/// <paramref name="Size"/> free numbers (default 50) of the period's registered ranges (of <paramref name="Track"/> when given).</summary>
public sealed record AssignInvoiceBlockRequest(string Period, string? Track = null, string? From = null, string? To = null, int? Size = null);

/// <summary>What a register did with its numbers, per block.</summary>
public sealed record RegisterInvoicesView(string RegisterId, IReadOnlyList<BlockUsageView> Blocks, IReadOnlyList<InvoiceFlagView> Flags);

/// <param name="Used">Numbers issued with an order (and not voided).</param>
/// <param name="Voided">Numbers voided (burnt, or voided after issue).</param>
/// <param name="Blank">Runs of numbers never used or voided (what E0402 would report if the period closed now).</param>
/// <param name="Gaps">Numbers skipped inside the used part of the block: blank but below the highest used or voided number.</param>
public sealed record BlockUsageView(
    InvoiceRangeView Block,
    IReadOnlyList<string> Used,
    IReadOnlyList<string> Voided,
    IReadOnlyList<NumberRunView> Blank,
    IReadOnlyList<string> Gaps);

public sealed record NumberRunView(string First, string Last, int Count);

/// <param name="Kind">duplicateUse, outsideBlock or malformed.</param>
public sealed record InvoiceFlagView(string Number, string Kind, Guid? OrderId, string Detail, DateTimeOffset FlaggedAt);

/// <summary>An issued invoice not yet on the MOF platform, with the instant its upload window closes.</summary>
public sealed record InvoiceDeadlineView(
    string Number,
    string StoreId,
    string RegisterId,
    Guid OrderId,
    DateTimeOffset IssuedAt,
    bool IsB2B,
    bool Voided,
    DateTimeOffset Deadline,
    bool Overdue);

public sealed record PlatformUploadView(string Number, DateTimeOffset UploadedToPlatformAt);

/// <summary>The E0402 (blank numbers) documents of a closed period, one per track.</summary>
public sealed record E0402View(string Period, IReadOnlyList<E0402Document> Documents);

public sealed record E0402Document(string Track, IReadOnlyList<NumberRunView> Blank, string Xml);
