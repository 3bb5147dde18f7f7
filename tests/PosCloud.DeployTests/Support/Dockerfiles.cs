using System.Text.RegularExpressions;

namespace PosCloud.DeployTests.Support;

/// <summary>
/// The repository's Dockerfiles and the image naming convention: deploy/docker/&lt;Name&gt;.Dockerfile builds the
/// image poscloud/&lt;kebab-name&gt; (Api → poscloud/api, Workers → poscloud/workers, OfflineAgent → poscloud/offline-agent).
/// </summary>
public sealed partial class Dockerfile
{
    public const string Directory = "deploy/docker";
    public const string ImageNamespace = "poscloud";

    public required string RelativePath { get; init; }
    public required string Name { get; init; }
    /// <summary>Instructions with continuation lines joined and comments dropped: (KEYWORD, arguments).</summary>
    public required IReadOnlyList<(string Keyword, string Args)> Instructions { get; init; }

    public string ImageName => $"{ImageNamespace}/{Kebab(Name)}";

    public static IReadOnlyList<Dockerfile> All() =>
        System.IO.Directory.GetFiles(Repo.PathOf(Directory), "*.Dockerfile").Order(StringComparer.Ordinal).Select(f => Load(Repo.Relative(f))).ToList();

    public static Dockerfile Load(string relativePath)
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in Repo.ReadText(relativePath).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && line.TrimStart().StartsWith('#')) continue;
            if (current.Length > 0 && line.TrimStart().StartsWith('#')) continue; // comment inside a continuation
            if (line.EndsWith('\\')) { current += line[..^1] + " "; continue; }
            current += line;
            if (!string.IsNullOrWhiteSpace(current))
            {
                var trimmed = current.Trim();
                var space = trimmed.IndexOfAny([' ', '\t']);
                instructions.Add(space < 0 ? (trimmed.ToUpperInvariant(), "") : (trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim()));
            }
            current = "";
        }
        var file = Path.GetFileName(relativePath);
        return new Dockerfile { RelativePath = relativePath, Name = file[..file.IndexOf(".Dockerfile", StringComparison.Ordinal)], Instructions = instructions };
    }

    /// <summary>The instructions of the last stage (the image that is shipped).</summary>
    public IReadOnlyList<(string Keyword, string Args)> FinalStage =>
        Instructions.Skip(Instructions.Select((x, i) => (x, i)).Last(t => t.x.Keyword == "FROM").i).ToList();

    public IEnumerable<string> Args(string keyword, bool finalStageOnly = true) =>
        (finalStageOnly ? FinalStage : Instructions).Where(i => i.Keyword == keyword).Select(i => i.Args);

    /// <summary>Ports of the EXPOSE instructions of the shipped stage (without /tcp).</summary>
    public IReadOnlySet<int> ExposedPorts => Args("EXPOSE")
        .SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
        .ToHashSet();

    /// <summary>ENV of the shipped stage, as key → value (quotes removed). Handles "ENV A=1 B=2".</summary>
    public IReadOnlyDictionary<string, string> Env
    {
        get
        {
            var env = new Dictionary<string, string>();
            foreach (var args in Args("ENV"))
                foreach (Match m in EnvPair().Matches(args))
                    env[m.Groups["k"].Value] = m.Groups["v"].Value.Trim('"');
            return env;
        }
    }

    /// <summary>The assembly the image runs: ENTRYPOINT ["dotnet", "X.dll"] → X.</summary>
    public string? EntryAssembly
    {
        get
        {
            var entry = Args("ENTRYPOINT").LastOrDefault();
            var m = entry is null ? null : DllName().Match(entry);
            return m is { Success: true } ? m.Groups[1].Value : null;
        }
    }

    public static string Kebab(string name) => KebabBoundary().Replace(name, "$1-$2").ToLowerInvariant();

    /// <summary>"registry.example/poscloud/api:1.2" → "poscloud/api" (registry host and tag/digest removed).</summary>
    public static string Repository(string image)
    {
        var noDigest = image.Split('@')[0];
        var lastSlash = noDigest.LastIndexOf('/');
        var colon = noDigest.IndexOf(':', lastSlash + 1);
        var noTag = colon >= 0 ? noDigest[..colon] : noDigest;
        var parts = noTag.Split('/');
        // A first part with a dot or a colon, or "localhost", is a registry host.
        if (parts.Length > 1 && (parts[0].Contains('.') || parts[0].Contains(':') || parts[0] == "localhost"))
            parts = parts[1..];
        return string.Join('/', parts);
    }

    [GeneratedRegex(@"(?<k>[A-Za-z_][A-Za-z0-9_]*)=(?<v>""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
    [GeneratedRegex(@"""([^""/]+)\.dll""")]
    private static partial Regex DllName();
    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();
}
