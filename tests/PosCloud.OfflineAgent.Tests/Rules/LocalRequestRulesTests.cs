using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class LocalRequestRulesTests
{
    [Theory]
    [InlineData("127.0.0.1:5180", true)]
    [InlineData("localhost:5180", true)]
    [InlineData("[::1]:5180", true)]
    [InlineData("127.0.0.1:5181", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("evil.example:5180", false)]
    [InlineData("localhost.evil.example:5180", false)]
    [InlineData("127.0.0.1.nip.io:5180", false)]
    [InlineData("[::1]x:5180", false)]
    [InlineData("", false)]
    public void Only_loopback_names_on_the_agent_port_are_answered(string host, bool expected) =>
        Assert.Equal(expected, LocalRequestRules.IsLoopbackHost(host, 5180, anyPort: false));

    [Fact]
    public void Behind_a_container_port_mapping_any_port_of_a_loopback_name_is_answered()
    {
        Assert.True(LocalRequestRules.IsLoopbackHost("localhost:5180", 8080, anyPort: true));
        Assert.False(LocalRequestRules.IsLoopbackHost("evil.example:8080", 8080, anyPort: true));
    }

    [Fact]
    public void Kestrel_endpoints_are_checked_beside_the_urls()
    {
        Assert.Empty(LocalRequestRules.NonLoopbackBindings("http://127.0.0.1:5180;http://localhost:5181", [("Kestrel:Endpoints:Http:Url", "http://[::1]:5182")]));
        Assert.Equal(["http://*:5180", "Kestrel:Endpoints:Http:Url=http://0.0.0.0:5180"],
            LocalRequestRules.NonLoopbackBindings("http://*:5180", [("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5180"), ("Kestrel:Endpoints:B:Url", null)]));
    }

    [Fact]
    public void The_token_goes_right_after_head() =>
        Assert.Equal("<html><head lang=\"x\">\n  <meta name=\"poscloud-agent-token\" content=\"ab\"><title>",
            LocalRequestRules.InjectToken("<html><head lang=\"x\"><title>", "ab"));
}

public sealed class PinLockoutTests
{
    [Fact]
    public void The_wait_starts_after_five_and_doubles_up_to_fifteen_minutes()
    {
        Assert.Null(PinLockout.Wait(4));
        Assert.Equal(TimeSpan.FromSeconds(30), PinLockout.Wait(5));
        Assert.Equal(TimeSpan.FromSeconds(60), PinLockout.Wait(6));
        Assert.Equal(TimeSpan.FromMinutes(15), PinLockout.Wait(50));
    }

    [Fact]
    public void Locked_refuses_the_right_pin_until_the_wait_is_over_then_a_right_pin_clears()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lockout = new PinLockout(time, NullLogger<PinLockout>.Instance);
        var options = new AgentOptions { ManagerPin = "2468", StaffPins = new() { ["S001-E01"] = "1357" } };
        for (var i = 0; i < 5; i++) Assert.False(lockout.Check("0000", options, "test").Approved);
        var locked = lockout.Check("2468", options, "test");
        Assert.Equal("manager.pin.locked", locked.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), locked.RetryAfter);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("manager.pin.locked", lockout.Check("0000", options, "test").Code); // 6th wrong: 60 s now
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("manager.pin.locked", lockout.Check("1357", options, "test").Code);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new ApprovalResult(true, "ok", "S001-E01"), lockout.Check("1357", options, "test"));
        Assert.Equal("manager.pin.wrong", lockout.Check("0000", options, "test").Code);
    }

    [Fact]
    public void The_message_says_the_wait_in_both_languages()
    {
        Assert.Equal("主管密碼錯誤次數過多，請 30 秒後再試。 / Too many wrong manager PINs: try again in 30 seconds.", PinLockout.Message(TimeSpan.FromSeconds(29.2)));
        Assert.Contains("4 分鐘", PinLockout.Message(TimeSpan.FromMinutes(4)));
    }
}
