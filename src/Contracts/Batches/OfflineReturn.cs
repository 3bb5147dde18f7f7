namespace PosCloud.Contracts.Batches;

/// <summary>
/// A return (退貨) or cancel (作廢) made at a register, uploaded in the same batch as sales and exactly once by its
/// <paramref name="ReturnId"/>. It names the original sale; the cloud links it to that sale even when the return
/// arrives first. The invoice change it produced travels with it: a cancelled invoice, a replacement invoice for the
/// kept items, or an allowance (折讓).
/// </summary>
/// <param name="ReturnId">Made by the agent; the same id sent twice is one return.</param>
/// <param name="OrderId">The original sale (any register or store of the business).</param>
/// <param name="LocalNumber">The register's own sequence number of this return (1, 2, 3 …).</param>
/// <param name="ReturnedAt">When the register recorded it (Asia/Taipei offset as sent).</param>
/// <param name="StaffId">The clerk who took the return.</param>
/// <param name="Reason">Why, as chosen or typed (1–<see cref="Limits.ContractLimits.ReturnReasonMaxLength"/> characters).</param>
/// <param name="Lines">What came back: lines of the original sale and quantities (at least one).</param>
/// <param name="Refunds">Money paid back, per method (cash, card with its reference …).</param>
/// <param name="RefundTotal">Sum of the refunds.</param>
/// <param name="ApprovedBy">The manager who approved it (staff id or "store-manager-pin"); null when none was needed.</param>
/// <param name="OriginalInvoicePeriod">The original sale's invoice period (e.g. "11512"), when it had an invoice.</param>
/// <param name="OriginalInvoiceNumber">The original sale's invoice number, when it had an invoice.</param>
/// <param name="CancelledInvoice">The invoice cancelled (作廢, F0501) by this return; null when none.</param>
/// <param name="ReplacementInvoice">A new invoice issued for the kept items of a partial return (printed); null when none.</param>
/// <param name="Allowance">An allowance (折讓, G0401) issued instead of a cancel; null when none.</param>
/// <param name="CancelledAllowance">The return's allowance was cancelled (作廢折讓, G0501) and the return undone (additive,
/// optional). The register sends the return again with it; the cloud, which already has the return, answers the return
/// Duplicate and stores the cancel exactly once by its CancelId (result in <see cref="ReturnUploadResult.AllowanceCancel"/>).</param>
public sealed record OfflineReturn(
    Guid ReturnId,
    Guid OrderId,
    long LocalNumber,
    DateTimeOffset ReturnedAt,
    string StaffId,
    string Reason,
    IReadOnlyList<OfflineReturnLine> Lines,
    IReadOnlyList<OfflinePayment> Refunds,
    decimal RefundTotal,
    string? ApprovedBy = null,
    string? OriginalInvoicePeriod = null,
    string? OriginalInvoiceNumber = null,
    OfflineInvoiceCancel? CancelledInvoice = null,
    OfflineInvoice? ReplacementInvoice = null,
    OfflineAllowance? Allowance = null,
    OfflineAllowanceCancel? CancelledAllowance = null);

/// <summary>One returned line of the original sale.</summary>
/// <param name="LineIndex">0-based index of the line in the original order's <c>lines</c> (the same SKU may appear twice).</param>
/// <param name="Sku">The line's SKU as sold (a check on <paramref name="LineIndex"/>).</param>
/// <param name="Quantity">How many came back (&gt; 0, at most what is left of that line).</param>
/// <param name="Amount">What is refunded for them (the line's charged unit price × quantity, whole NT$).</param>
public sealed record OfflineReturnLine(int LineIndex, string Sku, decimal Quantity, decimal Amount);

/// <summary>An invoice cancelled (作廢) by a return; it becomes an F0501.</summary>
/// <param name="Reason">CancelReason, 1–20 characters.</param>
/// <param name="InvoiceIssuedAt">When the cancelled invoice was issued (F0501 InvoiceDate; additive, optional: the cloud
/// takes it from the stored invoice when it has it, so a register should send it for a sale of another register).</param>
/// <param name="BuyerTaxId">The cancelled invoice's buyer 統一編號 (F0501 BuyerId; additive, optional, null for B2C).</param>
public sealed record OfflineInvoiceCancel(
    string Period,
    string Number,
    DateTimeOffset CancelledAt,
    string Reason,
    DateTimeOffset? InvoiceIssuedAt = null,
    string? BuyerTaxId = null);

/// <summary>An allowance (折讓) issued by the seller for a return after filing (or for a buyer with a tax id); it becomes a G0401.</summary>
/// <param name="Number">The allowance number the register made, 1–16 characters, unique in the business.</param>
/// <param name="OriginalIssuedAt">When the original invoice was issued (G0401 OriginalInvoiceDate).</param>
/// <param name="TaxAmount">Tax of the allowance (whole NT$; 0 when the tax is not separated).</param>
/// <param name="TotalAmount">The allowance before tax (whole NT$).</param>
/// <param name="BuyerConsent">How the buyer agreed: "signed" (paper 折讓證明單) or "electronic" (B2C, recorded at the counter).</param>
public sealed record OfflineAllowance(
    string Number,
    DateTimeOffset IssuedAt,
    string OriginalPeriod,
    string OriginalNumber,
    DateTimeOffset OriginalIssuedAt,
    IReadOnlyList<OfflineAllowanceItem> Items,
    long TaxAmount,
    long TotalAmount,
    string? BuyerTaxId = null,
    string BuyerConsent = "signed");

/// <param name="OriginalSequence">The item's 1-based SequenceNumber on the original invoice.</param>
/// <param name="Description">The original item's description as printed.</param>
/// <param name="Amount">Net amount allowed for this item.</param>
/// <param name="Tax">Tax of this item (whole NT$).</param>
public sealed record OfflineAllowanceItem(
    int OriginalSequence,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    long Tax,
    string TaxType = "1");

/// <summary>
/// An allowance cancelled at the register (作廢折讓, G0501) because it was issued by mistake: the return it belonged to
/// is undone (its quantities can be returned again) and the refund was taken back from the buyer. Allowed until the
/// allowance's own period is filed (see the agent's AllowanceCancelRules).
/// </summary>
/// <param name="CancelId">Made by the register; the same id sent twice is one cancel.</param>
/// <param name="AllowanceNumber">The allowance cancelled: must be the return's <see cref="OfflineReturn.Allowance"/> number.</param>
/// <param name="CancelledAt">When (G0501 CancelDate / CancelTime).</param>
/// <param name="Reason">CancelReason, 1–20 characters.</param>
/// <param name="ApprovedBy">The manager who approved it (always required).</param>
/// <param name="RefundTakenBack">What the buyer paid back of the refund (whole NT$; 0 when the money never left).</param>
public sealed record OfflineAllowanceCancel(
    Guid CancelId,
    string AllowanceNumber,
    DateTimeOffset CancelledAt,
    string StaffId,
    string Reason,
    string ApprovedBy,
    decimal RefundTakenBack);
