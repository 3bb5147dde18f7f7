using System.ComponentModel.DataAnnotations;

namespace PosCloud.Core.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;
    /// <summary>How long one publish may wait for the broker before the row is left for the next attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long a dispatched row is kept (to look into a publish) before it is deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")] public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often the dispatcher deletes rows older than <see cref="Retention"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
