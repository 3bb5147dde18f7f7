using System.Net;

namespace PosCloud.OfflineAgent.Hosting;

/// <summary>
/// Who may talk to the agent's local API, as pure rules. The screen is served to this register's own
/// browser only; any web page that browser opens could otherwise reach the agent too, by DNS
/// rebinding (a foreign name that resolves to 127.0.0.1) or by a cross-site form/fetch. So: a loopback
/// Host name on the agent's own port, and for every state-changing call the agent's own Origin and the
/// per-process token the agent wrote into its page.
/// </summary>
public static class LocalRequestRules
{
    public const string TokenHeader = "X-Agent-Token";
    public const string TokenMetaName = "poscloud-agent-token";

    /// <summary>127.0.0.1, localhost or [::1]; with <paramref name="port"/> unless <paramref name="anyPort"/> (a container's port mapping).</summary>
    public static bool IsLoopbackHost(string? host, int port, bool anyPort)
    {
        if (string.IsNullOrEmpty(host)) return false;
        string name;
        int? given = null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 0) return false;
            name = host[..(close + 1)];
            var rest = host[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':') || !int.TryParse(rest[1..], System.Globalization.NumberStyles.None, null, out var p)) return false;
                given = p;
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            name = colon < 0 ? host : host[..colon];
            if (colon >= 0)
            {
                if (!int.TryParse(host[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var p)) return false;
                given = p;
            }
        }
        var loopbackName = name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name is "127.0.0.1" or "[::1]";
        return loopbackName && (anyPort || (given ?? 80) == port);
    }

    /// <summary>The Origin a page served by this agent sends: same scheme and the very Host it asked.</summary>
    public static bool IsOwnOrigin(string? origin, string scheme, string host) =>
        !string.IsNullOrEmpty(origin) && string.Equals(origin, $"{scheme}://{host}", StringComparison.OrdinalIgnoreCase);

    public static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>A listening address on this machine only: localhost or a loopback IP (a wildcard * or + is every interface).</summary>
    public static bool IsLoopbackUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim().Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)) return false;
        if (uri.Host == "localhost") return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// Every address the settings would bind that is not loopback: the urls setting (ASPNETCORE_URLS, --urls)
    /// and each Kestrel:Endpoints:{name}:Url, which Kestrel lets override the urls.
    /// </summary>
    public static IReadOnlyList<string> NonLoopbackBindings(string urls, IEnumerable<(string Setting, string? Url)> kestrelEndpoints) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopbackUrl(u))
            .Concat(kestrelEndpoints.Where(e => !string.IsNullOrWhiteSpace(e.Url) && !IsLoopbackUrl(e.Url!)).Select(e => $"{e.Setting}={e.Url}"))
            .ToList();

    /// <summary>Puts the token into a page right after its &lt;head&gt;, where agent-token.js reads it.</summary>
    public static string InjectToken(string html, string token)
    {
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        var end = head < 0 ? -1 : html.IndexOf('>', head);
        var meta = $"<meta name=\"{TokenMetaName}\" content=\"{token}\">";
        return end < 0 ? meta + html : html.Insert(end + 1, "\n  " + meta);
    }
}
