using System.Text.RegularExpressions;
using System.Xml.Linq;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Mig;

/// <summary>
/// Our own MIG 4.1 checks of F0501, G0401 and G0501 (the XSD's required elements, lengths and patterns as written in
/// EINVOICE.md "MIG 4.1 fields"): every required element present exactly once, nothing else, values in bounds.
/// </summary>
public class CancelAndAllowanceMigTests
{
    private static readonly XNamespace F = "urn:GEINV:eInvoiceMessage:F0501:4.1";
    private static readonly XNamespace G = "urn:GEINV:eInvoiceMessage:G0401:4.1";
    private static readonly XNamespace C = "urn:GEINV:eInvoiceMessage:G0501:4.1";
    private const string Date = @"^\d{8}$";
    private const string Time = @"^\d{2}:\d{2}:\d{2}$";
    private const string Ban = @"^\d{8}$|^0{10}$";
    private const string Number = @"^[A-Z]{2}\d{8}$";
    private static readonly InvoiceParty Seller = new("24634102", "範例商店股份有限公司");

    private static InvoiceCancel SampleCancel(string? buyer = null, string reason = "退貨") => new(
        InvoiceNumber.Parse("AB12345678"), new DateTime(2026, 11, 28, 10, 0, 0), "24634102", buyer,
        new DateTime(2026, 11, 30, 14, 5, 6), reason);

    private static Allowance SampleAllowance(InvoiceParty? buyer = null) => new(
        "AL-S001R1-0001", new DateTime(2027, 1, 20, 9, 0, 0), Seller, buyer,
        [
            new AllowanceItem(new DateTime(2026, 11, 28, 10, 0, 0), InvoiceNumber.Parse("AB12345678"), 1, "職人 輕量防潑水外套", 1, 476, 476, 24),
            new AllowanceItem(new DateTime(2026, 11, 28, 10, 0, 0), InvoiceNumber.Parse("AB12345678"), 3, "芒果乾", 2, 87, 174, 9),
        ],
        TaxAmount: 33, TotalAmount: 650);

    [Fact]
    public void F0501_carries_every_required_element_within_its_bounds()
    {
        var doc = XDocument.Parse(F0501Message.ToXml(SampleCancel()));
        var root = doc.Root!;
        Assert.Equal(F + "CancelInvoice", root.Name);
        AssertElements(root, F, required: ["CancelInvoiceNumber", "InvoiceDate", "BuyerId", "SellerId", "CancelDate", "CancelTime", "CancelReason"],
            optional: ["ReturnTaxDocumentNumber", "Remark", "Reserved1", "Reserved2"]);
        AssertMatches(root, F, "CancelInvoiceNumber", Number);
        AssertMatches(root, F, "InvoiceDate", Date);
        AssertMatches(root, F, "CancelDate", Date);
        AssertMatches(root, F, "CancelTime", Time);
        AssertMatches(root, F, "BuyerId", Ban);
        AssertMatches(root, F, "SellerId", @"^\d{8}$");
        AssertLength(root, F, "CancelReason", 1, 20);
        Assert.Equal(("AB12345678", "20261128", "0000000000", "20261130", "14:05:06", "退貨"),
            (V(root, F, "CancelInvoiceNumber"), V(root, F, "InvoiceDate"), V(root, F, "BuyerId"), V(root, F, "CancelDate"), V(root, F, "CancelTime"), V(root, F, "CancelReason")));
    }

    [Fact]
    public void F0501_of_a_B2B_invoice_names_the_buyer_and_a_special_cancel_its_approval_number()
    {
        var doc = F0501Message.Build(SampleCancel(buyer: "04595252") with { ReturnTaxDocumentNumber = "財北國稅字第1150000001號" });
        Assert.Equal("04595252", V(doc.Root!, F, "BuyerId"));
        AssertLength(doc.Root!, F, "ReturnTaxDocumentNumber", 1, 60);
    }

    [Fact]
    public void A_cancel_reason_outside_1_to_20_characters_is_refused_before_the_platform_would()
    {
        Assert.Throws<ArgumentException>(() => F0501Message.Build(SampleCancel(reason: "")));
        Assert.Throws<ArgumentException>(() => F0501Message.Build(SampleCancel(reason: new string('退', 21))));
        Assert.NotNull(F0501Message.Build(SampleCancel(reason: new string('退', 20))));
    }

