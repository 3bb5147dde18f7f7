namespace PosCloud.Core.Invoices;

/// <summary>
/// A range of e-invoice numbers the business received from the MOF platform for one two-month period
/// (E0501: period, track, begin, end). Blocks (<see cref="Stores.InvoiceBlock"/>) are cut from it for registers.
/// </summary>
public sealed class InvoiceNumberRange
{
    public long Id { get; init; }
    /// <summary>ROC year + even end month, e.g. "11512".</summary>
    public required string Period { get; init; }
    public required string Track { get; init; }
    public long From { get; init; }
    public long To { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>
/// One invoice number a register accounted for: issued with an order (OrderId set) or voided (burnt by a
/// failed print, or voided after issue). Tracks repeat from period to period, so an invoice is identified by
/// (Period, Number): that pair is the primary key, a pair is never stored twice, and a second use within the
/// period is an <see cref="InvoiceFlag"/> on the second order instead. The same number in another period is
/// another invoice.
/// </summary>
public sealed class IssuedInvoice
{
    /// <summary>Track + 8 digits, e.g. AB12345678.</summary>
    public required string Number { get; init; }
    public required string Period { get; init; }
    public required string Track { get; init; }
    public long Serial { get; init; }
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    /// <summary>The order that issued it; null for a number only reported as voided.</summary>
    public Guid? OrderId { get; init; }
    /// <summary>When the register issued it (or, for a number only reported voided, the sale that reported it).</summary>
    public DateTimeOffset IssuedAt { get; init; }
    public string? RandomCode { get; init; }
    public string? BuyerTaxId { get; init; }
    public string? CarrierType { get; init; }
    public string? CarrierId { get; init; }
    public string? DonationCode { get; init; }
    public decimal Total { get; init; }
    /// <summary>賣方 as printed on the proof and in its QR code; null when the register did not send it (older agents):
    /// F0401 then takes the store's seller from master data.</summary>
    public string? SellerTaxId { get; init; }
    /// <summary>The seller name as printed (with <see cref="SellerTaxId"/>).</summary>
    public string? SellerName { get; init; }
    /// <summary>Sales amount before tax as printed (B2B); null when the proof did not separate the tax (B2C).</summary>
    public long? SalesAmount { get; init; }
    /// <summary>Tax as printed (0 for B2C).</summary>
    public long? TaxAmount { get; init; }
    /// <summary>True when the register sent the invoice as printed (items and totals); F0401 is built only from those.</summary>
    public bool AsIssued { get; init; }
    /// <summary>The items as printed on the proof and encoded in its QR codes, in printed order (empty for a voided-only number).</summary>
    public List<IssuedInvoiceItem> Items { get; init; } = [];
    public bool Voided { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    /// <summary>When it must be on the MOF platform (UploadDeadline.For); null for a number never issued to a buyer.</summary>
    public DateTimeOffset? UploadDeadline { get; init; }
    /// <summary>Set by the platform adapter once the F0401 is sent.</summary>
    public DateTimeOffset? UploadedToPlatformAt { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// One item of an invoice as the register printed it: the description the clerk saw or typed, never a name
/// corrected later by reconciliation (an F0401 that differs from the proof is 未據實傳輸).
/// </summary>
public sealed class IssuedInvoiceItem
{
    public required string Period { get; init; }
    public required string Number { get; init; }
    /// <summary>1-based, the F0401 SequenceNumber.</summary>
    public int Sequence { get; init; }
    public required string Description { get; init; }
    public decimal Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal Amount { get; init; }
    /// <summary>MIG TaxType: 1 taxable, 2 zero-rated, 3 exempt.</summary>
    public required string TaxType { get; init; }
}

/// <summary>
/// A problem noticed when an order's invoice arrived (duplicateUse, outsideBlock, malformed). The order
/// is accepted all the same: a sale is never rejected for its invoice number. Written in the same
/// transaction as the order, whose primary key makes it exactly once.
/// </summary>
public sealed class InvoiceFlag
{
    public long Id { get; init; }
    public required string Number { get; init; }
    /// <summary>The period the flagged use belongs to; null for a number too malformed to place.</summary>
    public string? Period { get; init; }
    public required string Kind { get; init; }
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    public Guid? OrderId { get; init; }
    public required string Detail { get; init; }
    public DateTimeOffset FlaggedAt { get; init; }
}
