namespace PosCloud.Contracts.Batches;

/// <summary>A register's upload of offline orders. BatchId and every OrderId are made by the agent.</summary>
public sealed record UploadBatchRequest(
    Guid BatchId,
    string StoreId,
    string RegisterId,
    IReadOnlyList<OfflineOrder> Orders);

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
public sealed record OfflineInvoice(
    string Number,
    DateTimeOffset IssuedAt,
    string RandomCode,
    string? BuyerTaxId = null,
    string? CarrierType = null,
    string? CarrierId = null,
    string? DonationCode = null);
