using System.Text;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Proof;

namespace PosCloud.Printing;

/// <param name="DotsPerLine">Printable width: 384 dots for 57–58 mm paper at 203 dpi.</param>
/// <param name="Code39ModuleWidth">GS w. 1 keeps the 19-character Code 39 (≈ 336 dots) inside 384; most
/// Taiwanese e-invoice printers accept 1, some Epson models only 2–6 (then the barcode will not fit).</param>
/// <param name="Code39HeightDots">GS h; 64 dots ≈ 8 mm.</param>
/// <param name="ChineseMode">Send FS &amp; so double-byte Big5 text prints as Chinese.</param>
public sealed record EscPosOptions(int DotsPerLine = 384, int Code39ModuleWidth = 1, int Code39HeightDots = 64, bool ChineseMode = true, int QrMaxModuleDots = 4)
{
    public static EscPosOptions Default { get; } = new();
}

/// <summary>
/// Renders the proof layout to ESC/POS bytes: text in Big5 (code page 950), double size for title,
/// period and number, the Code 39 barcode with the printer's own GS k, and the two QR codes as one
/// raster image (GS v 0).
/// Why raster for QR: the MOF spec wants the two codes side by side, same size, top aligned.
/// GS ( k prints one QR per line (side by side needs page mode, which many clones lack), so the
/// two native codes would be stacked; a raster image places them exactly and every ESC/POS printer
/// we know takes GS v 0. The cost, a few KB more per receipt, is nothing on TCP or USB.
/// </summary>
public static class EscPosRenderer
{
    private static readonly Encoding Big5;

    static EscPosRenderer()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Big5 = Encoding.GetEncoding(950, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>The printer's text encoding (Big5, code page 950).</summary>
    public static Encoding TextEncoding => Big5;

    /// <summary>The one call from an issued invoice to the bytes for <see cref="ReceiptPrinter.PrintAsync"/> or
    /// <see cref="PrintQueue.Enqueue(string, byte[])"/>.</summary>
    public static byte[] Render(InvoiceDocument invoice, QrVerificationKey key, ProofOptions? options = null, EscPosOptions? escPos = null) =>
        Render(InvoiceProof.Layout(invoice, key, options), escPos);

    public static byte[] Render(ProofLayout layout, EscPosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        options ??= EscPosOptions.Default;
        var o = new MemoryStream();
        o.Write(EscPos.Initialize);
        if (options.ChineseMode) o.Write(EscPos.ChineseModeOn);

        foreach (var element in layout.Elements)
        {
            switch (element)
            {
                case ProofText t:
                    WriteText(o, t, layout.Columns);
                    break;
                case ProofCut:
                    // The proof ends here; the detail slip is a separate piece of paper.
                    o.Write(EscPos.FeedAndCut());
                    break;
                case ProofRule:
                    WriteText(o, new ProofText(new string('-', layout.Columns)), layout.Columns);
                    break;
                case ProofFeed f:
                    o.Write(EscPos.FeedLines(f.Lines));
                    break;
                case ProofBarcode39 b:
                    o.Write(EscPos.Align(1));
                    o.Write(EscPos.BarcodeNoHri);
                    o.Write(EscPos.BarcodeHeight(options.Code39HeightDots));
                    o.Write(EscPos.BarcodeModuleWidth(options.Code39ModuleWidth));
                    var data = Encoding.ASCII.GetBytes(b.Content);
                    o.Write([EscPos.Gs, 0x6B, EscPos.Code39FunctionB, (byte)data.Length]);
                    o.Write(data);
                    o.Write([EscPos.Lf]);
                    break;
                case ProofQrPair q:
                    o.Write(EscPos.Align(0));
                    WriteRaster(o, QrPairImage.Compose(new QrPair(q.Left, q.Right, 0), options.DotsPerLine, options.QrMaxModuleDots).Bitmap);
                    break;
                default:
                    throw new NotSupportedException($"No ESC/POS rendering for {element.GetType().Name}.");
            }
        }
        o.Write(EscPos.FeedLines(3));
        o.Write(EscPos.FeedAndCut());
        return o.ToArray();
    }

    /// <summary>GS v 0: xL xH = bytes per row, yL yH = rows, then the rows.</summary>
    public static void WriteRaster(Stream o, MonoBitmap bitmap)
    {
        var bits = bitmap.ToRasterBytes(out var bytesPerRow);
        o.Write(EscPos.RasterImageHeader);
        o.Write([(byte)(bytesPerRow & 0xFF), (byte)(bytesPerRow >> 8), (byte)(bitmap.Height & 0xFF), (byte)(bitmap.Height >> 8)]);
        o.Write(bits);
    }

    private static void WriteText(Stream o, ProofText t, int columns)
    {
        o.Write(EscPos.Align(t.Align == ProofAlign.Center ? 1 : 0));
        o.Write(EscPos.Bold(t.Bold));
        var bytes = Big5.GetBytes(t.Text);
        if (t.Size == ProofTextSize.Large)
            // Double width and height when it fits the line; otherwise double height only, so the line never wraps.
            o.Write(bytes.Length * 2 <= columns ? EscPos.CharacterSize(2, 2) : EscPos.CharacterSize(1, 2));
        else
            o.Write(EscPos.CharacterSize(1, 1));
        o.Write(bytes);
        o.Write([EscPos.Lf]);
        if (t.Size == ProofTextSize.Large) o.Write(EscPos.CharacterSize(1, 1));
        if (t.Bold) o.Write(EscPos.Bold(false));
    }
}
