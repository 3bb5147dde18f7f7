using PosCloud.Api.Dashboard.Overview;

namespace PosCloud.UnitTests.Dashboard;

public class OverviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(0, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Online_means_a_contact_within_the_window(int secondsAgo, bool online) =>
        Assert.Equal(online, OverviewRules.IsOnline(Now.AddSeconds(-secondsAgo), Now, Window));

    [Fact]
    public void Never_contacted_is_offline() => Assert.False(OverviewRules.IsOnline(null, Now, Window));

    [Theory]
    [InlineData(0, 0, null, false)]
    [InlineData(0, 0, 299.0, false)]
    [InlineData(0, 0, 301.0, true)]
    [InlineData(1, 0, null, true)]
    [InlineData(0, 1, null, true)]
    public void Trouble_is_failed_needs_review_or_a_stale_backlog(long needsReview, long failed, double? oldest, bool trouble) =>
        Assert.Equal(trouble, OverviewRules.HasTrouble(needsReview, failed, oldest, Window));

    private static OverviewRow Row(string id, long waiting = 0, long needsReview = 0, long failed = 0, double? oldest = null, bool online = true) =>
        new(id, id, online, Now, waiting, 0, needsReview, failed, oldest, null, OverviewRules.HasTrouble(needsReview, failed, oldest, Window));

    [Fact]
    public void Trouble_comes_first_failed_before_needs_review_before_old_backlog()
    {
        var ranked = OverviewRules.Rank([
            Row("S001"), Row("S002", waiting: 3, oldest: 30, online: false), Row("S003", needsReview: 1), Row("S004", failed: 1),
            Row("S005", waiting: 1, oldest: 4000), Row("S006", waiting: 1, oldest: 9000),
        ]).Select(r => r.StoreId);
        Assert.Equal(["S004", "S003", "S006", "S005", "S002", "S001"], ranked);
    }

    [Fact]
    public void Totals_add_up()
    {
        var t = OverviewRules.Totals([Row("S1", waiting: 2, failed: 1), Row("S2", needsReview: 4, online: false)]);
        Assert.Equal(new OverviewTotals(2, 1, 2, 2, 0, 4, 1), t);
    }
}
