using PosCloud.Api.Batches;
using PosCloud.Api.Invoices;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Contracts.Limits;

namespace PosCloud.Api.Returns;

/// <summary>
/// Per-return validation as a pure function: every reason a return is wrong, named by its JSON path
/// (<c>returns[2].lines[0].quantity</c>), so one bad return never holds back the orders or the other returns of its
/// batch. The bounds are the columns' (<see cref="ContractLimits"/>, <see cref="InvoiceLimits"/>). Whether the lines
/// fit the original sale (SKU, quantity left, amount) is the worker's decision: the original may not be here yet.
/// </summary>
public static class ReturnValidator
{
    private static readonly string[] AllowanceTaxTypes = ["1", "2", "3", "4", "9"];

    public static IReadOnlyList<FieldError> Validate(
        OfflineReturn r, int index, UploadLimits limits, DateTimeOffset now, IReadOnlySet<string> storeStaff, ISet<Guid> seenInBatch)
    {
        var errors = new List<FieldError>();
        var at = $"returns[{index}]";
        void Add(string field, string message) => errors.Add(new FieldError($"{at}.{field}", message));
        var latest = now + limits.ClockSkewAllowance;

        if (r.ReturnId == Guid.Empty) Add("returnId", "returnId is required (a UUID made by the register).");
        else if (!seenInBatch.Add(r.ReturnId)) Add("returnId", $"returnId {r.ReturnId} appears more than once in this batch.");
        if (r.OrderId == Guid.Empty) Add("orderId", "orderId of the original sale is required.");
        if (r.LocalNumber is < 1 or > ContractLimits.MaxLocalNumber) Add("localNumber", $"localNumber must be 1 to {ContractLimits.MaxLocalNumber}.");
        Date(r.ReturnedAt, "returnedAt", latest, Add);
        if (string.IsNullOrWhiteSpace(r.StaffId)) Add("staffId", "staffId is required.");
        else if (r.StaffId.Length > ContractLimits.StaffIdMaxLength) Add("staffId", AtMost(ContractLimits.StaffIdMaxLength));
        else if (!storeStaff.Contains(r.StaffId)) Add("staffId", $"staff {r.StaffId} does not belong to this store.");
        if (string.IsNullOrWhiteSpace(r.Reason)) Add("reason", "reason is required.");
        else Text(r.Reason, "reason", ContractLimits.ReturnReasonMaxLength, Add);
        Text(r.ApprovedBy, "approvedBy", ContractLimits.ApprovedByMaxLength, Add);
        Text(r.OriginalInvoicePeriod, "originalInvoicePeriod", ContractLimits.InvoiceNumberMaxLength, Add);
        Text(r.OriginalInvoiceNumber, "originalInvoiceNumber", ContractLimits.InvoiceNumberMaxLength, Add);

        var lines = r.Lines ?? [];
        if (lines.Count == 0) Add("lines", "A return needs at least one line.");
        else if (lines.Count > limits.MaxLinesPerOrder) Add("lines", $"A return may have at most {limits.MaxLinesPerOrder} lines; this one has {lines.Count}.");
        else
        {
            var indexes = new HashSet<int>();
            for (var i = 0; i < lines.Count; i++)
            {
                var l = $"lines[{i}]";
                if (lines[i] is not { } line) { Add(l, "A line is null."); continue; }
                if (line.LineIndex is < 0 || line.LineIndex >= ContractLimits.MaxLinesPerOrder)
                    Add($"{l}.lineIndex", $"lineIndex must be 0 to {ContractLimits.MaxLinesPerOrder - 1} (a line of the original sale).");
                else if (!indexes.Add(line.LineIndex)) Add($"{l}.lineIndex", $"line {line.LineIndex} of the original appears more than once; send its quantities as one line.");
                if (string.IsNullOrWhiteSpace(line.Sku)) Add($"{l}.sku", "sku is required.");
                else if (line.Sku.Trim().Length > ContractLimits.SkuMaxLength || line.Sku.Any(char.IsControl))
                    Add($"{l}.sku", $"sku must be at most {ContractLimits.SkuMaxLength} printable characters.");
                if (line.Quantity <= 0) Add($"{l}.quantity", "quantity must be greater than 0.");
                else Number(line.Quantity, $"{l}.quantity", limits.MaxQuantity, ContractLimits.QuantityDecimals, Add);
                Number(line.Amount, $"{l}.amount", ContractLimits.MaxAmount, ContractLimits.MoneyDecimals, Add);
            }
        }

        var refunds = r.Refunds ?? [];
        if (refunds.Count > ContractLimits.MaxPaymentsPerOrder) Add("refunds", $"A return may have at most {ContractLimits.MaxPaymentsPerOrder} refunds; this one has {refunds.Count}.");
        else for (var i = 0; i < refunds.Count; i++)
        {
            var p = $"refunds[{i}]";
            if (refunds[i] is not { } refund) { Add(p, "A refund is null."); continue; }
            if (string.IsNullOrWhiteSpace(refund.Method)) Add($"{p}.method", "method is required.");
            else Text(refund.Method, $"{p}.method", ContractLimits.PaymentMethodMaxLength, Add);
            Text(refund.Reference, $"{p}.reference", ContractLimits.PaymentReferenceMaxLength, Add);
            Number(refund.Amount, $"{p}.amount", ContractLimits.MaxAmount, ContractLimits.MoneyDecimals, Add);
        }
        Number(r.RefundTotal, "refundTotal", ContractLimits.MaxAmount, ContractLimits.MoneyDecimals, Add);
        if (errors.Count == 0 && Math.Abs(refunds.Sum(x => x.Amount) - r.RefundTotal) > 0.01m)
            Add("refunds", $"refunds add up to {refunds.Sum(x => x.Amount)}, not the refundTotal {r.RefundTotal}.");

        var changes = (r.CancelledInvoice is null ? 0 : 1) + (r.Allowance is null ? 0 : 1);
        if (changes > 1) Add("allowance", "A return either cancels the invoice or issues an allowance, not both.");
        if (r.ReplacementInvoice is not null && r.CancelledInvoice is null)
            Add("replacementInvoice", "A replacement invoice comes with the cancel of the original (cancelledInvoice).");
        if (r.CancelledInvoice is { } cancel) CheckCancel(cancel, latest, Add);
        if (r.ReplacementInvoice is { } replacement) CheckReplacement(replacement, index, latest, Add, errors);
        if (r.Allowance is { } allowance) CheckAllowance(allowance, latest, Add);
        return errors;
    }

