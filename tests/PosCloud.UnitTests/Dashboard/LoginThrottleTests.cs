using Microsoft.Extensions.Options;
using PosCloud.Api.Dashboard;
using PosCloud.Api.Dashboard.Auth;

namespace PosCloud.UnitTests.Dashboard;

public class LoginThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() =>
        _throttle = new LoginThrottle(_clock, Options.Create(new DashboardOptions { LoginFailuresBeforeLockout = 5, LoginLockoutMaxMinutes = 15 }));

    private void Fail(int times, string user = "hq-operator", string address = "10.0.0.1")
    {
        for (var i = 0; i < times; i++) _throttle.Failed(user, address);
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(5, 1.0)]
    [InlineData(6, 2.0)]
    [InlineData(8, 8.0)]
    [InlineData(9, 15.0)]
    [InlineData(500, 15.0)]
    public void The_wait_starts_at_the_allowance_doubles_and_is_capped(int failures, double? minutes) =>
        Assert.Equal(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), LoginThrottle.Lockout(failures, 5, TimeSpan.FromMinutes(15)));

    [Fact]
    public void Four_failures_still_let_the_user_try_and_the_fifth_makes_them_wait_a_minute()
    {
        Fail(4);
        Assert.Null(_throttle.RetryAfter("hq-operator", "10.0.0.1"));
        Fail(1);
        Assert.Equal(TimeSpan.FromMinutes(1), _throttle.RetryAfter("hq-operator", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromMinutes(1), _throttle.RetryAfter(" HQ-OPERATOR ", "10.9.9.9")); // the name, from anywhere, any case
        Assert.Null(_throttle.RetryAfter("hq-viewer", "10.0.0.2"));

        _clock.Now += TimeSpan.FromSeconds(61);
        Assert.Null(_throttle.RetryAfter("hq-operator", "10.0.0.1"));
        Fail(1); // the sixth: two minutes
        Assert.Equal(TimeSpan.FromMinutes(2), _throttle.RetryAfter("hq-operator", "10.0.0.1"));
    }

    [Fact]
    public void A_success_clears_the_name_and_old_failures_are_forgotten()
    {
        Fail(4);
        _throttle.Succeeded("hq-operator");
        Fail(4);
        Assert.Null(_throttle.RetryAfter("hq-operator", "10.0.0.2"));

        _clock.Now += TimeSpan.FromMinutes(16);
        Fail(1);
        Assert.Null(_throttle.RetryAfter("hq-operator", "10.0.0.2"));
    }

    [Fact]
    public void One_address_trying_many_names_waits_too()
    {
        for (var i = 0; i < 20; i++) _throttle.Failed($"guess-{i}", "203.0.113.9");
        Assert.Equal(TimeSpan.FromMinutes(1), _throttle.RetryAfter("someone-new", "203.0.113.9"));
        Assert.Null(_throttle.RetryAfter("someone-new", "10.0.0.1"));
    }
}
