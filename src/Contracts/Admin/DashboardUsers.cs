namespace PosCloud.Contracts.Admin;

/// <summary>A person who signs in to the HQ dashboard (never their password).</summary>
/// <param name="Role">"viewer" (looks) or "operator" (also re-runs orders and maps SKUs).</param>
public sealed record DashboardUserView(string UserName, string DisplayName, string Role, bool Disabled, DateTimeOffset CreatedAt);

/// <param name="UserName">3–64 characters: letters, digits, '.', '-', '_'.</param>
/// <param name="Role">"viewer" or "operator".</param>
/// <param name="Password">At least 12 characters, not the user name. Stored only as a salted PBKDF2 hash.</param>
public sealed record CreateDashboardUserRequest(string UserName, string DisplayName, string Role, string Password);

/// <summary>Only the fields given change. Disabling a user, or changing their role or password, ends their open sessions.</summary>
public sealed record UpdateDashboardUserRequest(string? DisplayName = null, string? Role = null, bool? Disabled = null, string? Password = null);