    private static void CheckCancel(OfflineInvoiceCancel c, DateTimeOffset latest, Action<string, string> add)
    {
        const string at = "cancelledInvoice";
        Required(c.Period, $"{at}.period", 5, add);
        Required(c.Number, $"{at}.number", ContractLimits.InvoiceNumberMaxLength, add);
        Date(c.CancelledAt, $"{at}.cancelledAt", latest, add);
        if (c.InvoiceIssuedAt is { } issued) Date(issued, $"{at}.invoiceIssuedAt", latest, add);
        Text(c.BuyerTaxId, $"{at}.buyerTaxId", 8, add);
        // MIG CancelReason is 1–20 characters: longer would make an F0501 the platform refuses.
        Required(c.Reason, $"{at}.reason", ContractLimits.CancelReasonMaxLength, add);
    }

    private static void CheckReplacement(OfflineInvoice invoice, int index, DateTimeOffset latest, Action<string, string> add, List<FieldError> errors)
    {
        const string at = "replacementInvoice";
        Required(invoice.Number, $"{at}.number", ContractLimits.InvoiceNumberMaxLength, add);
        Date(invoice.IssuedAt, $"{at}.issuedAt", latest, add);
        Text(invoice.RandomCode, $"{at}.randomCode", ContractLimits.InvoiceCodeMaxLength, add);
        Text(invoice.BuyerTaxId, $"{at}.buyerTaxId", ContractLimits.InvoiceCodeMaxLength, add);
        Text(invoice.CarrierType, $"{at}.carrierType", ContractLimits.InvoiceCodeMaxLength, add);
        Text(invoice.CarrierId, $"{at}.carrierId", ContractLimits.InvoiceCodeMaxLength, add);
        Text(invoice.DonationCode, $"{at}.donationCode", ContractLimits.InvoiceCodeMaxLength, add);
        // The printed items and totals have the issued invoice's bounds (the same check as a sale's invoice).
        var asSale = ReplacementAsSale(Guid.Empty, invoice, DateTimeOffset.UnixEpoch, "");
        errors.AddRange(InvoiceIntake.ValidateAsIssued(asSale, 0)
            .Select(e => e with { Field = $"returns[{index}].{at}" + e.Field["orders[0].invoice".Length..] }));
    }