    [Fact]
    public void G0401_carries_main_details_and_amount_as_the_XSD_requires()
    {
        var doc = XDocument.Parse(G0401Message.ToXml(SampleAllowance()));
        var root = doc.Root!;
        Assert.Equal(G + "Allowance", root.Name);
        AssertElements(root, G, required: ["Main", "Details", "Amount"], optional: []);
        var main = root.Element(G + "Main")!;
        AssertElements(main, G, required: ["AllowanceNumber", "AllowanceDate", "Seller", "Buyer", "AllowanceType"],
            optional: ["OriginalInvoiceSellerId", "OriginalInvoiceBuyerId", "Attachment", "BuyerCustomerNumber", "DonateMark"]);
        AssertLength(main, G, "AllowanceNumber", 1, 16);
        AssertMatches(main, G, "AllowanceDate", Date);
        Assert.Equal("2", V(main, G, "AllowanceType"));
        foreach (var party in new[] { "Seller", "Buyer" })
        {
            var p = main.Element(G + party)!;
            AssertMatches(p, G, "Identifier", Ban);
            AssertLength(p, G, "Name", 1, 60);
        }
        Assert.Equal("0000000000", V(main.Element(G + "Buyer")!, G, "Identifier"));

        var items = root.Element(G + "Details")!.Elements().ToList();
        Assert.InRange(items.Count, 1, 9999);
        Assert.All(items, item =>
        {
            Assert.Equal(G + "ProductItem", item.Name);
            AssertElements(item, G,
                required: ["OriginalInvoiceDate", "OriginalInvoiceNumber", "OriginalDescription", "Quantity", "UnitPrice", "Amount", "Tax", "AllowanceSequenceNumber", "TaxType"],
                optional: ["OriginalSequenceNumber", "Unit"]);
            AssertMatches(item, G, "OriginalInvoiceDate", Date);
            AssertMatches(item, G, "OriginalInvoiceNumber", Number);
            AssertMatches(item, G, "OriginalSequenceNumber", @"^\d{1,4}$");
            AssertLength(item, G, "OriginalDescription", 1, 500);
            AssertMatches(item, G, "Tax", @"^-?\d+$");
            AssertMatches(item, G, "AllowanceSequenceNumber", @"^\d{1,4}$");
            AssertMatches(item, G, "TaxType", "^[12349]$");
        });
        Assert.Equal(["1", "2"], items.Select(i => V(i, G, "AllowanceSequenceNumber")));
        Assert.Equal(["1", "3"], items.Select(i => V(i, G, "OriginalSequenceNumber")));

        var amount = root.Element(G + "Amount")!;
        AssertElements(amount, G, required: ["TaxAmount", "TotalAmount"], optional: []);
        AssertMatches(amount, G, "TaxAmount", @"^\d+$");
        Assert.Equal(("33", "650"), (V(amount, G, "TaxAmount"), V(amount, G, "TotalAmount")));
        // The items' net amounts and taxes add up to the allowance's (E0221 compares against the invoice, not checked here).
        Assert.Equal(650m, items.Sum(i => decimal.Parse(V(i, G, "Amount"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(33, items.Sum(i => long.Parse(V(i, G, "Tax"), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void G0401_of_a_company_buyer_names_it_and_bad_allowances_are_refused()
    {
        var doc = G0401Message.Build(SampleAllowance(new InvoiceParty("04595252", "買方股份有限公司")));
        Assert.Equal("04595252", V(doc.Root!.Element(G + "Main")!.Element(G + "Buyer")!, G, "Identifier"));
        Assert.Throws<ArgumentException>(() => G0401Message.Build(SampleAllowance() with { Number = new string('9', 17) }));
        Assert.Throws<ArgumentException>(() => G0401Message.Build(SampleAllowance() with { Items = [] }));
        var badTax = SampleAllowance() with { Items = [SampleAllowance().Items[0] with { TaxType = "7" }] };
        Assert.Throws<ArgumentException>(() => G0401Message.Build(badTax));
    }

    [Fact]
    public void G0501_carries_every_required_element()
    {
        var doc = XDocument.Parse(G0501Message.ToXml(new AllowanceCancel("AL-S001R1-0001", new DateTime(2027, 1, 20), "24634102", null,
            new DateTime(2027, 1, 21, 8, 30, 0), "折讓開錯")));
        var root = doc.Root!;
        Assert.Equal(C + "CancelAllowance", root.Name);
        AssertElements(root, C, required: ["CancelAllowanceNumber", "AllowanceType", "AllowanceDate", "BuyerId", "SellerId", "CancelDate", "CancelTime", "CancelReason"],
            optional: ["Remark"]);
        AssertLength(root, C, "CancelAllowanceNumber", 1, 16);
        AssertMatches(root, C, "AllowanceDate", Date);
        AssertMatches(root, C, "CancelTime", Time);
        AssertLength(root, C, "CancelReason", 1, 20);
        Assert.Equal("2", V(root, C, "AllowanceType"));
    }

    [Fact]
    public void MIG_4_0_is_written_in_its_own_namespace_on_request()
    {
        Assert.Equal("urn:GEINV:eInvoiceMessage:F0501:4.0", F0501Message.Build(SampleCancel(), MigVersion.V40).Root!.Name.NamespaceName);
        Assert.Equal("urn:GEINV:eInvoiceMessage:G0401:4.0", G0401Message.Build(SampleAllowance(), MigVersion.V40).Root!.Name.NamespaceName);
    }

    private static string V(XElement parent, XNamespace ns, string name) => parent.Element(ns + name)?.Value
        ?? throw new Xunit.Sdk.XunitException($"{parent.Name.LocalName} has no {name}.");

    /// <summary>xsd:all: each required child exactly once, optional ones at most once, nothing else.</summary>
    private static void AssertElements(XElement parent, XNamespace ns, string[] required, string[] optional)
    {
        var names = parent.Elements().Select(e => e.Name).ToList();
        Assert.All(names, n => Assert.Equal(ns, n.Namespace));
        foreach (var r in required) Assert.Equal(1, names.Count(n => n.LocalName == r));
        Assert.All(names, n => Assert.True(required.Contains(n.LocalName) || optional.Contains(n.LocalName), $"{n.LocalName} is not allowed in {parent.Name.LocalName}."));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static void AssertMatches(XElement parent, XNamespace ns, string name, string pattern)
    {
        var value = V(parent, ns, name);
        Assert.True(Regex.IsMatch(value, pattern), $"{name} '{value}' does not match {pattern}.");
    }

    private static void AssertLength(XElement parent, XNamespace ns, string name, int min, int max) =>
        Assert.InRange(V(parent, ns, name).Length, min, max);
}
