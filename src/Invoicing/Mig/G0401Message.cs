using System.Globalization;
using System.Xml.Linq;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Mig;

/// <summary>An allowance (折讓) issued by the seller (AllowanceType 2), as G0401 needs it. Times are Taiwan local.</summary>
/// <param name="Number">AllowanceNumber, 1–16 characters, unique in the business.</param>
/// <param name="Buyer">The buyer (統一編號 and name) or null for a consumer (ten zeros).</param>
/// <param name="TaxAmount">Tax of the whole allowance (integer).</param>
/// <param name="TotalAmount">The allowance before tax (net).</param>
public sealed record Allowance(
    string Number,
    DateTime IssuedAt,
    InvoiceParty Seller,
    InvoiceParty? Buyer,
    IReadOnlyList<AllowanceItem> Items,
    long TaxAmount,
    long TotalAmount);

/// <param name="OriginalSequence">The item's SequenceNumber on the original invoice (1–9999), when known.</param>
/// <param name="Amount">Net amount allowed for this item.</param>
/// <param name="Tax">Tax of this item (integer).</param>
/// <param name="TaxType">1 taxable, 2 zero-rated, 3 exempt, 4 special, 9 mixed.</param>
public sealed record AllowanceItem(
    DateTime OriginalInvoiceDate,
    Numbers.InvoiceNumber OriginalInvoiceNumber,
    int? OriginalSequence,
    string OriginalDescription,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    long Tax,
    string TaxType = "1");

/// <summary>
/// The MIG G0401 (Allowance) message, by the 4.1 XSD: Main {AllowanceNumber, AllowanceDate, Seller, Buyer,
/// AllowanceType "2"}; Details/ProductItem (1–9999) {OriginalInvoiceDate, OriginalInvoiceNumber,
/// OriginalSequenceNumber?, OriginalDescription (≤ 500), Quantity, UnitPrice, Amount, Tax, AllowanceSequenceNumber
/// (1–4 digits), TaxType}; Amount {TaxAmount, TotalAmount}.
/// </summary>
public static class G0401Message
{
    public const int MaxNumberLength = 16;
    public const int MaxItems = 9999;
    public const int MaxDescriptionLength = 500;
    public const int MaxPartyNameLength = 60;
    /// <summary>Since 2025-01-01 the seller issues the e-allowance (the XSD fixes "2").</summary>
    public const string SellerIssued = "2";
    private static readonly string[] TaxTypes = ["1", "2", "3", "4", "9"];

    public static XDocument Build(Allowance allowance, MigVersion version = MigVersions.Default)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        MigText.Require(allowance.Number, 1, MaxNumberLength, "AllowanceNumber");
        if (allowance.Items.Count is < 1 or > MaxItems)
            throw new ArgumentException($"An allowance needs 1–{MaxItems} items (MIG); it has {allowance.Items.Count}.", nameof(allowance));
        var ns = MigVersions.Namespace("G0401", version);
        XElement E(string name, string value) => new(ns + name, value);
        XElement Party(string name, InvoiceParty p) =>
            new(ns + name, E("Identifier", p.Identifier), E("Name", MigText.Cut(p.Name, MaxPartyNameLength)));
        var buyer = allowance.Buyer ?? new InvoiceParty(InvoiceDocument.ConsumerBuyerIdMig, InvoiceDocument.ConsumerBuyerIdMig);

        var main = new XElement(ns + "Main",
            E("AllowanceNumber", allowance.Number),
            E("AllowanceDate", MigText.Date(allowance.IssuedAt)),
            Party("Seller", allowance.Seller),
            Party("Buyer", buyer),
            E("AllowanceType", SellerIssued));
        var details = new XElement(ns + "Details", allowance.Items.Select((item, i) =>
        {
            if (!TaxTypes.Contains(item.TaxType)) throw new ArgumentException($"TaxType {item.TaxType} is not 1/2/3/4/9.", nameof(allowance));
            MigText.Require(item.OriginalDescription, 1, MaxDescriptionLength, "OriginalDescription");
            return new XElement(ns + "ProductItem",
                E("OriginalInvoiceDate", MigText.Date(item.OriginalInvoiceDate)),
                E("OriginalInvoiceNumber", item.OriginalInvoiceNumber.ToString()),
                item.OriginalSequence is { } seq ? E("OriginalSequenceNumber", seq.ToString(CultureInfo.InvariantCulture)) : null,
                E("OriginalDescription", item.OriginalDescription),
                E("Quantity", MigText.Num(item.Quantity)),
                E("UnitPrice", MigText.Num(item.UnitPrice)),
                E("Amount", MigText.Num(item.Amount)),
                E("Tax", item.Tax.ToString(CultureInfo.InvariantCulture)),
                E("AllowanceSequenceNumber", (i + 1).ToString(CultureInfo.InvariantCulture)),
                E("TaxType", item.TaxType));
        }));
        var amount = new XElement(ns + "Amount",
            E("TaxAmount", allowance.TaxAmount.ToString(CultureInfo.InvariantCulture)),
            E("TotalAmount", allowance.TotalAmount.ToString(CultureInfo.InvariantCulture)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(ns + "Allowance", main, details, amount));
    }

    public static string ToXml(Allowance allowance, MigVersion version = MigVersions.Default) => MigXml.Write(Build(allowance, version));
}
