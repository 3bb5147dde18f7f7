using Microsoft.AspNetCore.Identity;
using PosCloud.Core.Dashboard;

namespace PosCloud.Api.Dashboard.Auth;

/// <summary>ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, 100,000 iterations, salted, versioned).</summary>
public static class DashboardPasswords
{
    private static readonly PasswordHasher<DashboardUser> Hasher = new();
    /// <summary>Verified against when the user does not exist, so a wrong name costs as long as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public static string Hash(DashboardUser user, string password) => Hasher.HashPassword(user, password);

    public static PasswordVerificationResult Verify(DashboardUser? user, string password)
    {
        if (user is null || user.Disabled)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }
}
