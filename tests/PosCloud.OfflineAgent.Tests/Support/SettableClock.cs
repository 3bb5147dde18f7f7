namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>
/// A clock the test sets (e.g. past an invoice period's filing deadline) that then runs on at real speed, so
/// times still move forward between two sales; timers run on real time.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _setTo;
    private DateTimeOffset _setAt;

    public SettableClock(DateTimeOffset start) => Set(start);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _setTo + (System.GetUtcNow() - _setAt);
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate) { _setTo = now.ToUniversalTime(); _setAt = System.GetUtcNow(); }
    }
}
