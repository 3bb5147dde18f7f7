using Microsoft.Extensions.Logging;
using PosCloud.Invoicing.Codes;
using SkiaSharp;

namespace PosCloud.Invoicing.Proof;

/// <param name="Scale">Pixels per printer dot; 2 gives a crisp preview on screens.</param>
/// <param name="DotsPerLine">The same printable width as the printer (384 dots on 57 mm paper).</param>
public sealed record PngProofOptions(int Scale = 2, int DotsPerLine = 384, int MarginDots = 16, int QrMaxModuleDots = 4, int Code39HeightDots = 64)
{
    public static PngProofOptions Default { get; } = new();
}

/// <summary>A rendered preview and where its codes are, in pixels (for highlighting or cropping).</summary>
public sealed record ProofImage(byte[] Png, int Width, int Height, IReadOnlyList<ProofImageRegion> Regions);

/// <param name="Kind">"code39", "qr-left" or "qr-right".</param>
public sealed record ProofImageRegion(string Kind, int X, int Y, int Width, int Height);

/// <summary>
/// Draws the same proof layout as the printer gets, as a PNG (shown on the order's page). Barcodes
/// are drawn from the same bar pattern and QR modules, at integer pixel sizes, so a scanner reads
/// the preview just as it reads the paper.
/// </summary>
public sealed class PngProofRenderer : IDisposable
{
    private const int NormalFontDots = 24; // printer font A: 12×24 dots, CJK 24×24
    /// <summary>The proof's paper size (MOF: 5.7 cm wide, 9 cm tall).</summary>
    public const double ProofWidthMm = 57, ProofHeightMm = 90;
    private const int CutDots = 24;
    private const int LineSpacingDots = 6;
    private readonly SKTypeface _typeface;
    private readonly PngProofOptions _options;
    private readonly bool _ownsTypeface;

    /// <param name="typeface">A typeface to use instead of <see cref="ProofFonts.Resolve"/>; the caller keeps owning it.</param>
    public PngProofRenderer(PngProofOptions? options = null, ILogger? logger = null, SKTypeface? typeface = null)
    {
        _options = options ?? PngProofOptions.Default;
        _ownsTypeface = typeface is null;
        _typeface = typeface ?? ProofFonts.Resolve(logger);
    }

