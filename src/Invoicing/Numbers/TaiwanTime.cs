namespace PosCloud.Invoicing.Numbers;

/// <summary>Taiwan local time (UTC+8 all year, no daylight saving): invoice dates, periods and deadlines are counted in it.</summary>
public static class TaiwanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The Taiwan wall-clock time of an instant (Kind Unspecified, as the Invoicing library expects).</summary>
    public static DateTime Local(DateTimeOffset instant) => DateTime.SpecifyKind(instant.ToOffset(Offset).DateTime, DateTimeKind.Unspecified);

    public static DateTimeOffset Instant(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Local(time.GetUtcNow()));
}
