using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>What the cloud may say is wrong with an invoice number that arrived with an order.</summary>
public static class InvoiceFlagKinds
{
    /// <summary>The number was already issued or voided in the same period (by this or another register, earlier or earlier in the same batch).</summary>
    public const string DuplicateUse = "duplicateUse";
    /// <summary>The number is not in any block assigned to the register for the invoice's period.</summary>
    public const string OutsideBlock = "outsideBlock";
    /// <summary>Not ^[A-Z]{2}\d{8}$ (or a random code that is not 4 digits): nothing can be stored for it.</summary>
    public const string Malformed = "malformed";
}

/// <summary>The identity of an invoice: tracks repeat from period to period, so a number alone is not enough.</summary>
public readonly record struct InvoiceKey(string Period, string Number)
{
    public override string ToString() => $"{Period}/{Number}";
}

/// <summary>
/// Decides, as a pure function, what the accepted sales of one upload do to the invoice numbers:
/// which (period, number) pairs become issued or voided rows and which problems are flagged. Never rejects a sale.
/// A number used again in the same period is a duplicate use; the same number in another period is another invoice.
/// The caller (<see cref="IssuedInvoiceRecorder"/>) reads the stored pairs and writes the steps.
/// </summary>
public static class InvoiceIntake
{
    /// <summary>A (period, number) already stored.</summary>
    public sealed record Known(InvoiceKey Key, string RegisterId, Guid? OrderId, bool Voided);

    public abstract record Step(OfflineOrder Sale);
    /// <summary>Store the sale's invoice as issued.</summary>
    public sealed record Issue(OfflineOrder Sale, InvoiceNumber Number, InvoicePeriod Period) : Step(Sale);
    /// <summary>Store a number the register burnt (never issued to a buyer).</summary>
    public sealed record VoidNew(OfflineOrder Sale, InvoiceNumber Number, InvoicePeriod Period) : Step(Sale);
    /// <summary>Mark an already stored invoice of this register voided.</summary>
    public sealed record VoidExisting(OfflineOrder Sale, InvoiceKey Key) : Step(Sale);
    /// <param name="Period">The period the flagged use belongs to; null when the number cannot be placed.</param>
    public sealed record Flag(OfflineOrder Sale, string Number, string Kind, string Detail, string? Period = null) : Step(Sale);

    /// <param name="sales">The accepted sales in upload order; for each, its voided numbers come before its invoice.</param>
    /// <param name="stored">Stored rows for the numbers these sales mention (any period).</param>
    /// <param name="registerBlocks">Every block assigned to the uploading register.</param>
    public static IReadOnlyList<Step> Decide(
        string registerId,
        IEnumerable<OfflineOrder> sales,
        IReadOnlyDictionary<InvoiceKey, Known> stored,
        IReadOnlyList<InvoiceRange> registerBlocks)
    {
        var known = new Dictionary<InvoiceKey, Known>(stored);
        var steps = new List<Step>();
        foreach (var sale in sales)
        {
            var salePeriod = InvoicePeriod.Of(TaiwanTime.Local(sale.SoldAt));
            foreach (var text in sale.VoidedInvoiceNumbers ?? [])
            {
                if (!InvoiceNumber.TryParse(text, out var voided))
                {
                    steps.Add(new Flag(sale, text ?? "", InvoiceFlagKinds.Malformed, $"Voided number '{text}' is not ^[A-Z]{{2}}\\d{{8}}$; ignored."));
                    continue;
                }
                var number = voided.Value;
                // A burnt number has no issue time of its own: its period is that of the register's block holding it,
                // the sale's period first (the demo gives the same track in two periods), else the sale's period.
                var block = registerBlocks.FirstOrDefault(b => b.Period == salePeriod && b.Contains(number))
                            ?? registerBlocks.Where(b => b.Contains(number)).OrderByDescending(b => b.Period.Code, StringComparer.Ordinal).FirstOrDefault();
                var period = block?.Period ?? salePeriod;
                var key = new InvoiceKey(period.Code, text!);
                if (known.TryGetValue(key, out var k))
                {
                    if (k.RegisterId != registerId)
                        steps.Add(new Flag(sale, text!, InvoiceFlagKinds.DuplicateUse, $"{text} (period {period.Code}) was reported voided by {registerId} but belongs to register {k.RegisterId}{Of(k)}; left as it was.", period.Code));
                    else if (!k.Voided)
                    {
                        steps.Add(new VoidExisting(sale, key));
                        known[key] = k with { Voided = true };
                    }
                    continue;
                }
                if (block is null)
                    steps.Add(new Flag(sale, text!, InvoiceFlagKinds.OutsideBlock, $"Voided number {text} is in no block assigned to {registerId}.", period.Code));
                steps.Add(new VoidNew(sale, number, period));
                known[key] = new Known(key, registerId, null, true);
            }

            if (sale.Invoice is not { } invoice) continue;
            if (!InvoiceNumber.TryParse(invoice.Number, out var parsed))
            {
                steps.Add(new Flag(sale, invoice.Number ?? "", InvoiceFlagKinds.Malformed, $"Invoice number '{invoice.Number}' is not ^[A-Z]{{2}}\\d{{8}}$; the order is accepted without an invoice record."));
                continue;
            }
            var n = parsed.Value;
            var issuedPeriod = InvoicePeriod.Of(TaiwanTime.Local(invoice.IssuedAt));
            var id = new InvoiceKey(issuedPeriod.Code, n.ToString());
            if (known.TryGetValue(id, out var first))
            {
                steps.Add(new Flag(sale, id.Number, InvoiceFlagKinds.DuplicateUse,
                    $"{id.Number} was already {(first.Voided && first.OrderId is null ? "voided" : "issued")} in period {id.Period} by register {first.RegisterId}{Of(first)}; order {sale.OrderId} is accepted but its invoice is not stored a second time.",
                    id.Period));
                continue;
            }
            if (NumberRangeRules.BlockOf(n, issuedPeriod, registerBlocks) is null)
            {
                var other = registerBlocks.FirstOrDefault(b => b.Contains(n));
                steps.Add(new Flag(sale, id.Number, InvoiceFlagKinds.OutsideBlock, other is null
                    ? $"{id.Number} (period {issuedPeriod.Code}) is in no block assigned to {registerId}."
                    : $"{id.Number} is in {registerId}'s block {other} of period {other.Period.Code}, but was issued in period {issuedPeriod.Code}.",
                    id.Period));
            }
            foreach (var problem in FieldProblems(invoice))
                steps.Add(new Flag(sale, id.Number, InvoiceFlagKinds.Malformed, problem, id.Period));
            steps.Add(new Issue(sale, n, issuedPeriod));
            known[id] = new Known(id, registerId, sale.OrderId, false);
        }
        return steps;
    }

