using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Codes;

/// <summary>The 1-D barcode on the proof: period (5) + invoice number (10) + random code (4) = 19 characters.</summary>
public static class Code39Content
{
    public const int Length = 19;

    public static string For(InvoicePeriod period, InvoiceNumber number, string randomCode)
    {
        if (!RandomCode.IsValid(randomCode)) throw new ArgumentException($"Random code must be 4 digits, got '{randomCode}'.", nameof(randomCode));
        return period.Code + number + randomCode;
    }

    public static string For(InvoiceDocument invoice) => For(invoice.Period, invoice.Number, invoice.RandomCode);
}
