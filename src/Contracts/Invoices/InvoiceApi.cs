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
/// <param name="Period">The period of the flagged use (a number is an invoice only within its period); null when it could not be placed.</param>
public sealed record InvoiceFlagView(string Number, string Kind, Guid? OrderId, string Detail, DateTimeOffset FlaggedAt, string? Period = null);

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
    bool Overdue,
    string? Period = null);

public sealed record PlatformUploadView(string Number, DateTimeOffset UploadedToPlatformAt, string? Period = null);

/// <summary>The E0402 (blank numbers) documents of a closed period, one per track.</summary>
/// <param name="DueBy">When the E0402 must be on the platform: the end of the 10th day after the next period starts (Taiwan).</param>
public sealed record E0402View(string Period, IReadOnlyList<E0402Document> Documents, DateTimeOffset? DueBy = null);

/// <summary>
/// One issued (or voided) invoice, identified by its period and number, with the invoice as issued: the items as
/// printed on the proof and in its QR codes, which is what F0401 carries.
/// </summary>
/// <param name="AsIssued">True when the register sent the printed items; false for older registers (F0401 then uses the typed names).</param>
/// <param name="Deadline">When it must be on the MOF platform (end of issue day + 2 for B2C, + 7 for B2B, Taiwan days).</param>
/// <param name="PlatformState">Where its F0401 is on the way to the platform (<see cref="PlatformMessageView.State"/>); null when it owes none (a voided-only number).</param>
/// <param name="PlatformResultCode">The platform's or Turnkey's code once known (00000 uploaded; 7001 refused by Turnkey's XML check; E… refused by the platform).</param>
/// <param name="PlatformResultText">The text that came with the code.</param>
/// <param name="PlatformMessageId">The F0401 message (GET /api/v1/platform-messages/{id}; HQ resends it after a correction).</param>
public sealed record InvoiceView(
    string Period,
    string Number,
    string StoreId,
    string RegisterId,
    Guid? OrderId,
    DateTimeOffset IssuedAt,
    string? RandomCode,
    string? BuyerTaxId,
    bool IsB2B,
    string? CarrierType,
    string? CarrierId,
    string? DonationCode,
    decimal Total,
    long? SalesAmount,
    long? TaxAmount,
    bool Voided,
    DateTimeOffset? Deadline,
    DateTimeOffset? UploadedToPlatformAt,
    bool AsIssued,
    IReadOnlyList<InvoiceItemView> Items,
    string? PlatformState = null,
    string? PlatformResultCode = null,
    string? PlatformResultText = null,
    long? PlatformMessageId = null);

/// <param name="Sequence">1-based; the F0401 SequenceNumber.</param>
/// <param name="TaxType">MIG TaxType: 1 taxable, 2 zero-rated, 3 exempt.</param>
public sealed record InvoiceItemView(int Sequence, string Description, decimal Quantity, decimal UnitPrice, decimal Amount, string TaxType);

/// <param name="BranchBan">The seller the blank numbers belong to (BranchBan): a store's own 統一編號 when the numbers were
/// assigned to its registers, else the business's (HeadBan). Null from clouds before seller-per-store.</param>
public sealed record E0402Document(string Track, IReadOnlyList<NumberRunView> Blank, string Xml, string? BranchBan = null);

/// <summary>
/// One message owed to the MOF platform (F0401 issue, F0501 cancel, G0401 allowance, G0501 cancelled allowance, E0402
/// blank numbers) and where its delivery through Turnkey stands.
/// </summary>
/// <param name="DocumentNumber">The invoice number (F0401/F0501), allowance number (G0401/G0501) or track (E0402).</param>
/// <param name="State">Pending (not yet handed to Turnkey), HandedOver (a file in Turnkey's folders, verdict awaited),
/// Uploaded (the platform answered 00000) or Error (see ResultCode/ResultText; HQ corrects and resends).</param>
/// <param name="Overdue">Not uploaded and past DueAt.</param>
/// <param name="Attempts">How many times it was handed to Turnkey.</param>
public sealed record PlatformMessageView(
    long Id,
    string Kind,
    string Period,
    string DocumentNumber,
    string? StoreId,
    string State,
    DateTimeOffset DueAt,
    bool Overdue,
    int Attempts,
    string? FileName,
    DateTimeOffset? HandedOverAt,
    string? ResultCode,
    string? ResultText,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset CreatedAt);
