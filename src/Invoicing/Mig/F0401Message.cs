using System.Globalization;
using System.Xml.Linq;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Mig;

/// <summary>
/// The MIG F0401 (issue) message of one invoice (4.1 by default, 4.0 on request), as XML text. Only the content:
/// signing, Turnkey folders and upload are the cloud adapter's job. The items are the invoice's as issued.
/// </summary>
public static class F0401Message
{
    public static readonly XNamespace Ns = MigVersions.Namespace("F0401", MigVersion.V40);

    /// <summary>Tax type 1 = taxable (應稅); the only one a plain retail register issues.</summary>
    public const string TaxableType = "1";
    public const string TaxRate = "0.05";

    /// <param name="printed">PrintMark: Y when the proof was printed (required when there is no carrier or donation).</param>
    public static XDocument Build(InvoiceDocument invoice, bool printed = true, MigVersion version = MigVersion.V40)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var ns = MigVersions.Namespace("F0401", version);
        XElement E(string name, string value) => new(ns + name, value);
        var buyerId = invoice.Buyer?.Identifier ?? InvoiceDocument.ConsumerBuyerIdMig;
        var buyerName = invoice.Buyer?.Name ?? InvoiceDocument.ConsumerBuyerIdMig;
        var donated = invoice.DonationCode is not null;

        // B2C: tax is not separated on the proof, so SalesAmount carries the tax-included total and
        // TaxAmount 0. B2B (格式 25): sales before tax and the 5% tax as the register computed them.
        long sales, tax;
        if (invoice.IsB2B)
        {
            sales = invoice.SalesAmount ?? throw new ArgumentException("A B2B invoice needs its sales amount before tax.", nameof(invoice));
            tax = invoice.TaxAmount;
        }
        else
        {
            sales = invoice.TotalAmount;
            tax = 0;
        }

        var main = new XElement(ns + "Main",
            E("InvoiceNumber", invoice.Number.ToString()),
            E("InvoiceDate", invoice.IssuedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            E("InvoiceTime", invoice.IssuedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement(ns + "Seller", E("Identifier", invoice.Seller.Identifier), E("Name", invoice.Seller.Name)),
            new XElement(ns + "Buyer", E("Identifier", buyerId), E("Name", buyerName)),
            E("InvoiceType", "07"),
            E("DonateMark", donated ? "1" : "0"),
            E("CarrierType", invoice.Carrier?.Type ?? ""),
            E("CarrierId1", invoice.Carrier?.Id1 ?? ""),
            E("CarrierId2", invoice.Carrier?.Id2 ?? ""),
            E("PrintMark", printed ? "Y" : "N"),
            E("NPOBAN", invoice.DonationCode ?? ""),
            E("RandomNumber", invoice.RandomCode));

        var details = new XElement(ns + "Details",
            invoice.Items.Select((item, i) => new XElement(ns + "ProductItem",
                E("Description", item.Description),
                E("Quantity", Num(item.Quantity)),
                item.Unit is null ? null : E("Unit", item.Unit),
                E("UnitPrice", Num(item.UnitPrice)),
                E("TaxType", item.TaxType ?? TaxableType),
                E("Amount", Num(item.Amount)),
                E("SequenceNumber", (i + 1).ToString("D3", CultureInfo.InvariantCulture)))));

        var amount = new XElement(ns + "Amount",
            E("SalesAmount", Num(sales)),
            E("FreeTaxSalesAmount", "0"),
            E("ZeroTaxSalesAmount", "0"),
            E("TaxType", TaxableType),
            E("TaxRate", TaxRate),
            E("TaxAmount", Num(tax)),
            E("TotalAmount", Num(invoice.TotalAmount)));

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(ns + "Invoice", main, details, amount));
    }

    /// <summary>The message as UTF-8 XML text.</summary>
    public static string ToXml(InvoiceDocument invoice, bool printed = true, MigVersion version = MigVersion.V40) =>
        MigXml.Write(Build(invoice, printed, version));

    private static string Num(decimal d) => d.ToString("0.#######", CultureInfo.InvariantCulture);
}
