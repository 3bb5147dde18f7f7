using System.ComponentModel.DataAnnotations;

namespace PosCloud.Api.Dashboard;

/// <summary>Section "Dashboard": the HQ sync dashboard at /dashboard.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>A store is shown online when one of its registers called the cloud within this many minutes.</summary>
    [Range(1, 1440)] public int OnlineWithinMinutes { get; set; } = 5;

    /// <summary>How often the open pages refresh their numbers, in seconds.</summary>
    [Range(2, 3600)] public int RefreshSeconds { get; set; } = 15;

    /// <summary>The time zone the pictures' hours and the date filters are read in (stores are in Taiwan).</summary>
    [Required] public string TimeZone { get; set; } = "Asia/Taipei";

    /// <summary>Longest day range of the pictures and exports.</summary>
    [Range(1, 366)] public int MaxDays { get; set; } = 31;

    /// <summary>
    /// Seconds one computed overview is shared by every open dashboard (0: compute on every request).
    /// The counts are then at most this much older than the database.
    /// </summary>
    [Range(0, 60)] public int OverviewCacheSeconds { get; set; } = 2;

    /// <summary>Stores in the override-amount picture (largest amounts first).</summary>
    [Range(1, 2000)] public int MaxStoresInOverrideChart { get; set; } = 30;

    /// <summary>How long a sign-in lasts without activity.</summary>
    [Range(5, 7 * 24 * 60)] public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>Failed sign-ins for one user name before further attempts wait (four times as many per address).</summary>
    [Range(1, 100)] public int LoginFailuresBeforeLockout { get; set; } = 5;

    /// <summary>The longest wait after repeated failed sign-ins, in minutes (the wait starts at 1 and doubles).</summary>
    [Range(1, 1440)] public int LoginLockoutMaxMinutes { get; set; } = 15;

    /// <summary>Password of the demo user hq-operator, seeded only with the demo data.</summary>
    [Required, MinLength(8)] public string DemoOperatorPassword { get; set; } = "operator-demo-1234";

    /// <summary>Password of the demo user hq-viewer, seeded only with the demo data.</summary>
    [Required, MinLength(8)] public string DemoViewerPassword { get; set; } = "viewer-demo-1234";

    public TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone
            // Taiwan has had no daylight saving since 1979: a fixed +8 is exact when tzdata is missing.
            : TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
}