    private static void CheckAllowance(OfflineAllowance a, DateTimeOffset latest, Action<string, string> add)
    {
        const string at = "allowance";
        Required(a.Number, $"{at}.number", ContractLimits.AllowanceNumberMaxLength, add);
        if (a.Number is { } n && n.Any(char.IsControl)) add($"{at}.number", "number must be printable characters.");
        Date(a.IssuedAt, $"{at}.issuedAt", latest, add);
        Date(a.OriginalIssuedAt, $"{at}.originalIssuedAt", latest, add);
        Required(a.OriginalPeriod, $"{at}.originalPeriod", 5, add);
        if (!Invoicing.Numbers.InvoiceNumber.IsValid(a.OriginalNumber)) add($"{at}.originalNumber", "originalNumber must be an invoice number (two letters and 8 digits).");
        Text(a.BuyerTaxId, $"{at}.buyerTaxId", 8, add);
        if (a.BuyerConsent is not ("signed" or "electronic")) add($"{at}.buyerConsent", "buyerConsent must be \"signed\" or \"electronic\".");
        if (a.TaxAmount is < 0 or > InvoiceLimits.MaxTotal) add($"{at}.taxAmount", $"taxAmount must be 0 to {InvoiceLimits.MaxTotal}.");
        if (a.TotalAmount is < 0 or > InvoiceLimits.MaxTotal) add($"{at}.totalAmount", $"totalAmount must be 0 to {InvoiceLimits.MaxTotal}.");
        var items = a.Items ?? [];
        if (items.Count == 0) add($"{at}.items", "An allowance has at least one item (G0401 needs 1–9999).");
        else if (items.Count > InvoiceLimits.MaxItems) add($"{at}.items", $"An allowance may have at most {InvoiceLimits.MaxItems} items.");
        else for (var i = 0; i < items.Count; i++)
        {
            var f = $"{at}.items[{i}]";
            if (items[i] is not { } item) { add(f, "An item is null."); continue; }
            if (item.OriginalSequence is < 1 or > 9999) add($"{f}.originalSequence", "originalSequence must be 1 to 9999.");
            Required(item.Description, $"{f}.description", InvoiceLimits.MaxItemDescriptionLength, add);
            foreach (var (value, name) in new[] { (item.Quantity, "quantity"), (item.UnitPrice, "unitPrice"), (item.Amount, "amount") })
                if (value < 0 || value > InvoiceLimits.MaxItemValue || decimal.Round(value, 7) != value)
                    add($"{f}.{name}", $"{name} must be 0 to {InvoiceLimits.MaxItemValue} with at most 7 decimals.");
            if (item.Tax is < 0 or > InvoiceLimits.MaxTotal) add($"{f}.tax", $"tax must be 0 to {InvoiceLimits.MaxTotal}.");
            if (!AllowanceTaxTypes.Contains(item.TaxType)) add($"{f}.taxType", "taxType must be 1, 2, 3, 4 or 9.");
        }
    }

