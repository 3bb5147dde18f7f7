using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PosCloud.DeployTests.Support;

/// <summary>What the apps really serve, read from their source: the project of an assembly and its health endpoints.</summary>
public static partial class Apps
{
    /// <summary>The project directory (relative) whose assembly is <paramref name="assemblyName"/>, or null if none is in src/ yet.</summary>
    public static string? ProjectDirectoryOf(string assemblyName)
    {
        foreach (var csproj in Directory.GetFiles(Repo.PathOf("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var declared = XDocument.Load(csproj).Descendants("AssemblyName").FirstOrDefault()?.Value;
            var name = string.IsNullOrWhiteSpace(declared) ? Path.GetFileNameWithoutExtension(csproj) : declared;
            if (name == assemblyName) return Repo.Relative(Path.GetDirectoryName(csproj)!);
        }
        return null;
    }

    /// <summary>Paths mapped with MapHealthChecks("...") in the project's C# sources (bin/obj excluded).</summary>
    public static IReadOnlySet<string> HealthPathsServedBy(string projectDirectory)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Repo.PathOf(projectDirectory), "*.cs", SearchOption.AllDirectories))
        {
            var rel = Repo.Relative(file);
            if (rel.Contains("/bin/") || rel.Contains("/obj/")) continue;
            foreach (Match m in MapHealth().Matches(File.ReadAllText(file)))
                paths.Add(m.Groups[1].Value);
        }
        return paths;
    }

    [GeneratedRegex(@"MapHealthChecks\s*\(\s*""(/[^""]*)""")]
    private static partial Regex MapHealth();
}
