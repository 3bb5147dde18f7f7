namespace PosCloud.Contracts.Orders;

/// <summary>
/// A sale as another store's register needs it to take it back (GET /api/v1/returnable-sales/{period}/{number}): only
/// what a return uses. Never the customer's phone, the staff who sold it, a carrier's id or a full card reference.
/// </summary>
/// <param name="StoreName">The selling store's name, shown at the counter (「此交易來自 台北西門店」).</param>
/// <param name="Total">What the sale charged.</param>
/// <param name="NetTotal">Total minus the refunds of the returns the cloud took back.</param>
/// <param name="Status">The sale's reconciliation status in the cloud.</param>
/// <param name="Invoice">The invoice scanned or typed: the sale's original, or the replacement an earlier return issued.</param>
/// <param name="Returns">Earlier returns of this sale at any register, oldest first (a refused over-return is left out: it took nothing back).</param>
public sealed record ReturnableSaleView(
    Guid OrderId,
    string StoreId,
    string StoreName,
    string RegisterId,
    long LocalNumber,
    DateTimeOffset SoldAt,
    decimal Total,
    decimal NetTotal,
    OrderStatus Status,
    IReadOnlyList<ReturnableLineView> Lines,
    IReadOnlyList<ReturnablePaymentView> Payments,
    ReturnableInvoiceView Invoice,
    IReadOnlyList<ReturnableEarlierReturnView> Returns);

/// <param name="LineIndex">0-based, as <see cref="Batches.OfflineReturnLine.LineIndex"/> names it.</param>
/// <param name="Name">The name the register printed (typed), else the catalog's.</param>
/// <param name="ChargedUnitPrice">What the customer paid per unit (a 店長改價 included).</param>
/// <param name="ReturnedQuantity">Taken back by returns the cloud reconciled, plus those still waiting to be.</param>
/// <param name="NetAmount">(Quantity − ReturnedQuantity) × ChargedUnitPrice.</param>
public sealed record ReturnableLineView(
    int LineIndex,
    string Sku,
    string? Name,
    LineType Type,
    decimal Quantity,
    decimal ChargedUnitPrice,
    decimal ReturnedQuantity,
    decimal NetAmount);

/// <param name="ReferenceLast4">At most the last 4 characters of a card payment's reference, enough to match the card at
/// the terminal; never more of it.</param>
public sealed record ReturnablePaymentView(string Method, decimal Amount, string? ReferenceLast4);

/// <param name="IssuedAt">F0501 InvoiceDate / G0401 OriginalInvoiceDate.</param>
/// <param name="BuyerTaxId">The company buyer's 統一編號 printed on it; null for a consumer.</param>
/// <param name="CarrierType">The carrier kind (e.g. 3J0002 mobile barcode) when the proof was not printed; never the carrier's id.</param>
/// <param name="DonationCode">The charity's public 愛心碼 when donated (no paper proof exists; a replacement invoice is donated to it too).</param>
/// <param name="Voided">Already cancelled (作廢): it can no longer be returned against.</param>
/// <param name="SellerTaxId">The seller as printed on the proof (the store's own 統一編號 or the business's).</param>
/// <param name="SellerName">The seller's name as printed.</param>
public sealed record ReturnableInvoiceView(
    string Period,
    string Number,
    DateTimeOffset IssuedAt,
    string? BuyerTaxId,
    string? CarrierType,
    string? DonationCode,
    bool Voided,
    string SellerTaxId,
    string SellerName);

/// <param name="Lines">What came back, by line index.</param>
/// <param name="InvoiceOutcome">"cancelled", "cancelledAndReissued", "allowance" or "none".</param>
/// <param name="OriginalInvoiceNumber">The invoice the return was taken against (an allowance counts on that invoice).</param>
public sealed record ReturnableEarlierReturnView(
    Guid ReturnId,
    string StoreId,
    DateTimeOffset ReturnedAt,
    IReadOnlyList<ReturnedLineView> Lines,
    string InvoiceOutcome,
    string? OriginalInvoiceNumber,
    string? AllowanceNumber,
    OrderStatus Status);

public sealed record ReturnedLineView(int LineIndex, decimal Quantity);
