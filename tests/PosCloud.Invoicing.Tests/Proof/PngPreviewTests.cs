using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.Printing;
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

    private static void AssertProofProportions(ProofImage image)
    {
        var proof = image.Regions.Single(r => r.Kind == "proof");
        // 5.7 cm wide, 9 cm tall: within one pixel of 90/57 of the width.
        Assert.InRange(proof.Height, (int)Math.Floor(proof.Width * 90.0 / 57) - 1, (int)Math.Ceiling(proof.Width * 90.0 / 57) + 1);
        Assert.Equal((0, 0, image.Width), (proof.X, proof.Y, proof.Width));
    }

    [Fact]
    public void The_proof_alone_is_5_7_by_9_cm_carries_no_items_and_ZXing_reads_its_codes()
    {
        var invoice = Samples.B2C();
        var layout = InvoiceProof.Layout(invoice, Samples.Key);
        Assert.DoesNotContain(layout.Elements, e => e is ProofCut);
        Assert.DoesNotContain(layout.Elements.OfType<ProofText>(), t => t.Text.Contains("乾電池") || t.Text.Contains(ProofLayoutBuilder.DetailTitle));
        using var renderer = new PngProofRenderer();
        var image = renderer.Render(layout);
        AssertProofProportions(image);
        Assert.Equal(image.Height, image.Regions.Single(r => r.Kind == "proof").Height);
        Assert.DoesNotContain(image.Regions, r => r.Kind == "detail");
        var code39 = Zx.FromPng(image.Png, image.Regions.Single(r => r.Kind == "code39"));
        Assert.Equal("11312AB123456783760", Zx.Decode(code39.Gray, code39.W, code39.H, BarcodeFormat.CODE_39));
        var qr = InvoiceQrContent.Build(invoice, Samples.Key);
        var left = Zx.FromPng(image.Png, image.Regions.Single(r => r.Kind == "qr-left"));
        Assert.Equal(qr.Left, Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE));
    }

    [Fact]
    public void The_detail_slip_is_separate_after_a_cut_always_for_a_tax_id_and_for_others_when_asked()
    {
        using var renderer = new PngProofRenderer();
        foreach (var (invoice, options) in new[] { (Samples.B2B(), new ProofOptions()), (Samples.B2C(), new ProofOptions(PrintItems: true)) })
        {
            var layout = InvoiceProof.Layout(invoice, Samples.Key, options);
            var cut = layout.Elements.ToList().FindIndex(e => e is ProofCut);
            Assert.True(cut > 0);
            // Codes before the cut, items only after it.
            Assert.All(layout.Elements.Take(cut), e => Assert.False(e is ProofText t && t.Text.Contains(invoice.Items[0].Description)));
            Assert.Contains(layout.Elements.Skip(cut), e => e is ProofText t && t.Text.Contains(invoice.Items[0].Description));
            Assert.DoesNotContain(layout.Elements.Skip(cut), e => e is ProofQrPair or ProofBarcode39);

            var image = renderer.Render(layout);
            AssertProofProportions(image);
            var proof = image.Regions.Single(r => r.Kind == "proof");
            var detail = image.Regions.Single(r => r.Kind == "detail");
            Assert.True(detail.Y > proof.Y + proof.Height && detail.Height > 0);
            Assert.All(image.Regions.Where(r => r.Kind.StartsWith("qr") || r.Kind == "code39"), r => Assert.True(r.Y + r.Height <= proof.Height));

            // On paper: one cut after the proof and one after the slip.
            var bytes = EscPosRenderer.Render(invoice, Samples.Key, options);
            Assert.Equal(2, Cuts(bytes));
        }
        Assert.Equal(1, Cuts(EscPosRenderer.Render(Samples.B2C(), Samples.Key)));
    }

    [Fact]
    public void A_carrier_or_donated_invoice_preview_says_it_is_no_proof_and_carries_no_codes()
    {
        using var renderer = new PngProofRenderer();
        foreach (var invoice in new[] { Samples.B2C() with { Carrier = new("3J0002", "/ABC+123", "/ABC+123") }, Samples.B2C() with { DonationCode = "168" } })
        {
            var layout = InvoiceProof.Layout(invoice, Samples.Key, new ProofOptions(NotAProof: true));
            Assert.Equal(ProofLayoutBuilder.NotAProofTitle, layout.Elements.OfType<ProofText>().ElementAt(1).Text);
            Assert.DoesNotContain(layout.Elements.OfType<ProofText>(), t => t.Text.Contains(ProofLayoutBuilder.Title));
            Assert.DoesNotContain(layout.Elements, e => e is ProofQrPair or ProofBarcode39);
            var image = renderer.Render(layout);
            Assert.DoesNotContain(image.Regions, r => r.Kind.StartsWith("qr") || r.Kind == "code39");
            var whole = Zx.FromPng(image.Png);
            Assert.Null(Zx.Decode(whole.Gray, whole.W, whole.H, BarcodeFormat.QR_CODE));
            Assert.Null(Zx.Decode(whole.Gray, whole.W, whole.H, BarcodeFormat.CODE_39));
        }
    }

    // Parsed, not byte-searched: raster image data could contain GS V by chance.
    private static int Cuts(byte[] bytes) =>
        EscPosParser.Parse(bytes, PosCloud.Printing.EscPosRenderer.TextEncoding).Count(i => i is EscPosCommand { Name: "GS V" });
}
