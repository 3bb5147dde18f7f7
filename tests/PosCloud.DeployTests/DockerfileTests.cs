using PosCloud.DeployTests.Support;

namespace PosCloud.DeployTests;

/// <summary>deploy/docker/*.Dockerfile: multi-stage, small non-root runtime, cached restore, ports and health checks that match the apps.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles()
    {
        var data = new TheoryData<string>();
        foreach (var d in Dockerfile.All()) data.Add(d.RelativePath);
        return data;
    }

    [Fact]
    public void The_three_apps_have_a_dockerfile()
    {
        var names = Dockerfile.All().Select(d => d.Name).ToHashSet();
        foreach (var expected in new[] { "Api", "Workers", "OfflineAgent" })
            Assert.True(names.Contains(expected), $"{Dockerfile.Directory}/{expected}.Dockerfile is missing (found: {string.Join(", ", names)})");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Is_multi_stage_from_the_sdk_to_a_small_aspnet_runtime(string path)
    {
        var d = Dockerfile.Load(path);
        var froms = d.Args("FROM", finalStageOnly: false).ToList();
        Assert.True(froms.Count >= 2, $"{path}: expected a multi-stage build (sdk stage + runtime stage), found {froms.Count} FROM");
        Assert.Contains("dotnet/sdk", froms[0]);
        var runtime = froms[^1];
        Assert.True(runtime.Contains("dotnet/aspnet") && (runtime.Contains("chiseled") || runtime.Contains("alpine")),
            $"{path}: the shipped stage should be a small ASP.NET Core runtime image (chiseled or alpine), not '{runtime}'");
        Assert.DoesNotContain("sdk", runtime);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Runs_as_a_non_root_user(string path)
    {
        var d = Dockerfile.Load(path);
        var user = d.Args("USER").LastOrDefault();
        Assert.False(user is null, $"{path}: the shipped stage sets no USER, so it runs as root");
        Assert.DoesNotContain(user!.Split(':')[0].Trim(), new[] { "root", "0", "" });
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Restores_from_project_files_before_copying_the_sources(string path)
    {
        var d = Dockerfile.Load(path);
        var steps = d.Instructions.ToList();
        var restore = steps.FindIndex(i => i.Keyword == "RUN" && i.Args.Contains("dotnet restore"));
        Assert.True(restore > 0, $"{path}: no 'RUN dotnet restore' layer");
        var copiesBefore = steps.Take(restore).Where(i => i.Keyword == "COPY").Select(i => i.Args).ToList();
        Assert.Contains(copiesBefore, c => c.Contains(".csproj"));
        Assert.Contains(copiesBefore, c => c.Contains("Directory.Packages.props"));
        var wholeFolders = copiesBefore.Where(c => !c.Contains("--from") && SourcesOf(c).Any(s => s.EndsWith('/') || s == ".")).ToList();
        Assert.True(wholeFolders.Count == 0, $"{path}: copying whole folders before the restore defeats the restore layer cache: {string.Join(" | ", wholeFolders)}");
        var publish = steps.FindIndex(i => i.Keyword == "RUN" && i.Args.Contains("dotnet publish"));
        Assert.True(publish > restore, $"{path}: 'dotnet publish' should come after the restore layer");
        Assert.Contains("--no-restore", steps[publish].Args);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Listens_on_the_exposed_port(string path)
    {
        var d = Dockerfile.Load(path);
        Assert.NotEmpty(d.ExposedPorts);
        var listening = ListeningPorts(d);
        Assert.True(listening.Count > 0, $"{path}: set ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS so the listening port is explicit");
        Assert.True(listening.SetEquals(d.ExposedPorts),
            $"{path}: listens on {string.Join(",", listening)} but EXPOSEs {string.Join(",", d.ExposedPorts)}");
    }

    [SkippableTheory]
    [MemberData(nameof(Dockerfiles))]
    public void Healthcheck_probes_an_exposed_port_and_a_path_the_app_serves(string path)
    {
        var d = Dockerfile.Load(path);
        var healthcheck = d.Args("HEALTHCHECK").LastOrDefault();
        Assert.False(healthcheck is null, $"{path}: no HEALTHCHECK");
        // Chiseled images have no shell or curl: the check must be exec-form and run something the image ships.
        Assert.Contains("CMD [", healthcheck);
        Assert.Contains("/probe/PosCloud.HealthProbe.dll", healthcheck);
        Assert.Contains(d.Instructions, i => i.Keyword == "RUN" && i.Args.Contains("PosCloud.HealthProbe.csproj") && i.Args.Contains("-o /out/probe"));
        Assert.Contains(d.FinalStage, i => i.Keyword == "COPY" && i.Args.Contains("/out/probe") && i.Args.Contains("/probe"));
        var urls = Urls.In(healthcheck!).ToList();
        Assert.Single(urls);
        Assert.Contains(urls[0].Port, d.ExposedPorts);

        var served = ServedPaths(d);
        Assert.Contains(urls[0].Path, served);
    }

    [SkippableTheory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_copied_path_exists(string path)
    {
        var d = Dockerfile.Load(path);
        var missing = new List<string>();
        foreach (var (keyword, args) in d.Instructions)
        {
            if (keyword is not ("COPY" or "ADD") || args.Contains("--from")) continue;
            missing.AddRange(SourcesOf(args).Where(s => !File.Exists(Repo.PathOf(s)) && !Directory.Exists(Repo.PathOf(s))));
        }
        var pending = missing.Where(ProjectNotWrittenYet).ToList();
        Assert.True(missing.Count == pending.Count, $"{path}: COPY sources that do not exist in the repository: {string.Join(", ", missing.Except(pending))}");
        SkipLoudlyIf(pending.Count > 0, ($"{path}: {string.Join(", ", pending)} not in the repository yet (that project has no .csproj): COPY checked for the other paths only"));
        Assert.Contains(d.Instructions, i => i.Keyword == "COPY" && !i.Args.Contains("--from"));
    }

    /// <summary>
    /// The cloud hosts run without tiered compilation (their csproj), so ReadyToRun code would never be recompiled:
    /// their images turn it off, and bench/ReconciliationBench starts them the same way (issue 15).
    /// </summary>
    [Theory]
    [InlineData("Api")]
    [InlineData("Workers")]
    public void The_cloud_hosts_jit_every_method_optimised(string name)
    {
        var d = Dockerfile.All().Single(x => x.Name == name);
        Assert.True(d.Env.TryGetValue("DOTNET_ReadyToRun", out var value) && value == "0",
            $"{d.RelativePath}: the shipped stage should set ENV DOTNET_ReadyToRun=0");
        var csproj = File.ReadAllText(Repo.PathOf($"src/{name}/PosCloud.{name}.csproj"));
        Assert.Contains("<TieredCompilation>false</TieredCompilation>", csproj);
    }

    [Fact]
    public void Dockerignore_keeps_build_output_git_and_secrets_out_of_the_context()
    {
        var lines = Repo.ReadText(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        foreach (var pattern in new[] { "**/bin/", "**/obj/", ".git/", ".env" })
            Assert.True(lines.Contains(pattern), $".dockerignore should contain '{pattern}'");
        // Nothing a Dockerfile COPYs may be ignored.
        foreach (var d in Dockerfile.All())
            foreach (var (keyword, args) in d.Instructions.Where(i => i.Keyword == "COPY" && !i.Args.Contains("--from")))
                foreach (var source in SourcesOf(args))
                    Assert.False(lines.Any(p => !p.StartsWith("**") && !p.StartsWith('!') && source.StartsWith(p.TrimEnd('/'), StringComparison.Ordinal) && p.TrimEnd('/').Length > 0),
                        $"{d.RelativePath} copies '{source}', which .dockerignore excludes");
    }

    // --- helpers shared with the compose and Kubernetes tests ---

    internal static IReadOnlySet<int> ListeningPorts(Dockerfile d)
    {
        var ports = new HashSet<int>();
        if (d.Env.TryGetValue("ASPNETCORE_HTTP_PORTS", out var httpPorts))
            foreach (var p in httpPorts.Split(';', ',', StringSplitOptions.RemoveEmptyEntries))
                ports.Add(int.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        if (d.Env.TryGetValue("ASPNETCORE_URLS", out var urls))
            foreach (var u in Urls.In(urls)) ports.Add(u.Port);
        return ports;
    }

    /// <summary>The health paths the image's app maps, read from its source; skips (loudly) when the project is not in src/ yet.</summary>
    internal static IReadOnlySet<string> ServedPaths(Dockerfile d)
    {
        Assert.False(d.EntryAssembly is null, $"{d.RelativePath}: ENTRYPOINT should be [\"dotnet\", \"<Assembly>.dll\"]");
        var project = Apps.ProjectDirectoryOf(d.EntryAssembly!);
        SkipLoudlyIf(project is null, ($"{d.RelativePath} runs {d.EntryAssembly}.dll, whose project is not in src/ yet: its served health paths cannot be checked"));
        var served = Apps.HealthPathsServedBy(project!);
        Assert.True(served.Count > 0, $"{project}: maps no health checks (MapHealthChecks)");
        return served;
    }

    internal static IEnumerable<string> SourcesOf(string copyArgs)
    {
        var args = copyArgs.TrimStart();
        if (args.StartsWith('['))
        {
            var items = System.Text.Json.JsonSerializer.Deserialize<string[]>(args)!;
            return items[..^1];
        }
        var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--")).ToArray();
        return parts[..^1];
    }

    private static bool ProjectNotWrittenYet(string source)
    {
        var segments = source.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "src") return false;
        var dir = Repo.PathOf($"src/{segments[1]}");
        return !Directory.Exists(dir) || Directory.GetFiles(dir, "*.csproj").Length == 0;
    }

    /// <summary>Skips the test when <paramref name="condition"/> holds, printing the reason to stderr as well.</summary>
    internal static void SkipLoudlyIf(bool condition, string reason)
    {
        if (!condition) return;
        var text = $"*** SKIPPED: {reason} ***";
        Console.Error.WriteLine(text);
        Skip.If(true, text);
    }
}
