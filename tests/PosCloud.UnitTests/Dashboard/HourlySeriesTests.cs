using PosCloud.Api.Dashboard.Charts;

namespace PosCloud.UnitTests.Dashboard;

public class HourlySeriesTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.CreateCustomTimeZone("T", TimeSpan.FromHours(8), "T", "T");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero); // 11:00 in Taipei

    [Fact]
    public void A_local_day_starts_at_16_utc_the_day_before()
    {
        var (range, error) = HourlySeries.Parse("2026-11-26", "2026-11-27", Now, Taipei, 31);
        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero), range!.StartUtc);
        Assert.Equal(48, range.Hours);
    }

    [Fact]
    public void Missing_dates_mean_today_in_the_zone()
    {
        var (range, _) = HourlySeries.Parse(null, null, Now, Taipei, 31);
        Assert.Equal(new DateOnly(2026, 11, 27), range!.From);
        Assert.Equal(24, range.Hours);
    }

    [Theory]
    [InlineData("2026-11-27", "2026-11-26", "before")]
    [InlineData("2026-01-01", "2026-03-01", "At most 31 days")]
    [InlineData("27/11/2026", "2026-11-27", "not a date")]
    public void Bad_ranges_are_named(string from, string to, string expected)
    {
        var (range, error) = HourlySeries.Parse(from, to, Now, Taipei, 31);
        Assert.Null(range);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Bucket_counts_per_hour_and_ignores_outside()
    {
        var start = new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);
        var b = HourlySeries.Bucket([start, start.AddMinutes(59), start.AddMinutes(60), start.AddHours(3).AddSeconds(-1), start.AddSeconds(-1), start.AddHours(3)], start, 3);
        Assert.Equal([2, 1, 1], b);
    }

    [Fact]
    public void Backlog_is_start_plus_arrivals_minus_finishes_never_negative()
    {
        Assert.Equal([5, 12, 2, 0], HourlySeries.Backlog(5, [0, 10, 0, 0], [0, 3, 10, 4]));
    }
}
