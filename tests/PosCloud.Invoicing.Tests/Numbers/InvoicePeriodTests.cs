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

    // The 2025 rule: counted in Taiwan calendar days from the day after issue; B2C ends with (issue day + 2), B2B with
    // (issue day + 7); no weekend or holiday extension. The result is the midnight that closes the last day.
    [Theory]
    [InlineData("2026-11-18 00:00:00", false, "2026-11-21")] // start of a day: still 2 whole days after it
    [InlineData("2026-11-18 23:59:59", false, "2026-11-21")] // end of a day: not 48 h, the same calendar rule
    [InlineData("2026-11-30 10:00:00", false, "2026-12-03")] // month end (and into the next period's last month)
    [InlineData("2026-12-31 18:00:00", false, "2027-01-03")] // period and year end: 11512 → deadline in 11602
    [InlineData("2026-10-31 09:00:00", false, "2026-11-03")] // period end 11510 → 11512
    [InlineData("2026-11-20 12:00:00", false, "2026-11-23")] // Friday: Sunday's end, no weekend extension
    [InlineData("2026-11-18 12:00:00", true, "2026-11-26")]  // B2B: issue day + 7
    [InlineData("2026-12-28 12:00:00", true, "2027-01-05")]  // B2B across the year end
    [InlineData("2028-02-27 12:00:00", false, "2028-03-01")] // leap year: 27 → 29 Feb is the last day
    public void Upload_deadline_is_the_end_of_issue_day_plus_2_B2C_or_plus_7_B2B_in_Taiwan_days(string issued, bool b2b, string closesAt)
    {
        var at = DateTime.Parse(issued, System.Globalization.CultureInfo.InvariantCulture);
        var closes = DateTime.Parse(closesAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(closes, UploadDeadline.For(at, b2b));
        Assert.Equal(DateOnly.FromDateTime(closes).AddDays(-1), UploadDeadline.LastDay(DateOnly.FromDateTime(at), b2b));
    }

    [Theory]
    [InlineData("11512", "2027-01-11")] // 次期開始十日內: 1–10 January
    [InlineData("11502", "2026-03-11")]
    [InlineData("11510", "2026-11-11")]
    public void Blank_numbers_are_due_by_the_end_of_the_10th_day_of_the_next_period(string period, string closesAt) =>
        Assert.Equal(DateTime.Parse(closesAt, System.Globalization.CultureInfo.InvariantCulture), UploadDeadline.ForBlankNumbers(InvoicePeriod.Parse(period)));
}
