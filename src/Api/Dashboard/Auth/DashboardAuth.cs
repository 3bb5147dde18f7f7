using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;
using PosCloud.Core.Dashboard;

namespace PosCloud.Api.Dashboard.Auth;

/// <summary>
/// The dashboard's own sign-in: a cookie scheme beside (not instead of) the X-Api-Key scheme. The
/// default scheme stays ApiKey; dashboard policies name the cookie scheme explicitly, so an API key
/// never opens a dashboard page or endpoint and a dashboard cookie never authorizes the public API.
/// </summary>
public static class DashboardAuth
{
    public const string Scheme = "DashboardCookie";
    public const string CookieName = "poscloud.dashboard";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public const string DisplayNameClaim = "pos:display-name";
    /// <summary>A digest of what the session was granted on (password hash, role, disabled): when any changes, the session ends.</summary>
    public const string StampClaim = "pos:stamp";

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, DashboardOptions options)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, directly or through a trusted proxy (ForwardedHeaders).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/dashboard";
            o.LoginPath = "/dashboard/login";
            o.LogoutPath = "/dashboard/logout";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = true;
            // JSON endpoints answer 401/403 problems; only page requests are redirected to the login page.
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                ? Problem(ctx.HttpContext, 401, "Sign-in required", "Sign in to the dashboard; API keys do not open it.")
                : Redirect(ctx);
            // Every dashboard request re-reads the user (one key lookup): disabling a user, or changing their
            // role or password, ends the sessions already open instead of leaving them valid for hours.
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var name = ctx.Principal?.Identity?.Name;
                var db = ctx.HttpContext.RequestServices.GetRequiredService<CloudDbContext>();
                var user = name is null ? null : await db.DashboardUsers.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name);
                if (user is null || user.Disabled || ctx.Principal!.FindFirstValue(StampClaim) != Stamp(user))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(Scheme);
                }
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
                Problem(ctx.HttpContext, 403, "Forbidden", "Only dashboard operators may do this; viewers can look but not act.");
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.View, p => p.AddAuthenticationSchemes(Scheme).RequireRole(DashboardRoles.All))
            .AddPolicy(DashboardPolicies.Operate, p => p.AddAuthenticationSchemes(Scheme).RequireRole(DashboardRoles.Operator));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "poscloud.dashboard.csrf";
            o.Cookie.Path = "/dashboard";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, directly or through a trusted proxy (ForwardedHeaders).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static ClaimsPrincipal Principal(DashboardUser user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(DisplayNameClaim, user.DisplayName),
        new Claim(StampClaim, Stamp(user)),
    ], Scheme));

    public static string Stamp(DashboardUser user) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.PasswordHash}|{user.Role}|{user.Disabled}")))[..16];

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/dashboard/api");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(http);
    }
}

public static class DashboardPolicies
{
    /// <summary>Signed in as viewer or operator.</summary>
    public const string View = "dashboard-view";
    /// <summary>Signed in as operator.</summary>
    public const string Operate = "dashboard-operate";
}

/// <summary>Checks the antiforgery token (header X-CSRF-TOKEN or form field) on the dashboard's POSTs.</summary>
public sealed class AntiforgeryCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(title: "Antiforgery token missing or invalid", statusCode: 400,
                detail: "Reload the page and try again.");
        }
        return await next(context);
    }
}
