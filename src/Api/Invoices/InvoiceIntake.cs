using PosCloud.Contracts.Batches;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>What the cloud may say is wrong with an invoice number that arrived with an order.</summary>
public static class InvoiceFlagKinds
{
    /// <summary>The number was already issued or voided (by this or another register, earlier or earlier in the same batch).</summary>
    public const string DuplicateUse = "duplicateUse";
    /// <summary>The number is not in any block assigned to the register for the invoice's period.</summary>
    public const string OutsideBlock = "outsideBlock";
    /// <summary>Not ^[A-Z]{2}\d{8}$ (or a random code that is not 4 digits): nothing can be stored for it.</summary>
    public const string Malformed = "malformed";
}

/// <summary>
/// Decides, as a pure function, what the accepted sales of one upload do to the invoice numbers:
/// which numbers become issued or voided rows and which problems are flagged. Never rejects a sale.
/// The caller (<see cref="IssuedInvoiceRecorder"/>) reads the stored numbers and writes the steps.
/// </summary>
public static class InvoiceIntake
{
    /// <summary>A number already stored.</summary>
    public sealed record Known(string Number, string RegisterId, Guid? OrderId, bool Voided);

    public abstract record Step(OfflineOrder Sale);
    /// <summary>Store the sale's invoice as issued.</summary>
    public sealed record Issue(OfflineOrder Sale, InvoiceNumber Number, InvoicePeriod Period) : Step(Sale);
    /// <summary>Store a number the register burnt (never issued to a buyer).</summary>
    public sealed record VoidNew(OfflineOrder Sale, InvoiceNumber Number, InvoicePeriod Period) : Step(Sale);
    /// <summary>Mark an already stored number of this register voided.</summary>
    public sealed record VoidExisting(OfflineOrder Sale, string Number) : Step(Sale);
    public sealed record Flag(OfflineOrder Sale, string Number, string Kind, string Detail) : Step(Sale);

    /// <param name="sales">The accepted sales in upload order; for each, its voided numbers come before its invoice.</param>
    /// <param name="stored">Stored rows for the numbers these sales mention.</param>
    /// <param name="registerBlocks">Every block assigned to the uploading register.</param>
    public static IReadOnlyList<Step> Decide(
        string registerId,
        IEnumerable<OfflineOrder> sales,
        IReadOnlyDictionary<string, Known> stored,
        IReadOnlyList<InvoiceRange> registerBlocks)
    {
        var known = new Dictionary<string, Known>(stored, StringComparer.Ordinal);
        var steps = new List<Step>();
        foreach (var sale in sales)
        {
            foreach (var text in sale.VoidedInvoiceNumbers ?? [])
            {
                if (!InvoiceNumber.TryParse(text, out var voided))
                {
                    steps.Add(new Flag(sale, text ?? "", InvoiceFlagKinds.Malformed, $"Voided number '{text}' is not ^[A-Z]{{2}}\\d{{8}}$; ignored."));
                    continue;
                }
                var number = voided.Value;
                if (known.TryGetValue(text!, out var k))
                {
                    if (k.RegisterId != registerId)
                        steps.Add(new Flag(sale, text!, InvoiceFlagKinds.DuplicateUse, $"{text} was reported voided by {registerId} but belongs to register {k.RegisterId}{Of(k)}; left as it was."));
                    else if (!k.Voided)
                    {
                        steps.Add(new VoidExisting(sale, text!));
                        known[text!] = k with { Voided = true };
                    }
                    continue;
                }
                // A burnt number has no issue time of its own: its period is its block's, else the sale's.
                var block = registerBlocks.FirstOrDefault(b => b.Contains(number));
                var period = block?.Period ?? InvoicePeriod.Of(TaiwanTime.Local(sale.SoldAt));
                if (block is null)
                    steps.Add(new Flag(sale, text!, InvoiceFlagKinds.OutsideBlock, $"Voided number {text} is in no block assigned to {registerId}."));
                steps.Add(new VoidNew(sale, number, period));
                known[text!] = new Known(text!, registerId, null, true);
            }

            if (sale.Invoice is not { } invoice) continue;
            if (!InvoiceNumber.TryParse(invoice.Number, out var parsed))
            {
                steps.Add(new Flag(sale, invoice.Number ?? "", InvoiceFlagKinds.Malformed, $"Invoice number '{invoice.Number}' is not ^[A-Z]{{2}}\\d{{8}}$; the order is accepted without an invoice record."));
                continue;
            }
            var n = parsed.Value;
            var key = n.ToString();
            if (known.TryGetValue(key, out var first))
            {
                steps.Add(new Flag(sale, key, InvoiceFlagKinds.DuplicateUse,
                    $"{key} was already {(first.Voided && first.OrderId is null ? "voided" : "issued")} by register {first.RegisterId}{Of(first)}; order {sale.OrderId} is accepted but its invoice is not stored a second time."));
                continue;
            }
            var issuedPeriod = InvoicePeriod.Of(TaiwanTime.Local(invoice.IssuedAt));
            if (NumberRangeRules.BlockOf(n, issuedPeriod, registerBlocks) is null)
            {
                var other = registerBlocks.FirstOrDefault(b => b.Contains(n));
                steps.Add(new Flag(sale, key, InvoiceFlagKinds.OutsideBlock, other is null
                    ? $"{key} (period {issuedPeriod.Code}) is in no block assigned to {registerId}."
                    : $"{key} is in {registerId}'s block {other} of period {other.Period.Code}, but was issued in period {issuedPeriod.Code}."));
            }
            foreach (var problem in FieldProblems(invoice))
                steps.Add(new Flag(sale, key, InvoiceFlagKinds.Malformed, problem));
            steps.Add(new Issue(sale, n, issuedPeriod));
            known[key] = new Known(key, registerId, sale.OrderId, false);
        }
        return steps;
    }

    /// <summary>Format problems of the invoice's other fields (the number itself is fine). The MOF platform would refuse these.</summary>
    public static IEnumerable<string> FieldProblems(OfflineInvoice invoice)
    {
        if (!RandomCode.IsValid(invoice.RandomCode))
            yield return $"Random code '{invoice.RandomCode}' is not 4 digits.";
        if (invoice.BuyerTaxId is { } ban && !TaxId.IsValid(ban, DateOnly.FromDateTime(TaiwanTime.Local(invoice.IssuedAt))))
            yield return $"Buyer tax id '{ban}' is not 8 digits with a valid checksum.";
        if (invoice.DonationCode is { } npoban && !BuyerCodes.IsDonationCode(npoban))
            yield return $"Donation code '{npoban}' is not 3–7 digits.";
        if (invoice.CarrierId is { Length: > IssuedInvoiceRecorder.MaxCarrierIdLength } || invoice.CarrierType is { Length: > IssuedInvoiceRecorder.MaxCarrierTypeLength })
            yield return "Carrier type or id is too long to be a carrier; not stored.";
    }

    private static string Of(Known k) => k.OrderId is { } id ? $" (order {id})" : "";
}
