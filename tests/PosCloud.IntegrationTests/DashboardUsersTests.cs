using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using PosCloud.Contracts.Admin;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>HQ manages dashboard users through the API; a change of role, password or a disable ends open sessions.</summary>
public class DashboardUsersTests
{
    [Fact]
    public async Task Hq_adds_a_user_who_signs_in_and_a_role_change_or_disable_ends_the_session()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var register = api.CreateRegisterClient();
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Forbidden, (await register.GetAsync("/api/v1/dashboard-users")).StatusCode);

        var bad = await hq.PostAsJsonAsync("/api/v1/dashboard-users", new CreateDashboardUserRequest("a", " ", "boss", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Equal(["displayName", "password", "role", "userName"], problem.Errors.Keys.Order());

        var created = await hq.PostAsJsonAsync("/api/v1/dashboard-users", new CreateDashboardUserRequest("store-auditor", "稽核 林小姐", "viewer", "Audit-2026-secret"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsJsonAsync("/api/v1/dashboard-users", new CreateDashboardUserRequest("store-auditor", "x", "viewer", "Another-secret-1"))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "store-auditor", "Audit-2026-secret")).StatusCode);
        Assert.Equal("viewer", await RoleAsync(browser));

        // Promoted: the viewer session ends; signing in again gives the new role.
        (await hq.PutAsJsonAsync("/api/v1/dashboard-users/store-auditor", new UpdateDashboardUserRequest(Role: "operator"))).EnsureSuccessStatusCode();
        Assert.Null(await RoleAsync(browser));
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "store-auditor", "Audit-2026-secret")).StatusCode);
        Assert.Equal("operator", await RoleAsync(browser));

        // A new password ends the session and replaces the old one.
        (await hq.PutAsJsonAsync("/api/v1/dashboard-users/store-auditor", new UpdateDashboardUserRequest(Password: "Audit-2026-rotated"))).EnsureSuccessStatusCode();
        Assert.Null(await RoleAsync(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, (await DashboardSignIn.PostAsync(browser, "store-auditor", "Audit-2026-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "store-auditor", "Audit-2026-rotated")).StatusCode);

        // Disabled: out at once, and cannot sign in.
        (await hq.PutAsJsonAsync("/api/v1/dashboard-users/store-auditor", new UpdateDashboardUserRequest(Disabled: true))).EnsureSuccessStatusCode();
        Assert.Null(await RoleAsync(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, (await DashboardSignIn.PostAsync(browser, "store-auditor", "Audit-2026-rotated")).StatusCode);

        var users = (await hq.GetFromJsonAsync<List<DashboardUserView>>("/api/v1/dashboard-users"))!;
        Assert.Contains(users, u => u is { UserName: "store-auditor", Role: "operator", Disabled: true, DisplayName: "稽核 林小姐" });
        Assert.Equal(HttpStatusCode.NotFound, (await hq.PutAsJsonAsync("/api/v1/dashboard-users/nobody", new UpdateDashboardUserRequest(Disabled: true))).StatusCode);
    }

    /// <summary>The signed-in role from /dashboard/api/me, or null when the session is not (or no longer) valid.</summary>
    private static async Task<string?> RoleAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync("/dashboard/api/me");
        if (response.StatusCode == HttpStatusCode.Unauthorized) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("role").GetString();
    }
}
