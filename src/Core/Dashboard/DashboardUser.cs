namespace PosCloud.Core.Dashboard;

/// <summary>
/// An HQ person who signs in to the dashboard. Separate from API keys on purpose: a key is for
/// machines (agents, integrators), a user is a person whose actions are audited by name.
/// </summary>
public sealed class DashboardUser
{
    /// <summary>The login name, e.g. hq-operator.</summary>
    public required string UserName { get; init; }
    public required string DisplayName { get; set; }
    /// <summary><see cref="DashboardRoles.Viewer"/> or <see cref="DashboardRoles.Operator"/>.</summary>
    public required string Role { get; set; }
    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class DashboardRoles
{
    /// <summary>Sees everything, changes nothing.</summary>
    public const string Viewer = "viewer";
    /// <summary>May also re-run orders and map SKUs.</summary>
    public const string Operator = "operator";
    public static readonly string[] All = [Viewer, Operator];
}

/// <summary>One operator action on the dashboard: who did what to which thing, and what came of it.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    /// <summary>rerun-order, rerun-store, map-sku.</summary>
    public required string Action { get; init; }
    /// <summary>What was acted on: an order id, a store id, or "ALIAS→SKU".</summary>
    public required string Target { get; init; }
    public string? StoreId { get; init; }
    public Guid? OrderId { get; init; }
    /// <summary>The outcome in words (e.g. "3 orders queued for re-run").</summary>
    public string? Outcome { get; init; }
}

/// <summary>
/// How many orders of a store are in one status. Maintained by CloudDbContext.SaveChanges in the
/// same transaction as the order change, so the dashboard overview reads 2,000 stores × 5 rows
/// instead of grouping a million orders on every refresh.
/// </summary>
public sealed class StoreStatusCount
{
    public required string StoreId { get; init; }
    public Contracts.OrderStatus Status { get; init; }
    public long Count { get; set; }
}
