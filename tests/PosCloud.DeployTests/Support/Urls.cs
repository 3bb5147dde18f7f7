using System.Text.RegularExpressions;

namespace PosCloud.DeployTests.Support;

public static partial class Urls
{
    /// <summary>Every http(s)://host:port/path in a text: (host, port, path — "" when none).</summary>
    public static IEnumerable<(string Host, int Port, string Path)> In(string text) =>
        Url().Matches(text).Select(m => (m.Groups["h"].Value, int.Parse(m.Groups["p"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["path"].Value));

    [GeneratedRegex(@"https?://(?<h>[A-Za-z0-9_.\-+*]+|\[[^\]]*\]):(?<p>\d+)(?<path>/[^""'\s,\]]*)?")]
    private static partial Regex Url();
}
