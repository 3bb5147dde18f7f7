using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

namespace PosCloud.Api.Auth;

/// <summary>Authenticates a caller by the X-Api-Key header against the stored SHA-256 of each register's key.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CloudDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var hash = ApiKeyHash.Of(values.ToString().Trim());
        var register = await db.Registers.AsNoTracking()
            .Where(r => r.ApiKeyHash == hash)
            .Select(r => new { r.Id, r.StoreId })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (register is null) return AuthenticateResult.Fail("Unknown API key");

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, register.Id),
                new Claim(ClaimTypes.Role, Roles.Register),
                new Claim(PosClaims.StoreId, register.StoreId),
                new Claim(PosClaims.RegisterId, register.Id),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class Roles
{
    public const string Register = "register";
}

public static class PosClaims
{
    public const string StoreId = "pos:store";
    public const string RegisterId = "pos:register";

    public static string? StoreOf(this ClaimsPrincipal user) => user.FindFirstValue(StoreId);
    public static string? RegisterOf(this ClaimsPrincipal user) => user.FindFirstValue(RegisterId);

    /// <summary>A register key reads and writes only its own store.</summary>
    public static bool CanAccessStore(this ClaimsPrincipal user, string storeId) =>
        string.Equals(user.StoreOf(), storeId, StringComparison.Ordinal);
}
