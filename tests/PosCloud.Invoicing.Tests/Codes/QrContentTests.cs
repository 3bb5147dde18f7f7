using System.Text;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.Invoicing.Tests.Support;

namespace PosCloud.Invoicing.Tests.Codes;

public class QrContentTests
{
    [Fact]
    public void Every_field_of_the_left_code()
    {
        var inv = Samples.B2B();
        var left = InvoiceQrContent.Build(inv, Samples.Key).Left;

        Assert.Equal("XF00001234", left[..10]);                     // invoice number
        Assert.Equal("1140102", left.Substring(10, 7));              // ROC date yyyMMdd
        Assert.Equal("9876", left.Substring(17, 4));                 // random code
        Assert.Equal(inv.SalesAmount!.Value, Convert.ToInt64(left.Substring(21, 8), 16)); // sales before tax, hex
        Assert.Equal("0000050a", left.Substring(29, 8));             // total with tax 1290, hex
        Assert.Equal("04595252", left.Substring(37, 8));             // buyer
        Assert.Equal("24634102", left.Substring(45, 8));             // seller
        Assert.Equal("CamotDNRUN8bVyY5S1BhFQ==", left.Substring(53, 24)); // AES vector 1 (same key, number, random)
        Assert.Equal(':', left[77]);
        var rest = left[78..].Split(':');
        Assert.Equal("**********", rest[0]);                         // self-use area
        Assert.Equal("1", rest[1]);                                  // items in the QR codes
        Assert.Equal("1", rest[2]);                                  // items on the invoice
        Assert.Equal("1", rest[3]);                                  // encoding: UTF-8
        Assert.Equal(["咖啡豆 1kg", "2", "645"], rest[4..]);         // name:quantity:unit price (not the subtotal)
    }

    [Fact]
    public void Amounts_are_lower_case_hexadecimal()
    {
        Assert.Equal("0000050a", InvoiceQrContent.Hex8(1290));
        Assert.Equal("00000154", InvoiceQrContent.Hex8(340));
        Assert.Equal("ffffffff", InvoiceQrContent.Hex8(uint.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvoiceQrContent.Hex8(-1));
    }

    [Fact]
    public void Consumer_buyer_and_unseparated_tax_are_zeros()
    {
        var left = InvoiceQrContent.Build(Samples.B2C(), Samples.Key).Left;
        Assert.Equal("00000000", left.Substring(21, 8));
        Assert.Equal("00000154", left.Substring(29, 8));
        Assert.Equal("00000000", left.Substring(37, 8));
        Assert.DoesNotContain(':', left[..77]);
    }

    [Fact]
    public void Reproduces_the_MOF_worked_example()
    {
        // AB11223344, 2013-05-23, random 9999, sales 0x144, total 0x154, consumer, seller 01234567.
        var inv = new InvoiceDocument(InvoiceNumber.Parse("AB11223344"), new DateTime(2013, 5, 23, 10, 0, 0), "9999",
            new InvoiceParty("01234567", "賣方"), null, Samples.ThreeItems, SalesAmount: 0x144, TaxAmount: 0x154 - 0x144, TotalAmount: 0x154);
        // The example's register put one item on the left: give it room for exactly one.
        var header = "AB11223344" + "1020523" + "9999" + "00000144" + "00000154" + "00000000" + "01234567";
        var budget = Encoding.UTF8.GetByteCount(header) + 24 + Encoding.UTF8.GetByteCount(":**********:3:3:1:乾電池:1:105:") + 2;
        var qr = InvoiceQrContent.Build(inv, Samples.Key, new QrContentOptions(budget));

        var verification = QrVerification.Compute(Samples.Key, "AB112233449999");
        Assert.Equal(header + verification + ":**********:3:3:1:乾電池:1:105:", qr.Left);
        Assert.Equal("**口罩:1:210:牛奶:1:25", qr.Right);
        Assert.Equal(3, qr.ItemsInQr);
    }

    [Fact]
    public void All_items_on_the_left_when_they_fit_and_the_right_code_is_just_the_marker()
    {
        var qr = InvoiceQrContent.Build(Samples.B2C(), Samples.Key);
        Assert.EndsWith(":**********:3:3:1:乾電池:1:105:口罩:1:210:牛奶:1:25", qr.Left);
        Assert.Equal("**", qr.Right);
    }

    [Fact]
    public void Ascii_colons_in_names_are_replaced_and_items_that_fit_nowhere_are_left_out()
    {
        var items = Enumerable.Range(1, 40).Select(i => new InvoiceItem($"商品:{i}", 1, 10, 10)).ToList();
        var qr = InvoiceQrContent.Build(Samples.B2C(items), Samples.Key);

        Assert.Contains("商品：1:1:10", qr.Left);
        Assert.True(qr.ItemsInQr < 40);
        Assert.Contains($":**********:{qr.ItemsInQr}:40:1:", qr.Left);
        Assert.StartsWith("**", qr.Right);
        var recorded = qr.Left.Split(":**********:")[1].Split(':').Skip(3).Concat(qr.Right[2..].Split(':')).Where(s => s.Length > 0).ToList();
        Assert.Equal(qr.ItemsInQr * 3, recorded.Count);
        Assert.True(Encoding.UTF8.GetByteCount(qr.Left) <= QrContentOptions.Default.MaxBytesPerCode);
        Assert.True(Encoding.UTF8.GetByteCount(qr.Right) <= QrContentOptions.Default.MaxBytesPerCode);
    }

    [Fact]
    public void Code39_is_period_number_and_random_code()
    {
        Assert.Equal("11312AB123456783760", Code39Content.For(Samples.B2C()));
        Assert.Equal(19, Code39Content.For(Samples.B2C()).Length);
        Assert.Equal("10404UZ176908720122",
            Code39Content.For(InvoicePeriod.Of(new DateOnly(2015, 3, 14)), InvoiceNumber.Parse("UZ17690872"), "0122"));
        Assert.Throws<ArgumentException>(() => Code39Content.For(InvoicePeriod.Parse("11312"), InvoiceNumber.Parse("AB12345678"), "12345"));
    }
}
