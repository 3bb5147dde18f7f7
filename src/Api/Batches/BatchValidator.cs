using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;

namespace PosCloud.Api.Batches;

/// <summary>
/// Limits and allowances of an upload (section "Upload"). Each may be set lower than the contract's
/// bound (<see cref="ContractLimits"/>), never higher: the contract's bounds are what the columns hold.
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Upload";
    public int MaxOrdersPerBatch { get; set; } = ContractLimits.MaxOrdersPerBatch;
    public int MaxReturnsPerBatch { get; set; } = ContractLimits.MaxReturnsPerBatch;
    /// <summary>The largest upload body accepted, in bytes (413 above it).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;
    public int MaxLinesPerOrder { get; set; } = ContractLimits.MaxLinesPerOrder;
    public decimal MaxQuantity { get; set; } = ContractLimits.MaxQuantity;
    public decimal MaxUnitPrice { get; set; } = ContractLimits.MaxUnitPrice;
    /// <summary>How far a register's clock may run ahead of the cloud's.</summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Start-up check: a setting above the contract's bound would let values through that the columns cannot hold.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxOrdersPerBatch is < 1 or > ContractLimits.MaxOrdersPerBatch) yield return $"Upload:MaxOrdersPerBatch must be 1–{ContractLimits.MaxOrdersPerBatch}.";
        if (MaxReturnsPerBatch is < 1 or > ContractLimits.MaxReturnsPerBatch) yield return $"Upload:MaxReturnsPerBatch must be 1–{ContractLimits.MaxReturnsPerBatch}.";
        if (MaxLinesPerOrder is < 1 or > ContractLimits.MaxLinesPerOrder) yield return $"Upload:MaxLinesPerOrder must be 1–{ContractLimits.MaxLinesPerOrder}.";
        if (MaxQuantity is <= 0 or > ContractLimits.MaxQuantity) yield return $"Upload:MaxQuantity must be above 0 and at most {ContractLimits.MaxQuantity}.";
        if (MaxUnitPrice is <= 0 or > ContractLimits.MaxUnitPrice) yield return $"Upload:MaxUnitPrice must be above 0 and at most {ContractLimits.MaxUnitPrice}.";
        if (ClockSkewAllowance < TimeSpan.Zero || ClockSkewAllowance > TimeSpan.FromDays(1)) yield return "Upload:ClockSkewAllowance must be 0 to 1 day.";
    }
}