    /// <summary>
    /// An allowance cancel (作廢折讓) riding on a return, every problem named from <c>returns[i].cancelledAllowance</c>.
    /// <paramref name="allowanceNumber"/> is the return's allowance as stored (or as sent, for a return new in this
    /// batch); null when the return has none, so there is nothing to cancel.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateAllowanceCancel(OfflineReturn r, int index, string? allowanceNumber, UploadLimits limits,
        DateTimeOffset now, IReadOnlySet<string> storeStaff)
    {
        var errors = new List<FieldError>();
        var c = r.CancelledAllowance!;
        var at = $"returns[{index}].cancelledAllowance";
        void Add(string field, string message) => errors.Add(new FieldError($"{at}.{field}", message));
        if (c.CancelId == Guid.Empty) Add("cancelId", "cancelId is required (a UUID made by the register).");
        Required(c.AllowanceNumber, "allowanceNumber", ContractLimits.AllowanceNumberMaxLength, Add);
        if (allowanceNumber is null)
            Add("allowanceNumber", $"Return {r.ReturnId} issued no allowance: there is no allowance to cancel.");
        else if (c.AllowanceNumber is { } n && n != allowanceNumber)
            Add("allowanceNumber", $"Allowance {n} is not this return's (its allowance is {allowanceNumber}).");
        else if (r.Allowance?.Number != allowanceNumber)
            errors.Add(new FieldError($"returns[{index}].allowance", "The return's allowance must be sent with its cancel (the G0501 needs its date and buyer)."));
        Date(c.CancelledAt, "cancelledAt", now + limits.ClockSkewAllowance, Add);
        if (r.Allowance is { } a && c.CancelledAt != default && c.CancelledAt < a.IssuedAt) Add("cancelledAt", "cancelledAt is before the allowance was issued.");
        if (string.IsNullOrWhiteSpace(c.StaffId)) Add("staffId", "staffId is required.");
        else if (c.StaffId.Length > ContractLimits.StaffIdMaxLength) Add("staffId", AtMost(ContractLimits.StaffIdMaxLength));
        else if (!storeStaff.Contains(c.StaffId)) Add("staffId", $"staff {c.StaffId} does not belong to this store.");
        // MIG CancelReason is 1–20 characters.
        Required(c.Reason, "reason", ContractLimits.CancelReasonMaxLength, Add);
        Required(c.ApprovedBy, "approvedBy", ContractLimits.ApprovedByMaxLength, Add);
        Number(c.RefundTakenBack, "refundTakenBack", Math.Min(ContractLimits.MaxAmount, r.RefundTotal), 2, Add);
        return errors;
    }

    /// <summary>The replacement invoice seen as a sale of the original order, so the invoice intake and its checks apply unchanged.</summary>
    public static OfflineOrder ReplacementAsSale(Guid orderId, OfflineInvoice invoice, DateTimeOffset at, string staffId) => new(
        orderId, 1, at, staffId, null, [], [],
        invoice.TotalAmount ?? (invoice.Items ?? []).Sum(i => i?.Amount ?? 0), invoice);

    private static void Required(string? value, string field, int max, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value)) add(field, $"{Name(field)} is required.");
        else Text(value, field, max, add);
    }

    private static void Date(DateTimeOffset value, string field, DateTimeOffset latest, Action<string, string> add)
    {
        if (value == default) add(field, $"{Name(field)} is required.");
        else if (value < ContractLimits.EarliestDate) add(field, $"{Name(field)} {value:O} is before {ContractLimits.EarliestDateText}.");
        else if (value > latest) add(field, $"{Name(field)} {value:O} is in the future.");
    }

    private static void Text(string? value, string field, int maxLength, Action<string, string> add)
    {
        if (value is null) return;
        if (value.Length > maxLength) add(field, AtMost(maxLength));
        else if (value.Contains('\0')) add(field, $"{Name(field)} must not contain NUL characters.");
    }

    private static void Number(decimal value, string field, decimal max, int decimals, Action<string, string> add)
    {
        if (value < 0) add(field, $"{Name(field)} must not be negative.");
        else if (value > max) add(field, $"{Name(field)} must be at most {max}.");
        else if (decimal.Round(value, decimals) != value) add(field, $"{Name(field)} may have at most {decimals} decimals.");
    }

    private static string AtMost(int max) => $"at most {max} characters";
    private static string Name(string field) => field.Split('.')[^1];
}
