using System.Text.RegularExpressions;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>
/// What the agent's own page has and another site has not: its Origin and the token written into the page.
/// A test client reads the page once, as the browser does, and then sends both with every call.
/// </summary>
public static partial class AgentPage
{
    public const string TokenHeader = "X-Agent-Token";

    public static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/");
        var meta = TokenMeta().Match(page);
        if (!meta.Success) throw new InvalidOperationException("The agent's page carries no token.");
        return meta.Groups["token"].Value;
    }

    /// <summary>Makes <paramref name="client"/> act as the agent's own page: its Origin and token on every request.</summary>
    public static async Task<HttpClient> ActAsPageAsync(this HttpClient client)
    {
        var token = await TokenAsync(client);
        client.DefaultRequestHeaders.Remove(TokenHeader);
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Add(TokenHeader, token);
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return client;
    }

    [GeneratedRegex("""<meta name="poscloud-agent-token" content="(?<token>[0-9a-f]+)">""")]
    private static partial Regex TokenMeta();
}
