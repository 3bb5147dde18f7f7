namespace PosCloud.Core.Stores;

/// <summary>A non-register caller: an HQ tool or an integrator, with a role and its own key (stored hashed).</summary>
public sealed class ApiClient
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    /// <summary>"hq" (everything) or "integrator" (read every store, write master data).</summary>
    public required string Role { get; set; }
    public required string ApiKeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A block of e-invoice numbers for one two-month period, assigned to one register.</summary>
public sealed class InvoiceBlock
{
    public long Id { get; init; }
    /// <summary>ROC year + even end month, e.g. "11512".</summary>
    public required string Period { get; init; }
    public required string Track { get; init; }
    public long From { get; init; }
    public long To { get; init; }
    public string? RegisterId { get; set; }
}
