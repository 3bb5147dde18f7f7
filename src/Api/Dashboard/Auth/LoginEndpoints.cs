using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Auth;

/// <summary>GET/POST /dashboard/login (a plain form, antiforgery-checked), POST /dashboard/logout, GET /dashboard/api/me.</summary>
public static class LoginEndpoints
{
    public static void MapDashboardLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/dashboard/login", Login).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/dashboard/logout", Logout).RequireAuthorization(DashboardPolicies.View)
            .AddEndpointFilter<AntiforgeryCheck>().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/dashboard/api/me", Me).RequireAuthorization(DashboardPolicies.View).ExcludeFromDescription();
    }

    public sealed record MeView(string UserName, string DisplayName, string Role, bool CanAct, string Csrf, int RefreshSeconds, int OnlineWithinMinutes, string TimeZone);

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? error, string? returnUrl) =>
        RenderLogin(http, antiforgery, error is null ? null : "帳號或密碼錯誤 / Wrong user name or password", returnUrl, 200);

    private static IResult RenderLogin(HttpContext http, IAntiforgery antiforgery, string? error, string? returnUrl, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        StaticAssets.PageHeaders(http);
        var html = StaticAssets.ReadText("login.html")
            .Replace("{{csrf}}", WebUtility.HtmlEncode(tokens.RequestToken), StringComparison.Ordinal)
            .Replace("{{field}}", WebUtility.HtmlEncode(tokens.FormFieldName), StringComparison.Ordinal)
            .Replace("{{returnUrl}}", WebUtility.HtmlEncode(SafeReturn(returnUrl)), StringComparison.Ordinal)
            .Replace("{{error}}", error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>", StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, CloudDbContext db, LoginThrottle throttle, ILoggerFactory logs, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return TypedResults.Problem(title: "Form expected", statusCode: 400);
        if (!await antiforgery.IsRequestValidAsync(http))
            return RenderLogin(http, antiforgery, "表單已過期，請再試一次 / The form expired, please try again", null, 400);
        var form = await http.Request.ReadFormAsync(ct);
        var userName = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            // Refused before the password is looked at: a locked name answers the same, right or wrong.
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            logs.CreateLogger("PosCloud.Dashboard").LogWarning("Dashboard sign-in for {UserName} from {Address} refused for {Wait}: too many failed attempts", userName, address, wait);
            return RenderLogin(http, antiforgery, $"登入失敗次數過多，請 {minutes} 分鐘後再試 / Too many failed sign-ins: try again in {minutes} minute(s)", form["returnUrl"], 429);
        }
        var user = userName.Length is 0 or > 64 ? null : await db.DashboardUsers.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var verdict = DashboardPasswords.Verify(user, password);
        if (verdict == PasswordVerificationResult.Failed || user is null)
        {
            throttle.Failed(userName, address);
            logs.CreateLogger("PosCloud.Dashboard").LogWarning("Dashboard sign-in failed for {UserName} from {Address}", userName, address);
            return RenderLogin(http, antiforgery, "帳號或密碼錯誤 / Wrong user name or password", form["returnUrl"], 401);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = DashboardPasswords.Hash(user, password);
            await db.SaveChangesAsync(ct);
        }
        throttle.Succeeded(userName);
        await http.SignInAsync(DashboardAuth.Scheme, DashboardAuth.Principal(user));
        return Results.Redirect(SafeReturn(form["returnUrl"]));
    }

    private static async Task<IResult> Logout(HttpContext http, ClaimsPrincipal user)
    {
        await http.SignOutAsync(DashboardAuth.Scheme);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PosCloud.Dashboard").LogInformation("{UserName} signed out of the dashboard", user.Identity?.Name);
        return Results.Redirect("/dashboard/login");
    }

    private static Ok<MeView> Me(HttpContext http, ClaimsPrincipal user, IAntiforgery antiforgery, Microsoft.Extensions.Options.IOptions<DashboardOptions> options)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var o = options.Value;
        return TypedResults.Ok(new MeView(user.Identity!.Name!, user.FindFirstValue(DashboardAuth.DisplayNameClaim) ?? user.Identity.Name!,
            user.FindFirstValue(ClaimTypes.Role) ?? "", user.IsInRole(Core.Dashboard.DashboardRoles.Operator), tokens.RequestToken!,
            o.RefreshSeconds, o.OnlineWithinMinutes, o.TimeZone));
    }

    /// <summary>Only paths inside the dashboard: an open redirect would turn the login page into a phishing tool.</summary>
    public static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith("/dashboard", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\') && !returnUrl.StartsWith("/dashboard/login", StringComparison.Ordinal)
            ? returnUrl : "/dashboard";
}