    public ProofImage Render(ProofLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var s = _options.Scale;
        var regions = new List<ProofImageRegion>();
        var width = (_options.DotsPerLine + 2 * _options.MarginDots) * s;
        var left = _options.MarginDots * s;
        var contentWidth = _options.DotsPerLine * s;

        // Measure first (the height depends on the QR version), then draw.
        var qrImages = layout.Elements.OfType<ProofQrPair>()
            .ToDictionary(q => q, q => QrPairImage.Compose(new QrPair(q.Left, q.Right, 0), _options.DotsPerLine, _options.QrMaxModuleDots));
        // The proof is a fixed 5.7 × 9 cm: the part before the cut (or the whole layout) is drawn in a box of those
        // proportions, so the preview shows the paper as it comes out; the detail slip follows below a cut line.
        var cut = layout.Elements.ToList().FindIndex(e => e is ProofCut);
        var proofElements = cut < 0 ? layout.Elements : layout.Elements.Take(cut).ToList();
        var proofContent = _options.MarginDots * s + proofElements.Sum(e => HeightDots(e, qrImages) * s) + (cut < 0 ? _options.MarginDots * s : 0);
        var proofBox = Math.Max(proofContent, (int)Math.Round(width * ProofHeightMm / ProofWidthMm));
        var detail = cut < 0 ? 0 : CutDots * s + layout.Elements.Skip(cut + 1).Sum(e => HeightDots(e, qrImages) * s) + _options.MarginDots * s;
        var height = proofBox + detail;
        regions.Add(new ProofImageRegion("proof", 0, 0, width, proofBox));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        var y = _options.MarginDots * s;
        foreach (var element in layout.Elements)
        {
            switch (element)
            {
                case ProofText t:
                    DrawText(canvas, t, left, y, contentWidth, layout.Columns, text);
                    break;
                case ProofCut:
                    y = proofBox;
                    for (var x = 0; x < width; x += 8 * s)
                        canvas.DrawRect(x, y + CutDots * s / 2, 4 * s, s, black);
                    regions.Add(new ProofImageRegion("detail", 0, y + CutDots * s, width, height - y - CutDots * s));
                    y += CutDots * s;
                    continue;
                case ProofRule:
                    for (var x = left; x < left + contentWidth; x += 12 * s)
                        canvas.DrawRect(x, y + 14 * s, 7 * s, s, black);
                    break;
                case ProofBarcode39 b:
                    regions.Add(DrawCode39(canvas, b.Content, left, y, contentWidth, black));
                    break;
                case ProofQrPair q:
                    var img = qrImages[q];
                    for (var by = 0; by < img.Bitmap.Height; by++)
                        for (var bx = 0; bx < img.Bitmap.Width; bx++)
                            if (img.Bitmap[bx, by]) canvas.DrawRect(left + bx * s, y + by * s, s, s, black);
                    regions.Add(new ProofImageRegion("qr-left", left + img.LeftCode.X * s, y + img.LeftCode.Y * s, img.LeftCode.Width * s, img.LeftCode.Height * s));
                    regions.Add(new ProofImageRegion("qr-right", left + img.RightCode.X * s, y + img.RightCode.Y * s, img.RightCode.Width * s, img.RightCode.Height * s));
                    break;
            }
            y += HeightDots(element, qrImages) * s;
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new ProofImage(data.ToArray(), width, height, regions);
    }

    private int HeightDots(ProofElement e, Dictionary<ProofQrPair, QrPairImage> qr) => e switch
    {
        ProofText { Size: ProofTextSize.Large } => 2 * NormalFontDots + LineSpacingDots,
        ProofText or ProofRule => NormalFontDots + LineSpacingDots,
        ProofFeed f => f.Lines * (NormalFontDots + LineSpacingDots),
        ProofBarcode39 => _options.Code39HeightDots + 2 * LineSpacingDots,
        ProofQrPair q => qr[q].Bitmap.Height + LineSpacingDots,
        _ => 0,
    };

    private void DrawText(SKCanvas canvas, ProofText t, int left, int top, int contentWidth, int columns, SKPaint paint)
    {
        var s = _options.Scale;
        var large = t.Size == ProofTextSize.Large;
        // Same rule as the printer: double width only when the line still fits.
        var doubleWidth = large && TextColumns.Of(t.Text) * 2 <= columns;
        using var font = new SKFont(_typeface, NormalFontDots * s * (large ? 2 : 1))
        {
            Embolden = t.Bold,
            Edging = SKFontEdging.Antialias,
        };
        // Keep the paper's column grid: a line may be as wide as its columns (12 dots each, doubled
        // for double width) and no wider, whatever the font's own advance widths are.
        var columnPx = NormalFontDots / 2f * s * (doubleWidth ? 2 : 1);
        var target = TextColumns.Of(t.Text) * columnPx;
        var natural = font.MeasureText(t.Text);
        if (natural > target) font.ScaleX = target / natural; // also makes double-height-only text narrow
        var textWidth = font.MeasureText(t.Text);
        var x = t.Align == ProofAlign.Center ? left + (contentWidth - textWidth) / 2 : left;
        var baseline = top + font.Size * 0.85f;
        canvas.DrawText(t.Text, x, baseline, SKTextAlign.Left, font, paint);
    }

    private ProofImageRegion DrawCode39(SKCanvas canvas, string content, int left, int top, int contentWidth, SKPaint black)
    {
        var s = _options.Scale;
        var widths = Code39Pattern.Widths(content, narrow: s, wide: 3 * s);
        var total = widths.Sum();
        var x = left + (contentWidth - total) / 2;
        var y = top + LineSpacingDots * s;
        var h = _options.Code39HeightDots * s;
        var bar = true;
        var startX = x;
        foreach (var w in widths)
        {
            if (bar) canvas.DrawRect(x, y, w, h, black);
            x += w;
            bar = !bar;
        }
        // Region includes a quiet zone of 10 narrow modules each side, clipped to the image.
        var quiet = 10 * s;
        return new ProofImageRegion("code39", Math.Max(0, startX - quiet), top, total + 2 * quiet, h + 2 * LineSpacingDots * s);
    }

    public void Dispose()
    {
        if (_ownsTypeface) _typeface.Dispose();
    }
}
