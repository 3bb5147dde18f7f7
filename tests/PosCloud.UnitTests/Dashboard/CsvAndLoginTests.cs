using System.Text;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Api.Dashboard.Export;

namespace PosCloud.UnitTests.Dashboard;

public class CsvAndLoginTests
{
    [Theory]
    [InlineData("外套", "外套")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-178", "'-178")]
    [InlineData(null, "")]
    public void Text_is_quoted_and_never_a_formula(string? input, string expected) => Assert.Equal(expected, Csv.Text(input));

    [Fact]
    public void Numbers_stay_numbers_and_the_file_starts_with_a_bom()
    {
        Assert.Equal("-178", Csv.Number(-178.00m));
        Assert.Equal("589.5", Csv.Number(589.50m));
        var bytes = Csv.Document([Csv.Line("門市", "金額"), Csv.Line("S001", "1")]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("門市,金額\r\nS001,1\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("/dashboard#/store/S001", "/dashboard#/store/S001")]
    [InlineData("https://evil.example/", "/dashboard")]
    [InlineData("//evil.example/dashboard", "/dashboard")]
    [InlineData("/dashboard/login", "/dashboard")]
    [InlineData("/swagger", "/dashboard")]
    [InlineData(null, "/dashboard")]
    public void Login_returns_only_inside_the_dashboard(string? returnUrl, string expected) =>
        Assert.Equal(expected, LoginEndpoints.SafeReturn(returnUrl));

    [Fact]
    public void Passwords_are_hashed_and_verified()
    {
        var user = DemoUsers.New("u", "U", "viewer", "correct horse", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("correct horse", user.PasswordHash);
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, DashboardPasswords.Verify(user, "correct horse"));
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, DashboardPasswords.Verify(user, "wrong"));
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, DashboardPasswords.Verify(null, "correct horse"));
    }
}
