using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Numbers;

public class InvoicePeriodTests
{
    [Theory]
    [InlineData(2024, 11, 8, "11312", "113年11-12月")]
    [InlineData(2024, 12, 31, "11312", "113年11-12月")]
    [InlineData(2025, 1, 1, "11402", "114年01-02月")]
    [InlineData(2025, 2, 28, "11402", "114年01-02月")]
    [InlineData(2025, 3, 1, "11404", "114年03-04月")]
    [InlineData(2015, 4, 30, "10404", "104年03-04月")]
    [InlineData(2024, 2, 29, "11302", "113年01-02月")]
    [InlineData(2010, 7, 1, "09908", "99年07-08月")]
    public void Code_and_label_from_the_sale_date(int y, int m, int d, string code, string label)
    {
        var p = InvoicePeriod.Of(new DateOnly(y, m, d));
        Assert.Equal(code, p.Code);
        Assert.Equal(label, p.Label);
    }

    [Fact]
    public void Next_and_previous_cross_the_year_end()
    {
        var novDec = InvoicePeriod.Parse("11312");
        Assert.Equal("11402", novDec.Next().Code);
        Assert.Equal("11312", InvoicePeriod.Parse("11402").Previous().Code);
        Assert.Equal("11310", novDec.Previous().Code);
        Assert.Equal(new DateOnly(2024, 11, 1), novDec.FirstDay);
        Assert.Equal(new DateOnly(2024, 12, 31), novDec.LastDay);
        Assert.Equal(new DateOnly(2024, 2, 29), InvoicePeriod.Parse("11302").LastDay);
        Assert.False(novDec.Contains(new DateOnly(2025, 1, 1)));
        Assert.True(InvoicePeriod.Parse("11402").Contains(new DateOnly(2025, 1, 1)));
    }

    [Theory]
    [InlineData("11311")]
    [InlineData("11300")]
    [InlineData("11314")]
    [InlineData("1131")]
    [InlineData("113AB")]
    public void Rejects_codes_that_are_not_periods(string code) => Assert.False(InvoicePeriod.TryParse(code, out _));

    [Fact]
    public void Upload_deadline_is_48_hours_for_B2C_and_seven_days_from_the_next_day_for_B2B()
    {
        var issued = new DateTime(2024, 12, 30, 23, 10, 0);
        Assert.Equal(new DateTime(2025, 1, 1, 23, 10, 0), UploadDeadline.For(issued, isB2B: false));
        Assert.Equal(new DateTime(2025, 1, 7), UploadDeadline.For(issued, isB2B: true));
    }
}
