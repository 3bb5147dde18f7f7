using System.Text.RegularExpressions;
using PosCloud.DeployTests.Support;

namespace PosCloud.DeployTests;

/// <summary>docker-compose.yml: parses, builds only the repo's Dockerfiles, ports and probes match them, start order is sound, workers scale.</summary>
public sealed partial class ComposeTests
{
    private const string ComposeFile = "docker-compose.yml";
    private static readonly string[] AppServices = ["api", "workers", "offline-agent"];

    private static Dictionary<string, object?> Compose() => Yaml.LoadSingleMapping(ComposeFile);

    private static Dictionary<string, Dictionary<string, object?>> Services() =>
        Compose().Map("services")!.ToDictionary(kv => kv.Key, kv => kv.Value as Dictionary<string, object?> ?? []);

    /// <summary>The Dockerfile a service builds, or null for a service that uses a published image.</summary>
    private static Dockerfile? DockerfileOf(Dictionary<string, object?> service, string name)
    {
        if (!service.ContainsKey("build")) return null;
        var build = service["build"];
        var context = build as string ?? (build as Dictionary<string, object?>)?.Str("context") ?? ".";
        var dockerfile = (build as Dictionary<string, object?>)?.Str("dockerfile") ?? "Dockerfile";
        var relative = Repo.Relative(Path.GetFullPath(Path.Combine(Repo.PathOf(context), dockerfile)));
        Assert.True(File.Exists(Repo.PathOf(relative)), $"{ComposeFile}: service '{name}' builds {relative}, which does not exist");
        return Dockerfile.Load(relative);
    }

    [Fact]
    public void Parses_and_has_the_production_services()
    {
        var services = Services();
        foreach (var name in new[] { "sqlserver", "rabbitmq", "api", "workers", "offline-agent" })
            Assert.True(services.ContainsKey(name), $"{ComposeFile}: no service '{name}'");
        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022", services["sqlserver"].Str("image"));
        Assert.Matches("^rabbitmq:[34][^:]*-management", services["rabbitmq"].Str("image")!);
    }

    [Fact]
    public void App_services_build_the_repos_dockerfiles_and_are_named_by_the_convention()
    {
        foreach (var (name, service) in Services())
        {
            var dockerfile = DockerfileOf(service, name);
            if (dockerfile is null)
            {
                Assert.False(AppServices.Contains(name), $"{ComposeFile}: app service '{name}' should build from {Dockerfile.Directory}");
                continue;
            }
            var image = service.Str("image");
            Assert.False(image is null, $"{ComposeFile}: service '{name}' builds {dockerfile.RelativePath} but names no image (expected {dockerfile.ImageName})");
            Assert.Equal(dockerfile.ImageName, Dockerfile.Repository(Interpolate(image!)));
        }
    }

    [Fact]
    public void Host_ports_are_published_on_loopback_only()
    {
        foreach (var (name, service) in Services())
            foreach (var port in service.List("ports"))
            {
                var text = port as string ?? (port as Dictionary<string, object?>)?.Str("host_ip");
                Assert.True(text is not null && text.StartsWith("127.0.0.1", StringComparison.Ordinal),
                    $"{ComposeFile}: service '{name}' publishes '{port}' beyond 127.0.0.1");
            }
    }

