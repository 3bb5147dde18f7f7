namespace PosCloud.Contracts.Batches;

/// <summary>A register's upload of offline orders. BatchId and every OrderId are made by the agent.</summary>
/// <param name="Returns">Returns and cancels made at the register (additive; optional), each exactly once by its ReturnId.</param>
public sealed record UploadBatchRequest(
    Guid BatchId,
    string StoreId,
    string RegisterId,
    IReadOnlyList<OfflineOrder> Orders,
    IReadOnlyList<OfflineReturn>? Returns = null);

/// <summary>One sale as the register recorded it while offline.</summary>
/// <param name="LocalNumber">The register's own sequence number of this sale (1, 2, 3 …, no gaps).</param>
/// <param name="PreviousHash">Hash of the register's previous sale, so the cloud can notice a missing one. Optional.</param>
/// <param name="VoidedInvoiceNumbers">
/// E-invoice numbers the register burnt since its previous sale (a failed print, a cancelled checkout) and
/// kept as voided, never reused. Sent with the next sale so they ride its exactly-once upload. Optional.
/// </param>
/// <param name="ApprovedBy">
/// Who approved a sale above the register's offline cap: a manager's staff id, or "store-manager-pin" for the
/// store-wide PIN. At most 64 characters. Optional (null: no approval was needed).
/// </param>
public sealed record OfflineOrder(
    Guid OrderId,
    long LocalNumber,
    DateTimeOffset SoldAt,
    string StaffId,
    string? CustomerPhone,
    IReadOnlyList<OfflineOrderLine> Lines,
    IReadOnlyList<OfflinePayment> Payments,
    decimal Total,
    OfflineInvoice? Invoice = null,
    string? PreviousHash = null,
    string? Hash = null,
    IReadOnlyList<string>? VoidedInvoiceNumbers = null,
    string? ApprovedBy = null);

/// <param name="Name">The name the clerk saw or typed; the catalog's name replaces it in the cloud.</param>
/// <param name="UnitPrice">The price typed by hand: what the customer was charged per unit.</param>
/// <param name="PriceSource">Where the agent's name and price came from: "catalog" (cached snapshot) or "typed".</param>
public sealed record OfflineOrderLine(
    string Sku,
    string? Name,
    LineType Type,
    decimal Quantity,
    decimal UnitPrice,
    string? PriceSource = null,
    string? SnapshotVersion = null);

public sealed record OfflinePayment(string Method, decimal Amount, string? Reference = null);

/// <summary>The Taiwan e-invoice the register issued offline for this sale.</summary>
/// <param name="Items">
/// The invoice as printed (proof, detail slip and QR codes): each item's description, quantity, unit price, amount and
/// tax type, in printed order. The cloud builds F0401 from these, never from names reconciled later (an F0401 that
/// differs from what was printed is 未據實傳輸). Optional for registers that predate it (then the order's lines are used).
/// At most <see cref="Invoices.InvoiceLimits.MaxItems"/> items.
/// </param>
/// <param name="SalesAmount">Sales before tax as printed (B2B, 格式 25); null when the tax was not separated (B2C).</param>
/// <param name="TaxAmount">Tax as printed (0 for B2C).</param>
/// <param name="TotalAmount">Total with tax as printed (whole NT$).</param>
/// <param name="SellerTaxId">賣方 as printed on the proof and in its QR code (the store's own 統一編號 or the business's);
/// null from registers before seller-per-store: the cloud then takes the store's seller from master data.</param>
/// <param name="SellerName">The seller name printed (1–60 characters); null as above.</param>
public sealed record OfflineInvoice(
    string Number,
    DateTimeOffset IssuedAt,
    string RandomCode,
    string? BuyerTaxId = null,
    string? CarrierType = null,
    string? CarrierId = null,
    string? DonationCode = null,
    IReadOnlyList<OfflineInvoiceItem>? Items = null,
    long? SalesAmount = null,
    long? TaxAmount = null,
    long? TotalAmount = null,
    string? SellerTaxId = null,
    string? SellerName = null);

/// <summary>One item as printed on the invoice.</summary>
/// <param name="Description">The name printed (what the clerk saw or typed), 1–<see cref="Invoices.InvoiceLimits.MaxItemDescriptionLength"/> characters.</param>
/// <param name="TaxType">MIG TaxType: "1" taxable (應稅), "2" zero-rated, "3" exempt.</param>
public sealed record OfflineInvoiceItem(
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    string TaxType = "1");
