using System.Net;
using System.Text.RegularExpressions;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The dashboard's sign-in form over HTTP: repeated wrong passwords make the name wait, even with the right one.</summary>
public partial class DashboardLoginThrottleTests
{
    [Fact]
    public async Task Five_wrong_passwords_make_the_sixth_attempt_wait_even_with_the_right_password()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var browser = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<HttpResponseMessage> SignIn(string password)
        {
            var page = await browser.GetStringAsync("/dashboard/login");
            var token = HiddenField().Match(page);
            Assert.True(token.Success, "the login page carries its antiforgery field");
            return await browser.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
                ["userName"] = "hq-operator",
                ["password"] = password,
            }));
        }

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("not-the-password")).StatusCode);

        var refused = await SignIn("operator-demo-1234"); // the demo operator's real password
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("登入失敗次數過多", body);
        Assert.Contains("Too many failed sign-ins", body);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(PosCloud.Api.Dashboard.Auth.DashboardAuth.CookieName + "=", StringComparison.Ordinal)));

        // Another user is not affected.
        var page = await browser.GetStringAsync("/dashboard/login");
        var field = HiddenField().Match(page);
        var viewer = await browser.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
            ["userName"] = "hq-viewer",
            ["password"] = "viewer-demo-1234",
        }));
        Assert.Equal(HttpStatusCode.Redirect, viewer.StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