    [SkippableFact]
    public void Container_ports_and_health_checks_match_the_dockerfiles()
    {
        var pending = new List<string>();
        foreach (var (name, service) in Services())
        {
            var dockerfile = DockerfileOf(service, name);
            if (dockerfile is null) continue;
            var exposed = dockerfile.ExposedPorts;
            foreach (var port in service.List("ports").OfType<string>())
                Assert.True(exposed.Contains(ContainerPort(port)), $"{ComposeFile}: service '{name}' maps '{port}' but {dockerfile.RelativePath} EXPOSEs {string.Join(",", exposed)}");
            foreach (var port in service.List("expose").OfType<string>())
                Assert.True(exposed.Contains(ContainerPort(port)), $"{ComposeFile}: service '{name}' exposes '{port}' but {dockerfile.RelativePath} EXPOSEs {string.Join(",", exposed)}");

            var test = service.Map("healthcheck")?.List("test").OfType<string>().ToList();
            if (test is null || test.Count == 0) continue;
            var command = string.Join(' ', test);
            foreach (var url in Urls.In(command))
            {
                Assert.True(exposed.Contains(url.Port), $"{ComposeFile}: '{name}' health check probes port {url.Port}, not EXPOSEd by {dockerfile.RelativePath}");
                var project = dockerfile.EntryAssembly is null ? null : Apps.ProjectDirectoryOf(dockerfile.EntryAssembly);
                if (project is null) { pending.Add($"{name} ({dockerfile.EntryAssembly})"); continue; }
                Assert.True(Apps.HealthPathsServedBy(project).Contains(url.Path),
                    $"{ComposeFile}: '{name}' health check probes '{url.Path}', which {project} does not map (it maps {string.Join(", ", Apps.HealthPathsServedBy(project))})");
            }
            // Chiseled images have no shell or curl: the check must run what the image ships.
            Assert.True(test[0] == "CMD" && command.Contains("/probe/PosCloud.HealthProbe.dll"),
                $"{ComposeFile}: '{name}' health check must be exec-form CMD running the bundled probe (chiseled images have no curl): {command}");
        }
        DockerfileTests.SkipLoudlyIf(pending.Count > 0, ($"{ComposeFile}: health paths of {string.Join(", ", pending)} not checked: the project is not in src/ yet"));
    }

    [Fact]
    public void Workers_scale_no_container_name_and_no_host_port()
    {
        var workers = Services()["workers"];
        Assert.False(workers.ContainsKey("container_name"), $"{ComposeFile}: workers has a container_name, so `--scale workers=3` fails");
        Assert.True(workers.List("ports").Count == 0, $"{ComposeFile}: workers publishes host ports, so `--scale workers=3` collides");
    }

    [Fact]
    public void Start_order_waits_for_health_and_for_the_one_shot_migration()
    {
        var services = Services();
        var conditions = new[] { "service_started", "service_healthy", "service_completed_successfully" };
        foreach (var (name, service) in services)
        {
            if (!service.TryGetValue("depends_on", out var raw) || raw is null) continue;
            var deps = raw as Dictionary<string, object?>;
            Assert.False(deps is null, $"{ComposeFile}: '{name}' depends_on should use the long form with a condition");
            foreach (var (target, spec) in deps!)
            {
                Assert.True(services.ContainsKey(target), $"{ComposeFile}: '{name}' depends on unknown service '{target}'");
                var condition = (spec as Dictionary<string, object?>)?.Str("condition");
                Assert.Contains(condition, conditions);
                if (condition == "service_healthy")
                {
                    var hasCheck = services[target].ContainsKey("healthcheck") || DockerfileOf(services[target], target)?.Args("HEALTHCHECK").Any() == true;
                    Assert.True(hasCheck, $"{ComposeFile}: '{name}' waits for '{target}' to be healthy, but '{target}' has no health check");
                }
                if (condition == "service_completed_successfully")
                    Assert.True(services[target].Str("restart") is null or "no", $"{ComposeFile}: '{target}' is awaited as one-shot but restarts");
            }
        }
        foreach (var app in new[] { "api", "workers" })
        {
            var deps = services[app].Map("depends_on")!;
            Assert.Equal("service_healthy", deps.Map("rabbitmq")?.Str("condition"));
        }
        Assert.Equal("service_healthy", services["offline-agent"].Map("depends_on")?.Map("api")?.Str("condition"));
    }

