using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.Printing;
using ZXing;

namespace PosCloud.Invoicing.Tests.Printing;

public class FakePrinterTests
{
    private static ReceiptPrinter PrinterAt(int port) => new(new ReceiptPrinterOptions(new PrinterEndpoint.Network("127.0.0.1", port))
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        WriteTimeout = TimeSpan.FromSeconds(5),
        StatusTimeout = TimeSpan.FromMilliseconds(500),
    });

    [Fact]
    public async Task Printed_proof_carries_the_exact_Code39_and_both_QR_payloads()
    {
        await using var fake = new FakeNetworkPrinter();
        var invoice = Samples.B2C();
        var expectedQr = InvoiceQrContent.Build(invoice, Samples.Key, new QrContentOptions(120)); // forces items into the right code
        Assert.NotEqual("**", expectedQr.Right);
        var bytes = EscPosRenderer.Render(ProofLayoutBuilder.Build(invoice, expectedQr));

        await PrinterAt(fake.Port).PrintAsync(bytes);
        var received = await fake.NextJobAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(bytes, received);
        var items = EscPosParser.Parse(received, EscPosRenderer.TextEncoding);

        Assert.Equal(new EscPosCommand("ESC @"), items[0]);
        Assert.Contains(new EscPosCommand("FS &"), items);
        Assert.IsType<EscPosCommand>(items[^1]);
        Assert.Equal("GS V", ((EscPosCommand)items[^1]).Name);

        var barcode = Assert.Single(items.OfType<EscPosBarcode>());
        Assert.Equal(69, barcode.System); // CODE39
        Assert.Equal("11312AB123456783760", barcode.Data);

        var raster = Assert.Single(items.OfType<EscPosRaster>());
        Assert.Equal(384, raster.WidthDots);
        var half = raster.WidthDots / 2;
        var left = Zx.FromRaster(raster, 0, 0, half, raster.Height);
        var right = Zx.FromRaster(raster, half, 0, half, raster.Height);
        Assert.Equal(expectedQr.Left, Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE));
        Assert.Equal(expectedQr.Right, Zx.Decode(right.Gray, right.W, right.H, BarcodeFormat.QR_CODE));

        var texts = items.OfType<EscPosText>().ToList();
        Assert.Contains(texts, t => t.Text == "電子發票證明聯" && t.Size == 0x11);
        Assert.Contains(texts, t => t.Text == "113年11-12月" && t.Size == 0x11);
        Assert.Contains(texts, t => t.Text == "AB-12345678" && t.Size == 0x11);
        Assert.Contains(texts, t => t.Text.StartsWith("隨機碼 3760", StringComparison.Ordinal) && t.Text.EndsWith("總計 340", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text == "賣方 24634102");
        Assert.DoesNotContain(texts, t => t.Text.Contains("補印", StringComparison.Ordinal));
        // The proof carries no item list (it is printed only on request, as a separate 交易明細 slip).
        Assert.DoesNotContain(texts, t => t.Text == "口罩");
    }

    [Fact]
    public void A_reprint_is_marked_and_a_B2B_proof_shows_format_25_and_the_buyer()
    {
        var invoice = Samples.B2B();
        var bytes = EscPosRenderer.Render(invoice, Samples.Key, new ProofOptions(Reprint: true));
        var texts = EscPosParser.Parse(bytes, EscPosRenderer.TextEncoding).OfType<EscPosText>().ToList();

        // 18 columns doubled would not fit 32: double height only (0x01), never wrapped.
        Assert.Contains(texts, t => t.Text == "電子發票證明聯補印" && t.Size == 0x01);
        Assert.Contains(texts, t => t.Text.StartsWith("2025-01-02 23:59:58", StringComparison.Ordinal) && t.Text.EndsWith("格式 25", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text.StartsWith("賣方 24634102", StringComparison.Ordinal) && t.Text.EndsWith("買方 04595252", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text == "114年01-02月");
        Assert.All(texts, t => Assert.True(TextColumns.Of(t.Text) <= 32, t.Text));
    }

    [Fact]
    public async Task Status_is_read_with_DLE_EOT_and_reported_as_plain_values()
    {
        await using var fake = new FakeNetworkPrinter();
        var printer = PrinterAt(fake.Port);

        var ready = await printer.GetStatusAsync();
        Assert.Equal(PrinterReachability.Answered, ready.Reachability);
        Assert.Equal(PrinterConditions.None, ready.Conditions);
        Assert.True(ready.CanPrint);

        // Paper out, as an Epson answers: offline (DLE EOT 1 bit 3), stopped by paper end (2: bit 5), sensor (4: bits 5-6).
        fake.StatusReply = n => n switch { 1 => 0x1A, 2 => 0x32, 4 => 0x72, _ => null };
        var paperOut = await printer.GetStatusAsync();
        Assert.True(paperOut.Conditions.HasFlag(PrinterConditions.PaperOut));
        Assert.True(paperOut.Conditions.HasFlag(PrinterConditions.Offline));
        Assert.False(paperOut.CanPrint);
        Assert.Contains("缺紙", paperOut.Description);

        fake.StatusReply = n => n switch { 1 => 0x1A, 2 => 0x16, 4 => 0x12, _ => null };
        var cover = await printer.GetStatusAsync();
        Assert.Equal(PrinterConditions.Offline | PrinterConditions.CoverOpen, cover.Conditions);

        fake.StatusReply = _ => null;
        var silent = await printer.GetStatusAsync();
        Assert.Equal(PrinterReachability.NoStatusReply, silent.Reachability);
        Assert.True(silent.CanPrint); // cannot tell: try to print
    }

    [Fact]
    public async Task Device_file_endpoint_receives_the_bytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, []);
        try
        {
            var printer = new ReceiptPrinter(new ReceiptPrinterOptions(PrinterEndpoint.Parse(path)));
            var bytes = EscPosRenderer.Render(Samples.B2C(), Samples.Key);
            await printer.PrintAsync(bytes);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
            Assert.Equal(PrinterReachability.NoStatusReply, (await printer.GetStatusAsync()).Reachability);
        }
        finally
        {
            File.Delete(path);
        }
        var missing = new ReceiptPrinter(new ReceiptPrinterOptions(new PrinterEndpoint.Device(path)));
        var ex = await Assert.ThrowsAsync<PrinterException>(() => missing.PrintAsync(new byte[] { 1 }));
        Assert.Equal(PrintFailure.Unreachable, ex.Failure);
    }

    [Theory]
    [InlineData("192.168.1.50", "192.168.1.50", 9100)]
    [InlineData("tcp://printer.local:9101", "printer.local", 9101)]
    [InlineData("10.0.0.7:9100", "10.0.0.7", 9100)]
    public void Endpoint_configuration(string text, string host, int port) =>
        Assert.Equal(new PrinterEndpoint.Network(host, port), PrinterEndpoint.Parse(text));
}
