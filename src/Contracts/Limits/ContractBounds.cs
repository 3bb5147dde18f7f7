using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Catalog;
using PosCloud.Contracts.Orders;

namespace PosCloud.Contracts.Limits;

/// <summary>The bound of one field as the OpenAPI document states it (JSON Schema keywords).</summary>
/// <param name="MultipleOf">Decimals as JSON Schema says them: 0.01 = at most 2 decimals.</param>
/// <param name="Note">What JSON Schema cannot say (a date window), appended to the field's description.</param>
public sealed record FieldBound(
    int? MinLength = null,
    int? MaxLength = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    bool ExclusiveMinimum = false,
    decimal? MultipleOf = null,
    string? Pattern = null,
    int? MinItems = null,
    int? MaxItems = null,
    string? Note = null);

/// <summary>
/// <see cref="ContractLimits"/> per contract field (camelCase JSON names), for the OpenAPI document. The
/// validators use the same constants; a test checks that every bound here is also enforced.
/// </summary>
public static class ContractBounds
{
    private static FieldBound Text(int max, int min = 0) => new(MinLength: min == 0 ? null : min, MaxLength: max);
    private static FieldBound Money(decimal max) => new(Minimum: 0, Maximum: max, MultipleOf: 0.01m);
    private const string DateNote = $"Not before {ContractLimits.EarliestDateText}, nor ahead of the cloud's clock by more than Upload:ClockSkewAllowance (10 minutes by default).";

