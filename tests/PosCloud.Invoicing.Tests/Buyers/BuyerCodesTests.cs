using PosCloud.Invoicing.Buyers;

namespace PosCloud.Invoicing.Tests.Buyers;

public class BuyerCodesTests
{
    [Theory]
    [InlineData("/ABC+123", true)]
    [InlineData("/A.B-C12", true)]
    [InlineData("/1234567", true)]
    [InlineData("/abc1234", false)]
    [InlineData("ABC12345", false)]
    [InlineData("/ABC123", false)]
    [InlineData("/ABC12345", false)]
    [InlineData("/ABC_123", false)]
    public void Mobile_barcode(string code, bool valid) => Assert.Equal(valid, BuyerCodes.IsMobileBarcode(code));

    [Theory]
    [InlineData("AB12345678901234", true)]
    [InlineData("AB1234567890123", false)]
    [InlineData("ab12345678901234", false)]
    [InlineData("A112345678901234", false)]
    public void Citizen_certificate(string code, bool valid) => Assert.Equal(valid, BuyerCodes.IsCitizenCertificate(code));

    [Theory]
    [InlineData("123", true)]
    [InlineData("1234567", true)]
    [InlineData("12", false)]
    [InlineData("12345678", false)]
    [InlineData("12a45", false)]
    [InlineData("", false)]
    public void Donation_code(string code, bool valid) => Assert.Equal(valid, BuyerCodes.IsDonationCode(code));
}