    /// <summary>Format problems of the invoice's other fields (the number itself is fine). The MOF platform would refuse these.</summary>
    public static IEnumerable<string> FieldProblems(OfflineInvoice invoice)
    {
        if (!RandomCode.IsValid(invoice.RandomCode))
            yield return $"Random code '{invoice.RandomCode}' is not 4 digits.";
        if (invoice.BuyerTaxId == TaxId.ConsumerZeros)
            yield return "Buyer tax id 00000000 is the consumer placeholder, not a company's 統一編號; stored as a B2C invoice.";
        else if (invoice.BuyerTaxId is { } ban && !TaxId.IsValid(ban, DateOnly.FromDateTime(TaiwanTime.Local(invoice.IssuedAt))))
            yield return $"Buyer tax id '{ban}' is not 8 digits with a valid checksum.";
        if (invoice.DonationCode is { } npoban && !BuyerCodes.IsDonationCode(npoban))
            yield return $"Donation code '{npoban}' is not 3–7 digits.";
        if (invoice.SellerTaxId is { } seller && !TaxId.IsValid(seller, TaxIdRule.DivisibleBy5))
            yield return $"Seller tax id '{seller}' is not 8 digits with a valid checksum; the store's seller from master data is used.";
        if (invoice.CarrierId is { Length: > IssuedInvoiceRecorder.MaxCarrierIdLength } || invoice.CarrierType is { Length: > IssuedInvoiceRecorder.MaxCarrierTypeLength })
            yield return "Carrier type or id is too long to be a carrier; not stored.";
    }

    /// <summary>
    /// Field errors of the invoice as issued (items and totals), named by JSON path. These are the storage's bounds
    /// (<see cref="InvoiceLimits"/>): an order that breaks them is refused like any other bad field, so a stored
    /// invoice can always be written to F0401 exactly as printed.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateAsIssued(OfflineOrder order, int index)
    {
        var errors = new List<FieldError>();
        if (order.Invoice is not { } invoice) return errors;
        var at = $"orders[{index}].invoice";
        void Add(string field, string message) => errors.Add(new FieldError($"{at}.{field}", message));
        void Money(decimal? value, string field)
        {
            if (value is not { } v) return;
            if (v < 0) Add(field, $"{field} must not be negative.");
            else if (v > InvoiceLimits.MaxItemValue) Add(field, $"{field} must be at most {InvoiceLimits.MaxItemValue}.");
            else if (decimal.Round(v, 7) != v) Add(field, $"{field} has at most 7 decimals (MIG decimal 20,7).");
        }
        if (invoice.Items is { } items)
        {
            if (items.Count == 0) Add("items", "An invoice as issued has at least one item (F0401 needs 1–9999 ProductItems).");
            if (items.Count > InvoiceLimits.MaxItems) Add("items", $"An invoice may have at most {InvoiceLimits.MaxItems} items; this one has {items.Count}.");
            for (var i = 0; i < Math.Min(items.Count, InvoiceLimits.MaxItems + 1); i++)
            {
                var item = items[i];
                var f = $"items[{i}]";
                if (item is null) { Add(f, "An item is null."); continue; }
                if (string.IsNullOrWhiteSpace(item.Description)) Add($"{f}.description", "description is required (the name printed on the invoice).");
                else if (item.Description.Length > InvoiceLimits.MaxItemDescriptionLength) Add($"{f}.description", $"description must be at most {InvoiceLimits.MaxItemDescriptionLength} characters.");
                Money(item.Quantity, $"{f}.quantity");
                Money(item.UnitPrice, $"{f}.unitPrice");
                Money(item.Amount, $"{f}.amount");
                if (item.TaxType is null || !InvoiceLimits.TaxTypes.Contains(item.TaxType)) Add($"{f}.taxType", "taxType must be \"1\" (taxable), \"2\" (zero-rated) or \"3\" (exempt).");
            }
        }
        foreach (var (value, name) in new[] { (invoice.SalesAmount, "salesAmount"), (invoice.TaxAmount, "taxAmount"), (invoice.TotalAmount, "totalAmount") })
            if (value is < 0 or > InvoiceLimits.MaxTotal) Add(name, $"{name} must be between 0 and {InvoiceLimits.MaxTotal}.");
        if (invoice.TotalAmount is { } total && total != order.Total) Add("totalAmount", $"totalAmount {total} differs from the order's total {order.Total}.");
        if (invoice is { SalesAmount: { } sales, TaxAmount: { } tax, TotalAmount: { } sum } && sales + tax != sum)
            Add("totalAmount", $"salesAmount {sales} + taxAmount {tax} is not totalAmount {sum}.");
        return errors;
    }

    private static string Of(Known k) => k.OrderId is { } id ? $" (order {id})" : "";
}