/// <summary>
/// Per-order validation as a pure function: every reason an order is wrong, named by its JSON path,
/// so one bad order never holds back the good ones of its batch. Every string and number is checked
/// against <see cref="ContractLimits"/>, so nothing reaches a column it does not fit, on any provider.
/// </summary>
public static class BatchValidator
{
    public static IReadOnlyList<FieldError> ValidateOrder(
        OfflineOrder order, int index, UploadLimits limits, DateTimeOffset now, IReadOnlySet<string> storeStaff, ISet<Guid> seenInBatch)
    {
        var errors = new List<FieldError>();
        var at = $"orders[{index}]";
        void Add(string field, string message) => errors.Add(new FieldError($"{at}.{field}", message));
        var latest = now + limits.ClockSkewAllowance;

        if (order.OrderId == Guid.Empty) Add("orderId", "orderId is required (a UUID made by the register).");
        else if (!seenInBatch.Add(order.OrderId)) Add("orderId", $"orderId {order.OrderId} appears more than once in this batch.");
        if (order.LocalNumber is < 1 or > ContractLimits.MaxLocalNumber) Add("localNumber", $"localNumber must be 1 to {ContractLimits.MaxLocalNumber}.");
        if (order.SoldAt == default) Add("soldAt", "soldAt is required.");
        else CheckDate(order.SoldAt, "soldAt", latest, limits, Add);
        if (string.IsNullOrWhiteSpace(order.StaffId)) Add("staffId", "staffId is required.");
        else if (order.StaffId.Length > ContractLimits.StaffIdMaxLength) Add("staffId", AtMost(ContractLimits.StaffIdMaxLength));
        else if (!storeStaff.Contains(order.StaffId)) Add("staffId", $"staff {order.StaffId} does not belong to this store.");
        CheckText(order.CustomerPhone, "customerPhone", ContractLimits.CustomerPhoneMaxLength, Add);
        CheckText(order.Hash, "hash", ContractLimits.HashMaxLength, Add);
        CheckText(order.PreviousHash, "previousHash", ContractLimits.HashMaxLength, Add);
        CheckText(order.ApprovedBy, "approvedBy", ContractLimits.ApprovedByMaxLength, Add);
        if (order.ApprovedBy is { } approver && approver.Any(char.IsControl)) Add("approvedBy", "approvedBy must be printable characters.");

        var lines = order.Lines ?? [];
        if (lines.Count == 0) Add("lines", "An order needs at least one line.");
        if (lines.Count > limits.MaxLinesPerOrder) Add("lines", $"An order may have at most {limits.MaxLinesPerOrder} lines; this one has {lines.Count}.");
        else for (var i = 0; i < lines.Count; i++) CheckLine(lines[i], $"lines[{i}]", limits, Add);

        var payments = order.Payments ?? [];
        if (payments.Count > ContractLimits.MaxPaymentsPerOrder) Add("payments", $"An order may have at most {ContractLimits.MaxPaymentsPerOrder} payments; this one has {payments.Count}.");
        else for (var i = 0; i < payments.Count; i++)
        {
            var p = $"payments[{i}]";
            if (payments[i] is not { } payment) { Add(p, "A payment is null."); continue; }
            if (string.IsNullOrWhiteSpace(payment.Method)) Add($"{p}.method", "method is required.");
            else CheckText(payment.Method, $"{p}.method", ContractLimits.PaymentMethodMaxLength, Add);
            CheckText(payment.Reference, $"{p}.reference", ContractLimits.PaymentReferenceMaxLength, Add);
            CheckNumber(payment.Amount, $"{p}.amount", 0, ContractLimits.MaxAmount, ContractLimits.MoneyDecimals, Add);
        }
        CheckNumber(order.Total, "total", 0, ContractLimits.MaxAmount, ContractLimits.MoneyDecimals, Add);
        CheckInvoice(order, latest, limits, Add);

        if (errors.Count == 0)
        {
            // Safe from overflow: every term is bounded above (MaxLinesPerOrder × MaxQuantity × MaxUnitPrice ≪ decimal.MaxValue).
            var linesTotal = lines.Sum(x => x.Quantity * x.UnitPrice);
            var paid = payments.Sum(x => x.Amount);
            if (Math.Abs(linesTotal - order.Total) > 0.01m)
                Add("total", $"total {order.Total} does not equal the sum of the lines ({linesTotal}).");
            if (Math.Abs(paid - order.Total) > 0.01m)
                Add("payments", $"payments add up to {paid}, not the total {order.Total}.");
        }
        return errors;
    }

    private static void CheckLine(OfflineOrderLine? line, string l, UploadLimits limits, Action<string, string> add)
    {
        if (line is null) { add(l, "A line is null."); return; }
        if (string.IsNullOrWhiteSpace(line.Sku)) add($"{l}.sku", "sku is required.");
        else if (line.Sku.Trim().Length > ContractLimits.SkuMaxLength || line.Sku.Any(char.IsControl))
            add($"{l}.sku", $"sku must be at most {ContractLimits.SkuMaxLength} printable characters.");
        CheckText(line.Name, $"{l}.name", ContractLimits.LineNameMaxLength, add);
        CheckText(line.PriceSource, $"{l}.priceSource", ContractLimits.PriceSourceMaxLength, add);
        CheckText(line.SnapshotVersion, $"{l}.snapshotVersion", ContractLimits.SnapshotVersionMaxLength, add);
        if (!Enum.IsDefined(line.Type)) add($"{l}.type", "type must be regular, addOn or gift.");
        if (line.Quantity <= 0) add($"{l}.quantity", "quantity must be greater than 0.");
        else CheckNumber(line.Quantity, $"{l}.quantity", 0, limits.MaxQuantity, ContractLimits.QuantityDecimals, add);
        CheckNumber(line.UnitPrice, $"{l}.unitPrice", 0, limits.MaxUnitPrice, ContractLimits.MoneyDecimals, add);
    }

