using System.Xml.Linq;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;
using PosCloud.Invoicing.Tests.Support;

namespace PosCloud.Invoicing.Tests.Mig;

public class MigTests
{
    private static readonly XNamespace F = "urn:GEINV:eInvoiceMessage:F0401:4.0";

    [Fact]
    public void F0401_main_fields_of_a_B2C_invoice()
    {
        var inv = Samples.B2C() with { Carrier = new("3J0002", "/ABC+123", "/ABC+123") };
        var doc = XDocument.Parse(F0401Message.ToXml(inv, printed: false));
        var main = doc.Root!.Element(F + "Main")!;
        Assert.Equal("Invoice", doc.Root.Name.LocalName);
        Assert.Equal("AB12345678", main.Element(F + "InvoiceNumber")!.Value);
        Assert.Equal("20241108", main.Element(F + "InvoiceDate")!.Value);
        Assert.Equal("09:06:04", main.Element(F + "InvoiceTime")!.Value);
        Assert.Equal("24634102", main.Element(F + "Seller")!.Element(F + "Identifier")!.Value);
        Assert.Equal("0000000000", main.Element(F + "Buyer")!.Element(F + "Identifier")!.Value);
        Assert.Equal("07", main.Element(F + "InvoiceType")!.Value);
        Assert.Equal("0", main.Element(F + "DonateMark")!.Value);
        Assert.Equal("3J0002", main.Element(F + "CarrierType")!.Value);
        Assert.Equal("/ABC+123", main.Element(F + "CarrierId1")!.Value);
        Assert.Equal("N", main.Element(F + "PrintMark")!.Value);
        Assert.Equal("3760", main.Element(F + "RandomNumber")!.Value);

        var items = doc.Root.Element(F + "Details")!.Elements(F + "ProductItem").ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("口罩", items[1].Element(F + "Description")!.Value);
        Assert.Equal("210", items[1].Element(F + "UnitPrice")!.Value);
        Assert.Equal("002", items[1].Element(F + "SequenceNumber")!.Value);

        var amount = doc.Root.Element(F + "Amount")!;
        Assert.Equal("340", amount.Element(F + "SalesAmount")!.Value);
        Assert.Equal("0", amount.Element(F + "TaxAmount")!.Value);
        Assert.Equal("340", amount.Element(F + "TotalAmount")!.Value);
    }

    [Fact]
    public void F0401_of_a_B2B_invoice_separates_the_tax_and_a_donation_sets_the_mark()
    {
        var doc = F0401Message.Build(Samples.B2B());
        var amount = doc.Root!.Element(F + "Amount")!;
        Assert.Equal("1229", amount.Element(F + "SalesAmount")!.Value);
        Assert.Equal("61", amount.Element(F + "TaxAmount")!.Value);
        Assert.Equal("1290", amount.Element(F + "TotalAmount")!.Value);
        Assert.Equal("04595252", doc.Root.Element(F + "Main")!.Element(F + "Buyer")!.Element(F + "Identifier")!.Value);

        var donated = F0401Message.Build(Samples.B2C() with { DonationCode = "8585" });
        Assert.Equal("1", donated.Root!.Element(F + "Main")!.Element(F + "DonateMark")!.Value);
        Assert.Equal("8585", donated.Root.Element(F + "Main")!.Element(F + "NPOBAN")!.Value);
    }

    [Fact]
    public void Blank_numbers_are_the_unused_runs_inside_the_blocks()
    {
        var period = InvoicePeriod.Parse("11312");
        var blocks = new[] { new InvoiceRange(period, "AB", 100, 109), new InvoiceRange(period, "AB", 200, 201) };
        var used = new[] { 100, 101, 104, 109 }.Select(s => new InvoiceNumber("AB", s));

        var blanks = BlankNumbers.Find(blocks, used);

        Assert.Equal(
            [(102, 103), (105, 108), (200, 201)],
            blanks.Select(b => (b.From, b.To)).ToArray());
        Assert.Equal(8, blanks.Sum(b => b.Count));
    }

    [Fact]
    public void E0402_lists_begin_and_end_numbers_per_track()
    {
        var period = InvoicePeriod.Parse("11312");
        var blanks = BlankNumbers.Find([new InvoiceRange(period, "AB", 100, 149), new InvoiceRange(period, "CD", 0, 49)],
            [new InvoiceNumber("AB", 100)]);
        var docs = BlankNumbers.ToXml("24634102", "24634102", blanks).Select(XDocument.Parse).ToList();

        XNamespace e = "urn:GEINV:eInvoiceMessage:E0402:4.0";
        Assert.Equal(2, docs.Count);
        var ab = docs[0].Root!;
        Assert.Equal("11312", ab.Element(e + "Main")!.Element(e + "YearMonth")!.Value);
        Assert.Equal("AB", ab.Element(e + "Main")!.Element(e + "InvoiceTrack")!.Value);
        var item = Assert.Single(ab.Element(e + "Details")!.Elements());
        Assert.Equal("00000101", item.Element(e + "InvoiceBeginNo")!.Value);
        Assert.Equal("00000149", item.Element(e + "InvoiceEndNo")!.Value);
        Assert.Equal("CD", docs[1].Root!.Element(e + "Main")!.Element(e + "InvoiceTrack")!.Value);
    }

    [Fact]
    public void MIG_4_1_changes_the_namespace_of_F0401_and_E0402_and_nothing_else_we_write()
    {
        var inv = Samples.B2C();
        var v40 = XDocument.Parse(F0401Message.ToXml(inv, version: MigVersion.V40));
        var v41 = XDocument.Parse(F0401Message.ToXml(inv, version: MigVersion.V41));
        XNamespace f41 = "urn:GEINV:eInvoiceMessage:F0401:4.1";
        Assert.Equal(f41 + "Invoice", v41.Root!.Name);
        Assert.Equal(
            v40.Descendants().Select(e => (e.Name.LocalName, e.HasElements ? "" : e.Value)),
            v41.Descendants().Select(e => (e.Name.LocalName, e.HasElements ? "" : e.Value)));
        var blank = new BlankRange(InvoicePeriod.Parse("11512"), "AB", 10, 20);
        Assert.Equal("urn:GEINV:eInvoiceMessage:E0402:4.1", BlankNumbers.Build("24634102", "24634102", [blank], MigVersion.V41).Single().Root!.Name.NamespaceName);
        Assert.True(MigVersions.TryParse("4.0", out var old) && old == MigVersion.V40);
        Assert.False(MigVersions.TryParse("3.2", out _));
    }

    [Fact]
    public void Item_tax_type_is_written_as_issued()
    {
        var inv = Samples.B2C() with { Items = [new("免稅米", 1, 100, 100, TaxType: "3")] };
        var doc = XDocument.Parse(F0401Message.ToXml(inv));
        Assert.Equal("3", doc.Descendants(F + "ProductItem").Single().Element(F + "TaxType")!.Value);
    }
}
