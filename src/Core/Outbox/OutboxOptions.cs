using System.ComponentModel.DataAnnotations;

namespace PosCloud.Core.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;
    /// <summary>How long one publish may wait for the broker before the row is left for the next attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