    private static void CheckInvoice(OfflineOrder order, DateTimeOffset latest, UploadLimits limits, Action<string, string> add)
    {
        if (order.Invoice is { } invoice)
        {
            // Malformed numbers and codes are flagged, not rejected (InvoiceIntake); only what no column could hold is refused here.
            if (invoice.Number is null) add("invoice.number", "invoice.number is required when invoice is sent.");
            else CheckText(invoice.Number, "invoice.number", ContractLimits.InvoiceNumberMaxLength, add);
            if (invoice.IssuedAt == default) add("invoice.issuedAt", "invoice.issuedAt is required.");
            else CheckDate(invoice.IssuedAt, "invoice.issuedAt", latest, limits, add);
            CheckText(invoice.RandomCode, "invoice.randomCode", ContractLimits.InvoiceCodeMaxLength, add);
            CheckText(invoice.BuyerTaxId, "invoice.buyerTaxId", ContractLimits.InvoiceCodeMaxLength, add);
            CheckText(invoice.CarrierType, "invoice.carrierType", ContractLimits.InvoiceCodeMaxLength, add);
            CheckText(invoice.CarrierId, "invoice.carrierId", ContractLimits.InvoiceCodeMaxLength, add);
            CheckText(invoice.DonationCode, "invoice.donationCode", ContractLimits.InvoiceCodeMaxLength, add);
            CheckText(invoice.SellerTaxId, "invoice.sellerTaxId", ContractLimits.SellerTaxIdMaxLength, add);
            CheckText(invoice.SellerName, "invoice.sellerName", ContractLimits.SellerNameMaxLength, add);
        }
        var voided = order.VoidedInvoiceNumbers ?? [];
        if (voided.Count > ContractLimits.MaxVoidedInvoiceNumbers)
            add("voidedInvoiceNumbers", $"At most {ContractLimits.MaxVoidedInvoiceNumbers} voided numbers per sale; this one has {voided.Count}.");
        else for (var i = 0; i < voided.Count; i++)
            CheckText(voided[i], $"voidedInvoiceNumbers[{i}]", ContractLimits.InvoiceNumberMaxLength, add);
    }

    private static void CheckDate(DateTimeOffset value, string field, DateTimeOffset latest, UploadLimits limits, Action<string, string> add)
    {
        if (value < ContractLimits.EarliestDate)
            add(field, $"{Name(field)} {value:O} is before {ContractLimits.EarliestDateText}.");
        else if (value > latest)
            add(field, $"{Name(field)} {value:O} is in the future (more than {limits.ClockSkewAllowance.TotalMinutes:0} minutes ahead of the cloud's clock).");
    }

    private static void CheckText(string? value, string field, int maxLength, Action<string, string> add)
    {
        if (value is null) return;
        if (value.Length > maxLength) add(field, AtMost(maxLength));
        else if (value.Contains('\0')) add(field, $"{Name(field)} must not contain NUL characters.");
    }

    private static void CheckNumber(decimal value, string field, decimal min, decimal max, int decimals, Action<string, string> add)
    {
        if (value < min) add(field, $"{Name(field)} must not be negative.");
        else if (value > max) add(field, $"{Name(field)} must be at most {max}.");
        else if (decimal.Round(value, decimals) != value) add(field, $"{Name(field)} may have at most {decimals} decimals.");
    }

    private static string AtMost(int max) => $"at most {max} characters";
    private static string Name(string field) => field.Split('.')[^1];
}
