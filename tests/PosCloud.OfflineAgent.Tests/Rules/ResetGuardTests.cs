using PosCloud.OfflineAgent.Guards;

namespace PosCloud.OfflineAgent.Tests.Rules;

/// <summary>重設本機資料: refused offline, without a configured PIN, with a wrong PIN, and while sales are unsynced.</summary>
public sealed class ResetGuardTests
{
    private static readonly ApprovalResult Ok = new(true, "ok", ManagerApproval.StorePinApprover);

    [Fact]
    public void Offline_is_refused_first_and_says_why_and_what_next()
    {
        var d = GuardRules.DecideReset(online: false, pinConfigured: true, Ok, unsynced: 0);
        Assert.False(d.Allowed);
        Assert.Equal("guard.offline", d.Code);
        Assert.Contains("離線", d.MessageZh);
        Assert.Contains("恢復連線", d.MessageZh);
        Assert.Contains("once online", d.MessageEn);
    }

    [Fact]
    public void Without_a_configured_pin_it_names_the_setting() =>
        Assert.Contains("--Agent:ManagerPin", GuardRules.DecideReset(true, false, null, 0).MessageZh);

    [Theory]
    [InlineData(null, "guard.manager.pin.required")]
    [InlineData("1111", "guard.manager.pin.wrong")]
    public void A_missing_or_wrong_pin_is_refused(string? entered, string code)
    {
        var approval = ManagerApproval.Check(entered, "2468", new Dictionary<string, string>());
        var d = GuardRules.DecideReset(true, true, approval, 0);
        Assert.False(d.Allowed);
        Assert.Equal(code, d.Code);
    }

    [Fact]
    public void Unsynced_sales_still_block_it_with_the_right_pin()
    {
        var d = GuardRules.DecideReset(true, true, Ok, unsynced: 3);
        Assert.False(d.Allowed);
        Assert.Equal("guard.unsynced", d.Code);
        Assert.Contains("3", d.MessageZh);
    }

    [Fact]
    public void Online_with_the_pin_and_nothing_unsynced_is_allowed() =>
        Assert.True(GuardRules.DecideReset(true, true, Ok, 0).Allowed);
}
