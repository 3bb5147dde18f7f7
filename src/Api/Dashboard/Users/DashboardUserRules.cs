using System.Text.RegularExpressions;
using PosCloud.Core.Dashboard;

namespace PosCloud.Api.Dashboard.Users;

/// <summary>What a dashboard user's fields must be; every problem named by its field (camelCase, as in the JSON).</summary>
public static partial class DashboardUserRules
{
    public const int MinPasswordLength = 12;

    public static Dictionary<string, string[]> Check(string? userName, string? displayName, string? role, string? password, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (userName is null || !UserNamePattern().IsMatch(userName)))
            errors["userName"] = ["userName must be 3–64 letters, digits, '.', '-' or '_'."];
        if ((creating || displayName is not null) && (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100))
            errors["displayName"] = ["displayName must be 1–100 characters."];
        if ((creating || role is not null) && !DashboardRoles.All.Contains(role))
            errors["role"] = [$"role must be '{DashboardRoles.Viewer}' or '{DashboardRoles.Operator}'."];
        if (creating || password is not null)
        {
            if (password is null || password.Length < MinPasswordLength)
                errors["password"] = [$"password must be at least {MinPasswordLength} characters."];
            else if (userName is not null && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
                errors["password"] = ["password must not contain the user name."];
        }
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
