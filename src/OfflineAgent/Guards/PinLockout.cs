using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Guards;

/// <summary>
/// The manager PIN is 4-8 digits: without a limit a script tries them all in seconds. After
/// <see cref="FreeTries"/> wrong PINs every PIN-taking call of this agent is refused, without looking at
/// the PIN, for a wait that starts at 30 s and doubles with each further wrong PIN up to 15 minutes. One
/// count for the whole register (any endpoint, any approver); a right PIN clears it; an hour without a
/// wrong PIN forgets it. In memory: restarting the agent takes a person at the machine.
/// </summary>
public sealed class PinLockout(TimeProvider time, ILogger<PinLockout> log)
{
    public const int FreeTries = 5;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _last;

    /// <summary>The rule: no wait for the first free tries, then 30 s, 60 s, 2 min … never more than 15 min.</summary>
    public static TimeSpan? Wait(int failures) =>
        failures < FreeTries ? null
        : TimeSpan.FromSeconds(Math.Min(MaxWait.TotalSeconds, FirstWait.TotalSeconds * Math.Pow(2, Math.Min(failures - FreeTries, 20))));

    /// <summary>Bilingual text the screen shows as it is.</summary>
    public static string Message(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        var (zh, en) = seconds <= 90 ? ($"{seconds} 秒", $"{seconds} seconds") : ($"{(int)Math.Ceiling(seconds / 60.0)} 分鐘", $"{(int)Math.Ceiling(seconds / 60.0)} minutes");
        return $"主管密碼錯誤次數過多，請 {zh}後再試。 / Too many wrong manager PINs: try again in {en}.";
    }

    /// <summary>Checks a PIN as <see cref="ManagerApproval.Check"/> does, unless the register is locked out; counts wrong ones.</summary>
    public ApprovalResult Check(string? entered, AgentOptions options, string where)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_failures > 0 && now - _last > Forget) _failures = 0;
            if (Wait(_failures) is { } wait && _last + wait > now)
            {
                var left = _last + wait - now;
                log.LogWarning("Manager PIN refused at {Where}: locked for {Left} more after {Failures} wrong PIN(s).", where, left, _failures);
                return new(false, "manager.pin.locked", null, left);
            }
            var result = ManagerApproval.Check(entered, options.ManagerPin, options.StaffPins);
            if (result.Approved)
            {
                if (_failures > 0) log.LogInformation("Manager PIN accepted at {Where} after {Failures} wrong PIN(s).", where, _failures);
                _failures = 0;
            }
            else if (result.Code == "manager.pin.wrong")
            {
                _failures++;
                _last = now;
                var next = Wait(_failures);
                log.LogWarning("Wrong manager PIN at {Where} ({Failures} in a row){Lock}.", where, _failures,
                    next is { } w ? $"; further PINs refused for {w}" : "");
                if (next is { } locked) return result with { Code = "manager.pin.locked", RetryAfter = locked };
            }
            return result;
        }
    }
}
