namespace PosCloud.Contracts.Limits;

/// <summary>
/// Every bound of the upload and catalog contracts, in one place. The cloud's validators enforce them,
/// the database columns are sized from them (a column is never narrower than its bound), and the OpenAPI
/// document states them, so a value that passes validation always fits its column on every provider.
/// Money bounds are chosen so that no product of them can overflow numeric(18,2): a line's
/// <c>MaxQuantity × MaxUnitPrice</c> and an override's difference stay below 10^12.
/// </summary>
public static class ContractLimits
{
    // Identifiers
    public const int StoreIdMaxLength = 20;
    public const int RegisterIdMaxLength = 30;
    public const int StaffIdMaxLength = 64;
    public const int SkuMaxLength = 64;

    // Catalog
    public const int ProductNameMaxLength = 200;
    public const int ProductCategoryMaxLength = 200;

    // Free text the register sends
    public const int LineNameMaxLength = 200;
    public const int CustomerPhoneMaxLength = 30;
    public const int HashMaxLength = 128;
    public const int PriceSourceMaxLength = 20;
    public const int SnapshotVersionMaxLength = 100;
    public const int PaymentMethodMaxLength = 30;
    public const int PaymentReferenceMaxLength = 100;
    /// <summary>Who approved a sale above the cap: a staff id or <c>store-manager-pin</c>.</summary>
    public const int ApprovedByMaxLength = 64;

    // E-invoice fields: anything malformed but within these is stored as a flag, never rejects the sale.
    public const int InvoiceNumberMaxLength = 40;
    public const int InvoiceCodeMaxLength = 64;
    /// <summary>A seller's 統一編號 (8 digits) and its name (MIG Seller/Name ≤ 60): the IssuedInvoices and Stores columns.</summary>
    public const int SellerTaxIdMaxLength = 8;
    public const int SellerNameMaxLength = 60;
    public const int MaxVoidedInvoiceNumbers = 100;

    // Returns (OfflineReturn)
    public const int ReturnReasonMaxLength = 100;
    /// <summary>MIG CancelReason is 1–20 characters.</summary>
    public const int CancelReasonMaxLength = 20;
    /// <summary>MIG AllowanceNumber is 1–16 characters.</summary>
    public const int AllowanceNumberMaxLength = 16;
    public const int MaxReturnsPerBatch = 500;

    // Counts
    public const int MaxOrdersPerBatch = 500;
    public const int MaxLinesPerOrder = 200;
    public const int MaxPaymentsPerOrder = 20;

    // Numbers
    /// <summary>A register's sale counter; far above any real register's life, far below long's range.</summary>
    public const long MaxLocalNumber = 1_000_000_000;
    public const int QuantityDecimals = 3;
    public const int MoneyDecimals = 2;
    public const decimal MaxQuantity = 9_999m;
    /// <summary>Unit prices the register sends and the catalog's list and add-on prices.</summary>
    public const decimal MaxUnitPrice = 10_000_000m;
    /// <summary>An order's total and a payment's amount: MaxLinesPerOrder × MaxQuantity × MaxUnitPrice would still fit numeric(18,2).</summary>
    public const decimal MaxAmount = 100_000_000_000m;

    // Dates
    /// <summary>No sale or invoice of this system is older than this (catches 0001-01-01 and 1900).</summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const string EarliestDateText = "2000-01-01T00:00:00Z";

    // Queries
    public const int MaxPageNumber = 100_000;
    public const int MaxPageSize = 200;
    public const int MaxStatusIds = 500;

    // Patterns (OpenAPI)
    /// <summary>Printable, non-blank SKU (control characters refused).</summary>
    public const string SkuPattern = @"^[^\p{Cc}]*\S[^\p{Cc}]*$";
}
