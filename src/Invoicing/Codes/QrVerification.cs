using System.Security.Cryptography;
using System.Text;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Codes;

/// <summary>
/// The 24-character verification field of the left QR code: AES-128-CBC with PKCS7 padding over
/// invoice number + random code (14 ASCII bytes, one block), Base64. The IV is fixed by the MOF.
/// </summary>
public static class QrVerification
{
    /// <summary>The MOF's fixed IV, Base64 <c>Dt8lyToo17X/XkXaQvihuA==</c>.</summary>
    public static ReadOnlySpan<byte> Iv => [0x0e, 0xdf, 0x25, 0xc9, 0x3a, 0x28, 0xd7, 0xb5, 0xff, 0x5e, 0x45, 0xda, 0x42, 0xf8, 0xa1, 0xb8];

    public static string Compute(QrVerificationKey key, InvoiceNumber number, string randomCode) =>
        Compute(key, number.ToString() + randomCode);

    /// <summary>Encrypts an arbitrary plaintext; exposed for the published test vectors.</summary>
    public static string Compute(QrVerificationKey key, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var aes = Aes.Create();
        aes.Key = key.Bytes.ToArray();
        var cipher = aes.EncryptCbc(Encoding.ASCII.GetBytes(plaintext), Iv, PaddingMode.PKCS7);
        return Convert.ToBase64String(cipher);
    }
}
