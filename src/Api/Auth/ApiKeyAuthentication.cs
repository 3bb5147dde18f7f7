using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

namespace PosCloud.Api.Auth;

/// <summary>
/// Authenticates the X-Api-Key header: first as a register's key (role register, bound to its store),
/// then as an HQ or integrator key. Only SHA-256 hashes of keys are stored.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CloudDbContext db,
    RegisterContact contact) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var hash = ApiKeyHash.Of(values.ToString().Trim());
        var ct = Context.RequestAborted;

        var register = await RegisterByKey.For(db)(db, hash, ct);
        if (register is not null)
        {
            contact.Touch(register.Id);
            return Success(register.Id, Roles.Register, new Claim(PosClaims.StoreId, register.StoreId), new Claim(PosClaims.RegisterId, register.Id));
        }

        var client = await ClientByKey.For(db)(db, hash, ct);
        return client is null
            ? AuthenticateResult.Fail("Unknown or revoked API key")
            : Success(client.Name, client.Role);
    }

    private sealed record RegisterKey(string Id, string StoreId);

    private sealed record ClientKey(string Name, string Role);

    // Compiled once per model: every request authenticates, and EF's per-call query preparation (funcletizing the expression,
    // hashing it for the cache) was a visible share of the Api's CPU in the storm profile (issue 15).
    private static readonly CompiledPerModel<Func<CloudDbContext, string, CancellationToken, Task<RegisterKey?>>> RegisterByKey = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, string hash, CancellationToken ct) =>
            db.Registers.AsNoTracking().Where(r => r.ApiKeyHash == hash).Select(r => new RegisterKey(r.Id, r.StoreId)).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<CloudDbContext, string, CancellationToken, Task<ClientKey?>>> ClientByKey = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, string hash, CancellationToken ct) =>
            db.ApiClients.AsNoTracking().Where(c => c.ApiKeyHash == hash && c.RevokedAt == null).Select(c => new ClientKey(c.Name, c.Role)).FirstOrDefault()));

    private static AuthenticateResult Success(string name, string role, params Claim[] extra)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. extra], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        return Results.Problem(title: "API key required", statusCode: 401,
            detail: $"Send a valid key in the {HeaderName} header (a register's key, or an HQ/integrator key).").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(title: "Forbidden", statusCode: 403,
            detail: "This key may not do this: a register key reaches only its own store and register; master data needs an HQ or integrator key.").ExecuteAsync(Context);
}

public static class Roles
{
    public const string Register = "register";
    public const string Hq = "hq";
    public const string Integrator = "integrator";
    public static readonly string[] All = [Register, Hq, Integrator];
}

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    public const string Register = "register";
    public const string Hq = "hq";
    /// <summary>Master data (catalog, staff, customers): HQ or an integrator.</summary>
    public const string MasterData = "master-data";
}

public static class PosClaims
{
    public const string StoreId = "pos:store";
    public const string RegisterId = "pos:register";

    public static string? StoreOf(this ClaimsPrincipal user) => user.FindFirstValue(StoreId);
    public static string? RegisterOf(this ClaimsPrincipal user) => user.FindFirstValue(RegisterId);

    /// <summary>HQ and integrators read every store; a register key only its own.</summary>
    public static bool CanAccessStore(this ClaimsPrincipal user, string storeId) =>
        user.IsInRole(Roles.Hq) || user.IsInRole(Roles.Integrator) ||
        string.Equals(user.StoreOf(), storeId, StringComparison.Ordinal);
}
