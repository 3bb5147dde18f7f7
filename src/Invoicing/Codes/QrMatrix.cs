using System.Text;
using QRCoder;

namespace PosCloud.Invoicing.Codes;

/// <summary>A QR code as dark/light modules, without quiet zone. Both renderers draw from this.</summary>
public sealed class QrMatrix
{
    private readonly bool[,] _dark;

    private QrMatrix(bool[,] dark, int version)
    {
        _dark = dark;
        Version = version;
    }

    public int Size => _dark.GetLength(0);
    public int Version { get; }
    public bool this[int x, int y] => _dark[y, x];

    /// <summary>
    /// Encodes <paramref name="text"/> as UTF-8 bytes (what the encoding parameter 1 promises), error
    /// correction L (the level in common use on proofs), no ECI header (phone apps read raw bytes).
    /// </summary>
    /// <param name="version">Fixed version, to give both codes of a proof the same size; -1 = smallest that fits.</param>
    public static QrMatrix Encode(string text, int version = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L, forceUtf8: true, utf8BOM: false,
            eciMode: QRCodeGenerator.EciMode.Default, requestedVersion: version);
        // QRCoder's matrix carries a 4-module quiet zone on each side; strip it, renderers add their own.
        const int quiet = 4;
        var full = data.ModuleMatrix;
        var size = full.Count - 2 * quiet;
        var dark = new bool[size, size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                dark[y, x] = full[y + quiet][x + quiet];
        return new QrMatrix(dark, data.Version);
    }

    /// <summary>Both codes of a proof at the same version (the spec wants them the same size).</summary>
    public static (QrMatrix Left, QrMatrix Right) EncodePair(QrPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var left = Encode(pair.Left);
        var right = Encode(pair.Right);
        var version = Math.Max(left.Version, right.Version);
        return (left.Version == version ? left : Encode(pair.Left, version),
                right.Version == version ? right : Encode(pair.Right, version));
    }

    internal static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);
}
