namespace PosCloud.OfflineAgent.Connectivity;

public enum Reachability { Unknown, Online, Offline }

/// <summary>Where the monitor stands: the verdict plus the streaks that lead to the next one.</summary>
public sealed record ConnectivityState(Reachability Status, int FailuresInARow, int SuccessesInARow, DateTimeOffset Since, string? LastError)
{
    public static ConnectivityState Initial(DateTimeOffset now) => new(Reachability.Unknown, 0, 0, now, null);
}

/// <summary>
/// The hysteresis as a pure function: one lost probe on a flaky shop Wi-Fi must not flip the screen
/// back and forth, so it takes N failures in a row to go offline and M successes in a row to come back.
/// </summary>
public static class ConnectivityRules
{
    public static ConnectivityState Next(ConnectivityState s, bool probeOk, string? error, int failuresToOffline, int successesToOnline, DateTimeOffset now)
    {
        if (probeOk)
        {
            var successes = s.SuccessesInARow + 1;
            var becomesOnline = s.Status != Reachability.Online && successes >= successesToOnline;
            return new(becomesOnline ? Reachability.Online : s.Status, 0, successes, becomesOnline ? now : s.Since, s.Status == Reachability.Online ? null : s.LastError);
        }
        var failures = s.FailuresInARow + 1;
        var becomesOffline = s.Status != Reachability.Offline && failures >= failuresToOffline;
        return new(becomesOffline ? Reachability.Offline : s.Status, failures, 0, becomesOffline ? now : s.Since, error);
    }
}