    public static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<string, FieldBound>> ByType = new Dictionary<Type, IReadOnlyDictionary<string, FieldBound>>
    {
        [typeof(UploadBatchRequest)] = new Dictionary<string, FieldBound>
        {
            ["storeId"] = Text(ContractLimits.StoreIdMaxLength, 1),
            ["registerId"] = Text(ContractLimits.RegisterIdMaxLength, 1),
            // At least one order or one return (a batch of returns only has orders: []).
            ["orders"] = new(MaxItems: ContractLimits.MaxOrdersPerBatch),
            ["returns"] = new(MaxItems: ContractLimits.MaxReturnsPerBatch),
        },
        [typeof(OfflineReturn)] = new Dictionary<string, FieldBound>
        {
            ["localNumber"] = new(Minimum: 1, Maximum: ContractLimits.MaxLocalNumber),
            ["returnedAt"] = new(Note: DateNote),
            ["staffId"] = Text(ContractLimits.StaffIdMaxLength, 1),
            ["reason"] = Text(ContractLimits.ReturnReasonMaxLength, 1),
            ["lines"] = new(MinItems: 1, MaxItems: ContractLimits.MaxLinesPerOrder),
            ["refunds"] = new(MaxItems: ContractLimits.MaxPaymentsPerOrder),
            ["refundTotal"] = Money(ContractLimits.MaxAmount),
            ["approvedBy"] = Text(ContractLimits.ApprovedByMaxLength),
            ["originalInvoicePeriod"] = Text(ContractLimits.InvoiceNumberMaxLength),
            ["originalInvoiceNumber"] = Text(ContractLimits.InvoiceNumberMaxLength),
        },
        [typeof(OfflineReturnLine)] = new Dictionary<string, FieldBound>
        {
            ["lineIndex"] = new(Minimum: 0, Maximum: ContractLimits.MaxLinesPerOrder - 1),
            ["sku"] = new(MinLength: 1, MaxLength: ContractLimits.SkuMaxLength, Pattern: ContractLimits.SkuPattern),
            ["quantity"] = new(Minimum: 0, ExclusiveMinimum: true, Maximum: ContractLimits.MaxQuantity, MultipleOf: 0.001m),
            ["amount"] = Money(ContractLimits.MaxAmount),
        },
        [typeof(OfflineInvoiceCancel)] = new Dictionary<string, FieldBound>
        {
            ["period"] = Text(5, 1),
            ["number"] = Text(ContractLimits.InvoiceNumberMaxLength, 1),
            ["cancelledAt"] = new(Note: DateNote),
            ["reason"] = Text(ContractLimits.CancelReasonMaxLength, 1),
            ["buyerTaxId"] = Text(8),
        },
        [typeof(OfflineAllowance)] = new Dictionary<string, FieldBound>
        {
            ["number"] = Text(ContractLimits.AllowanceNumberMaxLength, 1),
            ["issuedAt"] = new(Note: DateNote),
            ["originalPeriod"] = Text(5, 1),
            ["originalNumber"] = new(Pattern: "^[A-Z]{2}[0-9]{8}$"),
            ["buyerTaxId"] = Text(8),
            ["items"] = new(MinItems: 1, MaxItems: Invoices.InvoiceLimits.MaxItems),
        },
        [typeof(OfflineAllowanceCancel)] = new Dictionary<string, FieldBound>
        {
            ["allowanceNumber"] = Text(ContractLimits.AllowanceNumberMaxLength, 1),
            ["cancelledAt"] = new(Note: DateNote),
            ["staffId"] = Text(ContractLimits.StaffIdMaxLength, 1),
            ["reason"] = Text(ContractLimits.CancelReasonMaxLength, 1),
            ["approvedBy"] = Text(ContractLimits.ApprovedByMaxLength, 1),
            ["refundTakenBack"] = Money(ContractLimits.MaxAmount),
        },
        [typeof(OfflineOrder)] = new Dictionary<string, FieldBound>
        {
            ["localNumber"] = new(Minimum: 1, Maximum: ContractLimits.MaxLocalNumber),
            ["soldAt"] = new(Note: DateNote),
            ["staffId"] = Text(ContractLimits.StaffIdMaxLength, 1),
            ["customerPhone"] = Text(ContractLimits.CustomerPhoneMaxLength),
            ["approvedBy"] = Text(ContractLimits.ApprovedByMaxLength),
            ["lines"] = new(MinItems: 1, MaxItems: ContractLimits.MaxLinesPerOrder),
            ["payments"] = new(MaxItems: ContractLimits.MaxPaymentsPerOrder),
            ["total"] = Money(ContractLimits.MaxAmount),
            ["previousHash"] = Text(ContractLimits.HashMaxLength),
            ["hash"] = Text(ContractLimits.HashMaxLength),
            ["voidedInvoiceNumbers"] = new(MaxItems: ContractLimits.MaxVoidedInvoiceNumbers),
        },
        [typeof(OfflineOrderLine)] = new Dictionary<string, FieldBound>
        {
            ["sku"] = new(MinLength: 1, MaxLength: ContractLimits.SkuMaxLength, Pattern: ContractLimits.SkuPattern),
            ["name"] = Text(ContractLimits.LineNameMaxLength),
            ["quantity"] = new(Minimum: 0, ExclusiveMinimum: true, Maximum: ContractLimits.MaxQuantity, MultipleOf: 0.001m),
            ["unitPrice"] = Money(ContractLimits.MaxUnitPrice),
            ["priceSource"] = Text(ContractLimits.PriceSourceMaxLength),
            ["snapshotVersion"] = Text(ContractLimits.SnapshotVersionMaxLength),
        },
        [typeof(OfflinePayment)] = new Dictionary<string, FieldBound>
        {
            ["method"] = Text(ContractLimits.PaymentMethodMaxLength, 1),
            ["amount"] = Money(ContractLimits.MaxAmount),
            ["reference"] = Text(ContractLimits.PaymentReferenceMaxLength),
        },
        [typeof(OfflineInvoice)] = new Dictionary<string, FieldBound>
        {
            ["number"] = Text(ContractLimits.InvoiceNumberMaxLength, 1),
            ["issuedAt"] = new(Note: DateNote),
            ["randomCode"] = Text(ContractLimits.InvoiceCodeMaxLength),
            ["buyerTaxId"] = Text(ContractLimits.InvoiceCodeMaxLength),
            ["carrierType"] = Text(ContractLimits.InvoiceCodeMaxLength),
            ["carrierId"] = Text(ContractLimits.InvoiceCodeMaxLength),
            ["donationCode"] = Text(ContractLimits.InvoiceCodeMaxLength),
            ["sellerTaxId"] = Text(ContractLimits.SellerTaxIdMaxLength),
            ["sellerName"] = Text(ContractLimits.SellerNameMaxLength),
        },
        [typeof(ProductUpsert)] = new Dictionary<string, FieldBound>
        {
            ["sku"] = new(MinLength: 1, MaxLength: ContractLimits.SkuMaxLength, Pattern: ContractLimits.SkuPattern),
            ["name"] = Text(ContractLimits.ProductNameMaxLength, 1),
            ["listPrice"] = Money(ContractLimits.MaxUnitPrice),
            ["addOnPrice"] = Money(ContractLimits.MaxUnitPrice),
            ["barcode"] = new(Pattern: @"^\s*(\d{13})?\s*$"),
            ["category"] = Text(ContractLimits.ProductCategoryMaxLength),
        },
        [typeof(OrderStatusRequest)] = new Dictionary<string, FieldBound>
        {
            ["ids"] = new(MinItems: 1, MaxItems: ContractLimits.MaxStatusIds),
        },
    };

    /// <summary>Query parameters by name, as every endpoint that takes them checks them.</summary>
    public static readonly IReadOnlyDictionary<string, FieldBound> QueryParameters = new Dictionary<string, FieldBound>
    {
        ["page"] = new(Minimum: 1, Maximum: ContractLimits.MaxPageNumber),
        ["pageSize"] = new(Minimum: 1, Maximum: ContractLimits.MaxPageSize),
    };
}
