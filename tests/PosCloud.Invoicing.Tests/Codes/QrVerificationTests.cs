using System.Security.Cryptography;
using System.Text;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Codes;

public class QrVerificationTests
{
    [Theory]
    [InlineData("FE05F029154F6AA67A78B338ED2F6601", "XF000012349876", "CamotDNRUN8bVyY5S1BhFQ==")]
    [InlineData("F1A618ED8685B1A3B81E6CB6884617F4", "PL498214165871", "E95eNqkzodO49TnX0I8vcg==")]
    public void Published_AES_vectors(string keyHex, string plaintext, string expected) =>
        Assert.Equal(expected, QrVerification.Compute(QrVerificationKey.FromHex(keyHex), plaintext));

    [Fact]
    public void Number_and_random_code_form_the_plaintext()
    {
        var key = QrVerificationKey.FromHex("FE05F029154F6AA67A78B338ED2F6601");
        Assert.Equal("CamotDNRUN8bVyY5S1BhFQ==", QrVerification.Compute(key, InvoiceNumber.Parse("XF00001234"), "9876"));
    }

    [Fact]
    public void The_fixed_IV_is_the_one_the_MOF_publishes() =>
        Assert.Equal("Dt8lyToo17X/XkXaQvihuA==", Convert.ToBase64String(QrVerification.Iv.ToArray()));

    [Fact]
    public void Output_decrypts_back_with_the_framework_AES()
    {
        var key = QrVerificationKey.FromHex("00112233445566778899AABBCCDDEEFF");
        var cipher = Convert.FromBase64String(QrVerification.Compute(key, InvoiceNumber.Parse("ZZ99999999"), "0001"));
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var plain = aes.DecryptCbc(cipher, Convert.FromBase64String("Dt8lyToo17X/XkXaQvihuA=="), PaddingMode.PKCS7);
        Assert.Equal("ZZ999999990001", Encoding.ASCII.GetString(plain));
    }

    [Theory]
    [InlineData("FE05F029154F6AA67A78B338ED2F660")]
    [InlineData("FE05F029154F6AA67A78B338ED2F66011")]
    [InlineData("GE05F029154F6AA67A78B338ED2F6601")]
    public void Key_must_be_32_hex_characters(string hex) => Assert.Throws<FormatException>(() => QrVerificationKey.FromHex(hex));

    [Fact]
    public void Key_never_shows_in_ToString() =>
        Assert.DoesNotContain("FE05", QrVerificationKey.FromHex("FE05F029154F6AA67A78B338ED2F6601").ToString(), StringComparison.OrdinalIgnoreCase);
}
