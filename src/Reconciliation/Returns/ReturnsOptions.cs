namespace PosCloud.Reconciliation.Returns;

/// <summary>Settings of section Returns (the workers').</summary>
public sealed class ReturnsOptions
{
    public const string Section = "Returns";

    /// <summary>How long a return waits for its original sale before it becomes NeedsReview.</summary>
    public TimeSpan OriginalWaitLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a worker looks for returns that waited too long.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
