namespace PosCloud.Api.Dashboard.Charts;

/// <summary>A local day range [From, To] (inclusive dates) as a UTC interval of whole local hours.</summary>
public sealed record DayRange(DateOnly From, DateOnly To, DateTimeOffset StartUtc, DateTimeOffset EndUtc, int Hours);

/// <summary>Pure helpers for the per-hour pictures.</summary>
public static class HourlySeries
{
    /// <summary>
    /// Reads ?from=&amp;to= (yyyy-MM-dd, local dates); missing values default to today in the zone.
    /// Returns an error text when the range is reversed or longer than <paramref name="maxDays"/>.
    /// </summary>
    public static (DayRange? Range, string? Error) Parse(string? from, string? to, DateTimeOffset now, TimeZoneInfo zone, int maxDays)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateOnly? Read(string? s) => string.IsNullOrWhiteSpace(s) ? today
            : DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : null;
        if (Read(from) is not { } f) return (null, $"from '{from}' is not a date (yyyy-MM-dd).");
        if (Read(to) is not { } t) return (null, $"to '{to}' is not a date (yyyy-MM-dd).");
        if (t < f) return (null, "to is before from.");
        var days = t.DayNumber - f.DayNumber + 1;
        if (days > maxDays) return (null, $"At most {maxDays} days at once ({days} asked).");
        var start = LocalMidnightUtc(f, zone);
        var end = LocalMidnightUtc(t.AddDays(1), zone);
        return (new DayRange(f, t, start, end, (int)Math.Round((end - start).TotalHours)), null);
    }

    public static DateTimeOffset LocalMidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Counts timestamps per hour from <paramref name="startUtc"/>; those outside [start, start + hours) are ignored.</summary>
    public static int[] Bucket(IEnumerable<DateTimeOffset> at, DateTimeOffset startUtc, int hours)
    {
        var buckets = new int[hours];
        foreach (var t in at)
        {
            var index = (int)Math.Floor((t - startUtc).TotalHours);
            if (index >= 0 && index < hours) buckets[index]++;
        }
        return buckets;
    }

    /// <summary>
    /// Orders waiting at the end of each hour: those waiting at the start, plus arrivals, minus finishes
    /// so far. Never below zero (a re-run finishes an order that was not counted as waiting).
    /// </summary>
    public static int[] Backlog(long waitingAtStart, IReadOnlyList<int> arrivals, IReadOnlyList<int> finishes)
    {
        var result = new int[arrivals.Count];
        var level = waitingAtStart;
        for (var h = 0; h < arrivals.Count; h++)
        {
            level = Math.Max(0, level + arrivals[h] - finishes[h]);
            result[h] = (int)Math.Min(int.MaxValue, level);
        }
        return result;
    }
}
