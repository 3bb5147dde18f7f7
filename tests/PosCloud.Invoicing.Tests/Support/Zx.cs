using PosCloud.Invoicing.Proof;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace PosCloud.Invoicing.Tests.Support;

/// <summary>Decoding with ZXing.Net — a barcode reader nobody here wrote — from raw luminance.</summary>
public static class Zx
{
    public static string? Decode(byte[] gray, int width, int height, BarcodeFormat format)
    {
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions
            {
                PossibleFormats = [format],
                TryHarder = true,
                CharacterSet = "UTF-8",
            },
        };
        return reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    /// <summary>A region of an ESC/POS raster as gray pixels, with a white border, each dot scaled up.</summary>
    public static (byte[] Gray, int W, int H) FromRaster(EscPosRaster raster, int x0, int y0, int w, int h, int scale = 2, int border = 16)
    {
        var W = w * scale + 2 * border;
        var H = h * scale + 2 * border;
        var gray = Enumerable.Repeat((byte)255, W * H).ToArray();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (raster[x0 + x, y0 + y])
                    for (var dy = 0; dy < scale; dy++)
                        for (var dx = 0; dx < scale; dx++)
                            gray[(border + y * scale + dy) * W + border + x * scale + dx] = 0;
        return (gray, W, H);
    }

    /// <summary>Decodes the PNG with SkiaSharp and returns gray pixels of a region (whole image when null).</summary>
    public static (byte[] Gray, int W, int H) FromPng(byte[] png, ProofImageRegion? region = null)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("Not a PNG.");
        var (x0, y0, w, h) = region is null ? (0, 0, bitmap.Width, bitmap.Height) : (region.X, region.Y, region.Width, region.Height);
        var gray = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var c = bitmap.GetPixel(x0 + x, y0 + y);
                gray[y * w + x] = (byte)((c.Red * 299 + c.Green * 587 + c.Blue * 114) / 1000);
            }
        return (gray, w, h);
    }
}
