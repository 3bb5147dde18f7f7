using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Contracts.Admin;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Users;

/// <summary>
/// HQ manages the people who sign in to the dashboard (HQ key): list, create, change name/role/password,
/// disable. Passwords are stored as salted PBKDF2 hashes and never answered.
/// </summary>
public static class DashboardUsersApi
{
    public static RouteGroupBuilder MapDashboardUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/dashboard-users").WithTags("Dashboard users").RequireAuthorization(Policies.Hq);
        users.MapGet("/", List).WithName("ListDashboardUsers")
            .WithSummary("The people who can sign in to the HQ dashboard").ProducesProblem(403);
        users.MapPost("/", Create).WithName("CreateDashboardUser")
            .WithSummary("Add a dashboard user (viewer or operator) with a first password")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        users.MapPut("/{userName}", Update).WithName("UpdateDashboardUser")
            .WithSummary("Change a dashboard user's name, role or password, or disable them (ends their open sessions)")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    internal static async Task<Ok<List<DashboardUserView>>> List(CloudDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.DashboardUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct)).Select(View).ToList());

    internal static async Task<Results<Created<DashboardUserView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateDashboardUserRequest request, CloudDbContext db, TimeProvider time, ILogger<DashboardUserView> log, CancellationToken ct)
    {
        var errors = DashboardUserRules.Check(request.UserName, request.DisplayName, request.Role, request.Password, creating: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The dashboard user has problems");
        var user = new DashboardUser
        {
            UserName = request.UserName, DisplayName = request.DisplayName.Trim(), Role = request.Role, PasswordHash = "", CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = DashboardPasswords.Hash(user, request.Password);
        db.DashboardUsers.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return TypedResults.Problem(title: "User exists", detail: $"A dashboard user {request.UserName} exists; change it with PUT /api/v1/dashboard-users/{request.UserName}.", statusCode: 409);
        }
        log.LogInformation("Dashboard user {UserName} ({Role}) created", user.UserName, user.Role);
        return TypedResults.Created($"/api/v1/dashboard-users/{user.UserName}", View(user));
    }

    internal static async Task<Results<Ok<DashboardUserView>, ValidationProblem, NotFound<ProblemDetails>>> Update(
        string userName, UpdateDashboardUserRequest request, CloudDbContext db, ILogger<DashboardUserView> log, CancellationToken ct)
    {
        var errors = DashboardUserRules.Check(userName, request.DisplayName, request.Role, request.Password, creating: false);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The change has problems");
        var user = await db.DashboardUsers.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "User not found", Detail = $"No dashboard user {userName}.", Status = 404 });
        if (request.DisplayName is { } name) user.DisplayName = name.Trim();
        if (request.Role is { } role) user.Role = role;
        if (request.Disabled is { } disabled) user.Disabled = disabled;
        if (request.Password is { } password) user.PasswordHash = DashboardPasswords.Hash(user, password);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Dashboard user {UserName} changed: role {Role}, disabled {Disabled}, password {PasswordChanged}",
            user.UserName, user.Role, user.Disabled, request.Password is null ? "kept" : "changed");
        return TypedResults.Ok(View(user));
    }

    private static DashboardUserView View(DashboardUser u) => new(u.UserName, u.DisplayName, u.Role, u.Disabled, u.CreatedAt);
}
