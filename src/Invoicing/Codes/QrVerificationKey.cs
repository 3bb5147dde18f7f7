using System.Globalization;

namespace PosCloud.Invoicing.Codes;

/// <summary>
/// The AES-128 key for the QR verification field: 32 hex characters the business derives on the
/// MOF platform from its "QRcode 密碼種子". Comes from configuration; ToString never shows it, so it
/// cannot leak into a log by accident.
/// </summary>
public sealed class QrVerificationKey
{
    private readonly byte[] _key;

    private QrVerificationKey(byte[] key) => _key = key;

    public static QrVerificationKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        hex = hex.Trim();
        if (hex.Length != 32 || !hex.All(Uri.IsHexDigit))
            throw new FormatException("The QR verification key must be 32 hexadecimal characters (AES-128).");
        return new QrVerificationKey(Convert.FromHexString(hex));
    }

    internal ReadOnlySpan<byte> Bytes => _key;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"QrVerificationKey(****, {_key.Length * 8} bit)");
}
