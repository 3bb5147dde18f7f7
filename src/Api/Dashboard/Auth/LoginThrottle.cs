using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PosCloud.Api.Dashboard.Auth;

/// <summary>
/// Slows password guessing at the dashboard's sign-in. After <see cref="DashboardOptions.LoginFailuresBeforeLockout"/>
/// failures for one user name (or four times as many from one address, across names) further attempts are
/// refused without looking at the password, for a lockout that starts at one minute and doubles with each
/// further failure up to <see cref="DashboardOptions.LoginLockoutMaxMinutes"/>; failures older than that
/// maximum are forgotten, and a success clears the user name's. Kept in memory per Api instance: nothing
/// an attacker does can lock a real user out for longer than the maximum, and a restart forgives.
/// </summary>
public sealed class LoginThrottle(TimeProvider time, IOptions<DashboardOptions> options)
{
    private const int PerAddressFactor = 4;
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>How long the caller must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var waits = new[] { Wait(UserKey(userName), o.LoginFailuresBeforeLockout, now), Wait(AddressKey(address), o.LoginFailuresBeforeLockout * PerAddressFactor, now) };
        return waits.Where(w => w is not null).Max();
    }

    public void Failed(string userName, string? address)
    {
        var now = time.GetUtcNow();
        foreach (var key in new[] { UserKey(userName), AddressKey(address) })
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => Expired(f, now) ? new Failures(1, now) : new Failures(f.Count + 1, now));
        if (_failures.Count > PruneAbove)
            foreach (var (key, f) in _failures)
                if (Expired(f, now)) _failures.TryRemove(key, out _);
    }

    public void Succeeded(string userName) => _failures.TryRemove(UserKey(userName), out _);

    /// <summary>The rule: none below the allowance, then 1, 2, 4 … minutes, never more than the maximum.</summary>
    public static TimeSpan? Lockout(int failures, int allowed, TimeSpan max) =>
        failures < allowed ? null : TimeSpan.FromMinutes(Math.Min(max.TotalMinutes, Math.Pow(2, Math.Min(failures - allowed, 20))));

    private TimeSpan? Wait(string key, int allowed, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || Expired(f, now)) return null;
        var until = Lockout(f.Count, allowed, Max) is { } lockout ? f.Last + lockout : (DateTimeOffset?)null;
        return until > now ? until - now : null;
    }

    private TimeSpan Max => TimeSpan.FromMinutes(options.Value.LoginLockoutMaxMinutes);
    private bool Expired(Failures f, DateTimeOffset now) => now - f.Last > Max;
    private static string UserKey(string userName) => "user:" + userName.Trim().ToUpperInvariant();
    private static string AddressKey(string? address) => "address:" + (address ?? "unknown");
}
