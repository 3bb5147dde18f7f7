using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using ZXing;

namespace PosCloud.Invoicing.Tests.Proof;

public class PngPreviewTests
{
    [Fact]
    public void ZXing_reads_the_Code39_and_both_QR_codes_of_the_preview()
    {
        var invoice = Samples.B2C();
        var qr = InvoiceQrContent.Build(invoice, Samples.Key, new QrContentOptions(120));
        using var renderer = new PngProofRenderer();
        var image = renderer.Render(ProofLayoutBuilder.Build(invoice, qr));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Png[..4]);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "poscloud-proof-preview.png"), image.Png);

        var code39 = Zx.FromPng(image.Png, image.Regions.Single(r => r.Kind == "code39"));
        Assert.Equal("11312AB123456783760", Zx.Decode(code39.Gray, code39.W, code39.H, BarcodeFormat.CODE_39));

        // The whole image has two QR codes side by side; read each from its own region.
        var left = Zx.FromPng(image.Png, image.Regions.Single(r => r.Kind == "qr-left"));
        Assert.Equal(qr.Left, Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE));
        var right = Zx.FromPng(image.Png, image.Regions.Single(r => r.Kind == "qr-right"));
        Assert.Equal(qr.Right, Zx.Decode(right.Gray, right.W, right.H, BarcodeFormat.QR_CODE));
    }

    [Fact]
    public void Code39_found_anywhere_in_the_full_preview()
    {
        using var renderer = new PngProofRenderer();
        var image = InvoiceProof.Png(Samples.B2B(), Samples.Key, renderer);
        var whole = Zx.FromPng(image.Png);
        Assert.Equal("11402XF000012349876", Zx.Decode(whole.Gray, whole.W, whole.H, BarcodeFormat.CODE_39));
    }

    [Fact]
    public void Both_QR_codes_have_the_same_size_and_top()
    {
        var pair = QrPairImage.Compose(new QrPair(new string('A', 140), "**", 0), 384);
        Assert.Equal(pair.LeftCode.Width, pair.RightCode.Width);
        Assert.Equal(pair.LeftCode.Y, pair.RightCode.Y);
        Assert.True(pair.RightCode.X >= pair.LeftCode.X + pair.LeftCode.Width);
        Assert.True(pair.RightCode.X + pair.RightCode.Width <= 384);
    }

    [Fact]
    public void Our_Code39_bar_pattern_has_the_symbology_shape()
    {
        var widths = Code39Pattern.Widths("11312AB123456783760", narrow: 1, wide: 3);
        Assert.Equal(21 * 9 + 20, widths.Count); // 21 symbols of 9 elements + 20 gaps
        Assert.Equal(21 * (6 + 9) + 20, widths.Sum());
        Assert.Throws<ArgumentException>(() => Code39Pattern.Widths("a*b"));
    }
}