    [Fact]
    public void Migrations_are_applied_one_way_only_and_never_by_the_workers()
    {
        var services = Services();
        var migrateByScript = services.Where(s => s.Value.List("volumes").OfType<string>().Any(v => v.StartsWith("./deploy/sqlserver", StringComparison.Ordinal))).Select(s => s.Key).ToList();
        var apiMigrates = Env(services["api"]).GetValueOrDefault("Database__MigrateOnStartup") is "true" or "True" or null; // the Api's default is true
        Assert.True(migrateByScript.Count == 1 ^ apiMigrates,
            $"{ComposeFile}: migrations must be applied by exactly one of: a one-shot service running deploy/sqlserver/migrate.sql ({string.Join(",", migrateByScript)}) or the Api at start-up ({apiMigrates})");
        if (migrateByScript.Count == 1)
        {
            var migrate = migrateByScript[0];
            Assert.True(services[migrate].Str("restart") is null or "no");
            foreach (var app in new[] { "api", "workers" })
                Assert.Equal("service_completed_successfully", services[app].Map("depends_on")?.Map(migrate)?.Str("condition"));
            var script = string.Join(' ', services[migrate].List("entrypoint").OfType<string>());
            var mounted = services[migrate].List("volumes").OfType<string>().First(v => v.StartsWith("./deploy/sqlserver", StringComparison.Ordinal));
            var (source, target) = (mounted.Split(':')[0], mounted.Split(':')[1]);
            foreach (var used in Regex.Matches(script, Regex.Escape(target) + @"/[\w.\-]+").Select(m => m.Value))
                Assert.True(File.Exists(Repo.PathOf(source + used[target.Length..])), $"{ComposeFile}: '{migrate}' runs {used}, missing in {source}");
            Assert.Contains("migrate.sql", Repo.ReadText("deploy/sqlserver/compose-migrate.sh"));
        }
        Assert.NotEqual("true", Env(services["workers"]).GetValueOrDefault("Database__MigrateOnStartup")?.ToLowerInvariant());
    }

    [Fact]
    public void Apps_use_sql_server_and_rabbitmq_and_the_agent_points_at_the_api()
    {
        var services = Services();
        foreach (var app in new[] { "api", "workers" })
        {
            var env = Env(services[app]);
            Assert.Equal("SqlServer", env.GetValueOrDefault("Database__Provider"));
            Assert.Equal("RabbitMq", env.GetValueOrDefault("Bus__Transport"));
            Assert.Contains("Server=sqlserver", env.GetValueOrDefault("ConnectionStrings__PosCloud"));
            Assert.Contains("@rabbitmq:5672", env.GetValueOrDefault("ConnectionStrings__RabbitMq"));
        }
        Assert.Equal("false", Env(services["api"]).GetValueOrDefault("Workers__HostedInApi"));

        var baseUrl = Env(services["offline-agent"]).GetValueOrDefault("Cloud__BaseUrl");
        var url = Assert.Single(Urls.In(baseUrl ?? ""));
        Assert.Equal("api", url.Host);
        Assert.Contains(url.Port, DockerfileOf(services["api"], "api")!.ExposedPorts);
    }

    [Fact]
    public void Bind_mounts_exist_and_every_required_variable_is_in_env_example()
    {
        foreach (var (name, service) in Services())
            foreach (var volume in service.List("volumes").OfType<string>().Where(v => v.StartsWith("./", StringComparison.Ordinal)))
                Assert.True(Path.Exists(Repo.PathOf(volume.Split(':')[0])), $"{ComposeFile}: '{name}' mounts {volume}, whose source does not exist");

        var example = Repo.ReadText(".env.example").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=')[0]).ToHashSet();
        var text = Repo.ReadText(ComposeFile);
        var required = Variable().Matches(text).Where(m => !m.Groups["op"].Value.StartsWith(":-", StringComparison.Ordinal) && !m.Groups["op"].Value.StartsWith('-'))
            .Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(required);
        foreach (var variable in required)
            Assert.True(example.Contains(variable), $"{ComposeFile} requires ${{{variable}}}, which .env.example does not list");
        Assert.True(Repo.ReadText(".gitignore").Split('\n').Any(l => l.Trim() == ".env"), ".gitignore must ignore .env (real secrets live there)");
    }

    /// <summary>Compose interpolation as with an empty .env: ${X:-default} and ${X-default} give the default, other references "value".</summary>
    private static string Interpolate(string text) =>
        Variable().Replace(text, m => m.Groups["op"].Value is var op && (op.StartsWith(":-", StringComparison.Ordinal) || op.StartsWith('-'))
            ? op.TrimStart(':')[1..] : "value");

    private static int ContainerPort(string mapping) =>
        int.Parse(mapping.Split(':')[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Env(Dictionary<string, object?> service)
    {
        var env = new Dictionary<string, string?>();
        if (service.Map("environment") is { } map)
            foreach (var (k, v) in map) env[k] = v as string;
        else
            foreach (var item in service.List("environment").OfType<string>())
                env[item.Split('=')[0]] = item.Contains('=') ? item[(item.IndexOf('=') + 1)..] : null;
        return env;
    }

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<op>[^}]*)\}")]
    private static partial Regex Variable();
}
