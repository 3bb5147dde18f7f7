namespace PosCloud.DeployTests.Support;

/// <summary>Paths in the repository the tests run from (found by walking up to PosCloud.sln).</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public static string ReadText(string relative) => File.ReadAllText(PathOf(relative));

    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PosCloud.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"PosCloud.sln not found above {AppContext.BaseDirectory}");
    }
}
