namespace PosCloud.Contracts.Stores;

/// <summary>
/// What a register needs to sell with no network: staff, customers, catalog and its invoice number
/// blocks. Served with an ETag; <see cref="Version"/> is that ETag's value, recorded on each line.
/// </summary>
/// <param name="SellerTaxId">The store's own 統一編號 when it issues invoices under its own id; null: the business's
/// (the register's Invoicing:SellerId).</param>
/// <param name="SellerName">The seller name printed on the store's proofs (branch name); null: the business's.</param>
public sealed record StoreSnapshot(
    string StoreId,
    string StoreName,
    string Version,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<SnapshotStaff> Staff,
    IReadOnlyList<SnapshotCustomer> Customers,
    IReadOnlyList<SnapshotProduct> Catalog,
    IReadOnlyList<SnapshotInvoiceRange> InvoiceRanges,
    string? SellerTaxId = null,
    string? SellerName = null);

public sealed record SnapshotStaff(string StaffId, string Name, string Role);

public sealed record SnapshotCustomer(string CustomerId, string Name, string Phone, string? MemberLevel);

/// <param name="ListPrice">The price in force now (the agent cannot know future changes).</param>
public sealed record SnapshotProduct(
    string Sku,
    string? Barcode,
    string Name,
    decimal ListPrice,
    decimal? AddOnPrice,
    bool GiftEligible,
    bool Active);

/// <summary>A block of e-invoice numbers assigned to one register for one two-month period.</summary>
/// <param name="Period">ROC year + even end month, e.g. 11512 for Nov–Dec 2026.</param>
/// <param name="Track">字軌, two upper-case letters.</param>
/// <param name="From">First 8-digit number of the block (inclusive).</param>
/// <param name="To">Last 8-digit number of the block (inclusive).</param>
public sealed record SnapshotInvoiceRange(
    string RegisterId,
    string Period,
    string Track,
    long From,
    long To);
