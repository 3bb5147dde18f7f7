using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Numbers;

public class InvoiceNumberTests
{
    [Theory]
    [InlineData("AB12345678", true)]
    [InlineData("ZZ00000000", true)]
    [InlineData("ab12345678", false)]
    [InlineData("AB1234567", false)]
    [InlineData("AB-12345678", false)]
    [InlineData("A112345678", false)]
    [InlineData("AB123456789", false)]
    public void Format_is_two_capitals_and_eight_digits(string text, bool valid) =>
        Assert.Equal(valid, InvoiceNumber.IsValid(text));

    [Fact]
    public void Prints_with_a_dash_and_round_trips()
    {
        var n = InvoiceNumber.Parse("AB00012345");
        Assert.Equal("AB", n.Track);
        Assert.Equal(12345, n.Serial);
        Assert.Equal("AB00012345", n.ToString());
        Assert.Equal("AB-00012345", n.Printed);
    }

    [Fact]
    public void Random_code_is_always_four_digits()
    {
        Assert.Equal("0000", RandomCode.Format(0));
        Assert.Equal("0042", RandomCode.Format(42));
        Assert.Equal("9999", RandomCode.Format(9999));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomCode.Format(10000));
        for (var i = 0; i < 2000; i++)
        {
            var code = RandomCode.New();
            Assert.True(RandomCode.IsValid(code), code);
        }
        Assert.False(RandomCode.IsValid("10000"));
        Assert.False(RandomCode.IsValid("123"));
    }
}
