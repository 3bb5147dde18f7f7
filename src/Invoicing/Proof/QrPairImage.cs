using PosCloud.Invoicing.Codes;

namespace PosCloud.Invoicing.Proof;

/// <summary>
/// The two QR codes side by side as one image: quiet zone, left code, a gap of two quiet zones,
/// right code, quiet zone; same module size, top aligned, centred on the paper.
/// </summary>
public sealed record QrPairImage(MonoBitmap Bitmap, DotRect LeftCode, DotRect RightCode, int ModuleDots)
{
    public const int QuietModules = 4;

    public static QrPairImage Compose(QrPair pair, int widthDots, int maxModuleDots = 4)
    {
        var (left, right) = QrMatrix.EncodePair(pair);
        var n = left.Size;
        var totalModules = 2 * n + 4 * QuietModules;
        var module = Math.Min(maxModuleDots, widthDots / totalModules);
        if (module < 1) throw new InvalidOperationException($"Two version-{left.Version} QR codes do not fit in {widthDots} dots.");
        var used = totalModules * module;
        var x0 = (widthDots - used) / 2;
        var height = (n + 2 * QuietModules) * module;
        var bmp = new MonoBitmap(widthDots, height);
        var leftX = x0 + QuietModules * module;
        var rightX = leftX + (n + 2 * QuietModules) * module;
        var top = QuietModules * module;
        Draw(bmp, left, leftX, top, module);
        Draw(bmp, right, rightX, top, module);
        var q = QuietModules * module;
        return new QrPairImage(bmp,
            new DotRect(leftX - q, 0, n * module + 2 * q, height),
            new DotRect(rightX - q, 0, n * module + 2 * q, height),
            module);
    }

    private static void Draw(MonoBitmap bmp, QrMatrix m, int x0, int y0, int module)
    {
        for (var y = 0; y < m.Size; y++)
            for (var x = 0; x < m.Size; x++)
                if (m[x, y]) bmp.Fill(x0 + x * module, y0 + y * module, module, module);
    }
}
