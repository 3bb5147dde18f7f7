using PosCloud.Invoicing.Buyers;

namespace PosCloud.Invoicing.Tests.Buyers;

public class TaxIdTests
{
    [Theory]
    [InlineData("53212539")] // sum 30
    [InlineData("88117125")] // sum 40
    [InlineData("10458575")] // 7th digit 7, sum 30 with the product's digit sum taken as 10
    public void Valid_under_both_rules(string id)
    {
        Assert.True(TaxId.IsValid(id, TaxIdRule.DivisibleBy10));
        Assert.True(TaxId.IsValid(id, TaxIdRule.DivisibleBy5));
    }

    [Theory]
    [InlineData("10458574")] // 7th digit 7: sum 29, valid only with the digit sum of 28 read as 1 (→ 30)
    [InlineData("12345675")] // 7th digit 7: 39 → 40
    public void Seventh_digit_seven_special_case(string id)
    {
        Assert.True(TaxId.IsValid(id, TaxIdRule.DivisibleBy10));
        Assert.True(TaxId.IsValid(id, TaxIdRule.DivisibleBy5));
    }

    [Fact]
    public void Special_case_only_applies_when_the_seventh_digit_is_seven()
    {
        // Same digits but the 7th is 6 / 8: no "+1" reading, and neither sum divides.
        Assert.False(TaxId.IsValid("10458573", TaxIdRule.DivisibleBy5));
        Assert.False(TaxId.IsValid("12345665", TaxIdRule.DivisibleBy10));
        Assert.False(TaxId.IsValid("88117126", TaxIdRule.DivisibleBy5));
    }

    [Fact]
    public void Divisible_by_five_is_accepted_from_2023_04_01_only()
    {
        const string id = "04595252"; // weighted digit sum 35
        Assert.False(TaxId.IsValid(id, TaxIdRule.DivisibleBy10));
        Assert.True(TaxId.IsValid(id, TaxIdRule.DivisibleBy5));
        Assert.False(TaxId.IsValid(id, new DateOnly(2023, 3, 31)));
        Assert.True(TaxId.IsValid(id, new DateOnly(2023, 4, 1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5321253")]
    [InlineData("532125390")]
    [InlineData("5321253A")]
    [InlineData("５３２１２５３９")]
    public void Wrong_format_is_invalid(string? id) => Assert.False(TaxId.IsValid(id, TaxIdRule.DivisibleBy5));

    [Fact]
    public void Eight_zeros_pass_the_checksum_but_are_never_a_tax_id()
    {
        // Weighted sum 0 is divisible by 5 and 10; it is the QR code's consumer buyer, so a 格式 25 invoice with it
        // could not be told from B2C.
        Assert.False(TaxId.IsValid("00000000", TaxIdRule.DivisibleBy5));
        Assert.False(TaxId.IsValid("00000000", TaxIdRule.DivisibleBy10));
        Assert.False(TaxId.IsValid("00000000", new DateOnly(2026, 11, 30)));
    }
}
