using System.Net;
using System.Text.RegularExpressions;

namespace PosCloud.IntegrationTests.Support;

/// <summary>Signs in through the dashboard's HTML form, as a browser does: page, antiforgery field, POST.</summary>
public static partial class DashboardSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string userName, string password)
    {
        var page = await browser.GetStringAsync("/dashboard/login");
        var field = HiddenField().Match(page);
        if (!field.Success) throw new InvalidOperationException("The login page has no antiforgery field.");
        return await browser.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
        }));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
