using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The dashboard's sign-in form over HTTP: repeated wrong passwords make the name wait, even with the right one.</summary>
public class DashboardLoginThrottleTests
{
    [Fact]
    public async Task Five_wrong_passwords_make_the_sixth_attempt_wait_even_with_the_right_password()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await DashboardSignIn.PostAsync(browser, "hq-operator", "not-the-password")).StatusCode);

        var refused = await DashboardSignIn.PostAsync(browser, "hq-operator", "operator-demo-1234"); // the demo operator's real password
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("登入失敗次數過多", body);
        Assert.Contains("Too many failed sign-ins", body);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(DashboardAuth.CookieName + "=", StringComparison.Ordinal)));

        // Another user is not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "hq-viewer", "viewer-demo-1234")).StatusCode);
    }
}
