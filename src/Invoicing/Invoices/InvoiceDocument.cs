using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Invoices;

/// <summary>A line as it appears on the invoice. Quantity and unit price may carry decimals; Amount is the line total.</summary>
/// <param name="TaxType">MIG TaxType (1 taxable, 2 zero-rated, 3 exempt); null means taxable.</param>
public sealed record InvoiceItem(string Description, decimal Quantity, decimal UnitPrice, decimal Amount, string? Unit = null, string? TaxType = null);

/// <summary>Seller or buyer as named on the invoice.</summary>
public sealed record InvoiceParty(string Identifier, string Name);

/// <summary>Where a B2C invoice goes instead of (or besides) paper: a carrier (載具).</summary>
/// <param name="Type">MIG CarrierType, e.g. <c>3J0002</c> (mobile barcode).</param>
/// <param name="Id1">Visible carrier id (CarrierId1).</param>
/// <param name="Id2">Hidden carrier id (CarrierId2); for a mobile barcode the same as Id1.</param>
public sealed record InvoiceCarrier(string Type, string Id1, string Id2);

/// <summary>
/// An invoice as issued by a register. Amounts are whole NT$ (invoices are issued in dollars).
/// Plain data: every printed, encoded or uploaded form is computed from it by pure functions.
/// </summary>
/// <param name="IssuedAt">Taiwan local time of issue (the period and the ROC date come from it).</param>
/// <param name="Buyer">Null for a consumer (B2C); a company buyer makes it B2B (格式 25 on the proof).</param>
/// <param name="SalesAmount">Amount before tax, or null when the register cannot separate the tax (QR then shows 00000000).</param>
/// <param name="TaxAmount">Tax (5% 應稅) when separated; 0 when not.</param>
/// <param name="TotalAmount">What the customer paid, tax included.</param>
/// <param name="DonationCode">愛心碼 (NPOBAN) when the buyer donates the invoice.</param>
public sealed record InvoiceDocument(
    InvoiceNumber Number,
    DateTime IssuedAt,
    string RandomCode,
    InvoiceParty Seller,
    InvoiceParty? Buyer,
    IReadOnlyList<InvoiceItem> Items,
    long? SalesAmount,
    long TaxAmount,
    long TotalAmount,
    InvoiceCarrier? Carrier = null,
    string? DonationCode = null)
{
    public InvoicePeriod Period => InvoicePeriod.Of(IssuedAt);
    public bool IsB2B => Buyer is not null;

    /// <summary>Consumer buyer id as the QR code writes it (8 zeros).</summary>
    public const string ConsumerBuyerIdQr = "00000000";

    /// <summary>Consumer buyer id as MIG messages write it (10 zeros).</summary>
    public const string ConsumerBuyerIdMig = "0000000000";
}

/// <summary>Tax arithmetic for a tax-included total at the standard 5% rate.</summary>
public static class TaxSplit
{
    /// <summary>Splits a tax-included total into (sales before tax, tax), rounding the sales amount half away from zero.</summary>
    public static (long Sales, long Tax) FromTaxIncluded(long total, decimal rate = 0.05m)
    {
        var sales = (long)Math.Round(total / (1 + rate), MidpointRounding.AwayFromZero);
        return (sales, total - sales);
    }
}
