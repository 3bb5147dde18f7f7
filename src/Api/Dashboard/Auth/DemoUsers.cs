using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Auth;

/// <summary>hq-operator and hq-viewer, seeded only together with the demo data and only into an empty users table.</summary>
public static class DemoUsers
{
    public const string Operator = "hq-operator";
    public const string Viewer = "hq-viewer";

    public static async Task<bool> SeedAsync(CloudDbContext db, DashboardOptions options, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.DashboardUsers.AnyAsync(ct)) return false;
        db.DashboardUsers.Add(New(Operator, "總部營運 HQ operator", DashboardRoles.Operator, options.DemoOperatorPassword, now));
        db.DashboardUsers.Add(New(Viewer, "總部檢視 HQ viewer", DashboardRoles.Viewer, options.DemoViewerPassword, now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static DashboardUser New(string userName, string displayName, string role, string password, DateTimeOffset now)
    {
        var user = new DashboardUser { UserName = userName, DisplayName = displayName, Role = role, PasswordHash = "", CreatedAt = now };
        user.PasswordHash = DashboardPasswords.Hash(user, password);
        return user;
    }
}
