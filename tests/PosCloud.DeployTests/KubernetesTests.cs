using PosCloud.DeployTests.Support;

namespace PosCloud.DeployTests;

/// <summary>deploy/k8s: every manifest parses; images, ports and probes match the repo's Dockerfiles and apps; HPA, PDBs, Service, config wired.</summary>
public sealed class KubernetesTests
{
    private const string Folder = "deploy/k8s";

    private sealed record Manifest(string File, Dictionary<string, object?> Doc)
    {
        public string Kind => Doc.Str("kind") ?? "";
        public string Name => Doc.Map("metadata")?.Str("name") ?? "";
    }

    private static List<Manifest> Manifests()
    {
        var result = new List<Manifest>();
        foreach (var file in Directory.GetFiles(Repo.PathOf(Folder), "*.y*ml").Order(StringComparer.Ordinal))
        {
            var rel = Repo.Relative(file);
            if (Path.GetFileName(file) == "kustomization.yaml") continue;
            foreach (var doc in Yaml.LoadAll(rel))
            {
                if (doc is null) continue;
                var map = Assert.IsType<Dictionary<string, object?>>(doc);
                result.Add(new Manifest(rel, map));
            }
        }
        return result;
    }

    private static IEnumerable<Manifest> OfKind(string kind) => Manifests().Where(m => m.Kind == kind);

    private static List<Dictionary<string, object?>> Containers(Manifest deployment) =>
        deployment.Doc.Map("spec")!.Map("template")!.Map("spec")!.List("containers").Maps().ToList();

    private static Dictionary<string, object?> PodSpec(Manifest deployment) => deployment.Doc.Map("spec")!.Map("template")!.Map("spec")!;

    private static Dictionary<string, string?> Labels(Dictionary<string, object?>? map) =>
        map?.ToDictionary(kv => kv.Key, kv => kv.Value as string) ?? [];

    private static Dockerfile DockerfileFor(string image, string where)
    {
        var repository = Dockerfile.Repository(image);
        var match = Dockerfile.All().FirstOrDefault(d => d.ImageName == repository);
        Assert.True(match is not null, $"{where}: image '{image}' is not built by any {Dockerfile.Directory}/*.Dockerfile (convention: <Name>.Dockerfile → poscloud/<kebab-name>; built: {string.Join(", ", Dockerfile.All().Select(d => d.ImageName))})");
        return match!;
    }

    [Fact]
    public void Every_manifest_parses_and_is_listed_in_the_kustomization()
    {
        var manifests = Manifests();
        Assert.NotEmpty(manifests);
        foreach (var m in manifests)
        {
            Assert.False(string.IsNullOrEmpty(m.Doc.Str("apiVersion")), $"{m.File}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(m.Kind), $"{m.File}: no kind");
            Assert.False(string.IsNullOrEmpty(m.Name), $"{m.File}: no metadata.name");
        }
        var kustomization = Yaml.LoadSingleMapping($"{Folder}/kustomization.yaml");
        var resources = kustomization.List("resources").OfType<string>().ToHashSet();
        foreach (var resource in resources)
            Assert.True(File.Exists(Repo.PathOf($"{Folder}/{resource}")), $"{Folder}/kustomization.yaml lists {resource}, which does not exist");
        foreach (var file in manifests.Select(m => Path.GetFileName(m.File)).Distinct())
            Assert.True(resources.Contains(file), $"{Folder}/{file} is not listed in kustomization.yaml resources");
        foreach (var image in kustomization.List("images").Maps())
            DockerfileFor(image.Str("newName") ?? image.Str("name")!, $"{Folder}/kustomization.yaml");
    }

    [Fact]
    public void Api_and_workers_deployments_run_the_repos_images()
    {
        var deployments = OfKind("Deployment").ToList();
        var images = deployments.SelectMany(Containers).Select(c => Dockerfile.Repository(c.Str("image")!)).ToHashSet();
        Assert.Contains("poscloud/api", images);
        Assert.Contains("poscloud/workers", images);
        foreach (var d in deployments)
            foreach (var c in Containers(d))
                DockerfileFor(c.Str("image")!, $"{d.File} ({d.Name}/{c.Str("name")})");
    }

    [SkippableFact]
    public void Container_ports_and_probes_match_the_dockerfiles_and_the_apps()
    {
        foreach (var d in OfKind("Deployment"))
            foreach (var c in Containers(d))
            {
                var where = $"{d.File} ({d.Name}/{c.Str("name")})";
                var dockerfile = DockerfileFor(c.Str("image")!, where);
                var exposed = dockerfile.ExposedPorts;
                var ports = c.List("ports").Maps().ToList();
                Assert.NotEmpty(ports);
                foreach (var p in ports)
                    Assert.True(exposed.Contains(int.Parse(p.Str("containerPort")!, System.Globalization.CultureInfo.InvariantCulture)),
                        $"{where}: containerPort {p.Str("containerPort")} is not EXPOSEd by {dockerfile.RelativePath} ({string.Join(",", exposed)})");

                var served = DockerfileTests.ServedPaths(dockerfile);
                var expected = new Dictionary<string, string> { ["livenessProbe"] = "/health/live", ["readinessProbe"] = "/health/ready", ["startupProbe"] = "/health/live" };
                foreach (var (probeName, expectedPath) in expected)
                {
                    var probe = c.Map(probeName);
                    if (probe is null)
                    {
                        Assert.True(probeName == "startupProbe", $"{where}: no {probeName}");
                        continue;
                    }
                    var http = probe.Map("httpGet");
                    Assert.True(http is not null, $"{where}: {probeName} should be an httpGet probe");
                    var path = http!.Str("path");
                    Assert.Equal(expectedPath, path);
                    Assert.True(served.Contains(path!), $"{where}: {probeName} probes {path}, which the app does not map ({string.Join(", ", served)})");
                    var port = ResolvePort(http.Str("port"), ports, where);
                    Assert.True(exposed.Contains(port), $"{where}: {probeName} probes port {port}, not EXPOSEd by {dockerfile.RelativePath}");
                }
            }
    }

    [Fact]
    public void Pods_run_as_non_root_with_resources_requested_and_limited()
    {
        foreach (var d in OfKind("Deployment"))
        {
            var pod = PodSpec(d);
            var podSecurity = pod.Map("securityContext");
            Assert.Equal("true", podSecurity?.Str("runAsNonRoot"));
            Assert.NotEqual("0", podSecurity?.Str("runAsUser"));
            foreach (var c in Containers(d))
            {
                var where = $"{d.File} ({d.Name}/{c.Str("name")})";
                var security = c.Map("securityContext");
                Assert.True(security?.Str("allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation should be false");
                var resources = c.Map("resources");
                foreach (var section in new[] { "requests", "limits" })
                    foreach (var resource in new[] { "cpu", "memory" })
                        Assert.False(string.IsNullOrEmpty(resources?.Map(section)?.Str(resource)), $"{where}: resources.{section}.{resource} is not set");
            }
            var selector = Labels(d.Doc.Map("spec")!.Map("selector")!.Map("matchLabels"));
            var templateLabels = Labels(d.Doc.Map("spec")!.Map("template")!.Map("metadata")!.Map("labels"));
            Assert.True(selector.All(kv => templateLabels.GetValueOrDefault(kv.Key) == kv.Value), $"{d.File}: selector does not match the pod template's labels");
        }
    }

    [Fact]
    public void Config_and_secret_references_exist_and_the_secret_holds_placeholders_only()
    {
        var manifests = Manifests();
        var configMaps = manifests.Where(m => m.Kind == "ConfigMap").Select(m => m.Name).ToHashSet();
        var secrets = manifests.Where(m => m.Kind == "Secret").ToList();
        foreach (var d in manifests.Where(m => m.Kind == "Deployment"))
            foreach (var c in Containers(d))
                foreach (var from in c.List("envFrom").Maps())
                {
                    if (from.Map("configMapRef")?.Str("name") is { } cm) Assert.True(configMaps.Contains(cm), $"{d.File}: ConfigMap '{cm}' is not defined");
                    if (from.Map("secretRef")?.Str("name") is { } s) Assert.True(secrets.Any(x => x.Name == s), $"{d.File}: Secret '{s}' is not defined");
                }
        foreach (var secret in secrets)
        {
            var values = (secret.Doc.Map("stringData") ?? []).Concat(secret.Doc.Map("data") ?? []).ToList();
            Assert.NotEmpty(values);
            foreach (var (key, value) in values)
                Assert.True(value is string v && v.Contains("REPLACE", StringComparison.Ordinal), $"{secret.File}: '{key}' must be a placeholder (containing REPLACE), never a real secret");
        }
        var config = manifests.Where(m => m.Kind == "ConfigMap").SelectMany(m => m.Doc.Map("data") ?? []).ToDictionary(kv => kv.Key, kv => kv.Value as string);
        Assert.Equal("SqlServer", config.GetValueOrDefault("Database__Provider"));
        Assert.Equal("RabbitMq", config.GetValueOrDefault("Bus__Transport"));
        Assert.Equal("false", config.GetValueOrDefault("Database__MigrateOnStartup"));
        Assert.Equal("false", config.GetValueOrDefault("Workers__HostedInApi"));
    }

    [Fact]
    public void Service_routes_to_the_api_port()
    {
        var deployments = OfKind("Deployment").ToList();
        var services = OfKind("Service").ToList();
        Assert.NotEmpty(services);
        foreach (var s in services)
        {
            var selector = Labels(s.Doc.Map("spec")!.Map("selector"));
            var target = deployments.SingleOrDefault(d => selector.All(kv => Labels(d.Doc.Map("spec")!.Map("template")!.Map("metadata")!.Map("labels")).GetValueOrDefault(kv.Key) == kv.Value));
            Assert.True(target is not null, $"{s.File}: Service '{s.Name}' selects no (or several) Deployment(s)");
            var containerPorts = Containers(target!).SelectMany(c => c.List("ports").Maps()).ToList();
            foreach (var p in s.Doc.Map("spec")!.List("ports").Maps())
                ResolvePort(p.Str("targetPort") ?? p.Str("port"), containerPorts, $"{s.File} ({s.Name})");
        }
        Assert.Contains(services, s => DeploymentSelectedBy(s, deployments)?.Containers().Any(c => Dockerfile.Repository(c.Str("image")!) == "poscloud/api") == true);
    }

    [Fact]
    public void Workers_autoscale_and_both_apps_have_a_disruption_budget()
    {
        var deployments = OfKind("Deployment").ToList();
        var workers = deployments.Single(d => Containers(d).Any(c => Dockerfile.Repository(c.Str("image")!) == "poscloud/workers"));
        var api = deployments.Single(d => Containers(d).Any(c => Dockerfile.Repository(c.Str("image")!) == "poscloud/api"));

        var hpa = OfKind("HorizontalPodAutoscaler").SingleOrDefault(h => h.Doc.Map("spec")!.Map("scaleTargetRef")!.Str("name") == workers.Name);
        Assert.True(hpa is not null, $"no HorizontalPodAutoscaler targets Deployment '{workers.Name}'");
        Assert.Equal("autoscaling/v2", hpa!.Doc.Str("apiVersion"));
        var spec = hpa.Doc.Map("spec")!;
        Assert.Equal("Deployment", spec.Map("scaleTargetRef")!.Str("kind"));
        var min = int.Parse(spec.Str("minReplicas") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(spec.Str("maxReplicas")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(min >= 1 && max > min, $"{hpa.File}: minReplicas {min} / maxReplicas {max}");
        Assert.NotEmpty(spec.List("metrics"));
        Assert.False(workers.Doc.Map("spec")!.ContainsKey("replicas"), $"{workers.File}: a fixed replicas fights the HPA on every apply");

        var pdbs = OfKind("PodDisruptionBudget").ToList();
        foreach (var d in new[] { api, workers })
        {
            var podLabels = Labels(d.Doc.Map("spec")!.Map("template")!.Map("metadata")!.Map("labels"));
            Assert.True(pdbs.Any(p => Labels(p.Doc.Map("spec")!.Map("selector")!.Map("matchLabels")).All(kv => podLabels.GetValueOrDefault(kv.Key) == kv.Value)),
                $"no PodDisruptionBudget selects the pods of '{d.Name}'");
        }
    }

    private static int ResolvePort(string? port, List<Dictionary<string, object?>> containerPorts, string where)
    {
        Assert.False(port is null, $"{where}: a probe or service has no port");
        if (int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            Assert.True(containerPorts.Any(p => p.Str("containerPort") == port), $"{where}: port {port} is not a containerPort");
            return number;
        }
        var named = containerPorts.SingleOrDefault(p => p.Str("name") == port);
        Assert.True(named is not null, $"{where}: named port '{port}' is not declared by the container");
        return int.Parse(named!.Str("containerPort")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DeploymentView? DeploymentSelectedBy(Manifest service, List<Manifest> deployments)
    {
        var selector = Labels(service.Doc.Map("spec")!.Map("selector"));
        var d = deployments.FirstOrDefault(x => selector.All(kv => Labels(x.Doc.Map("spec")!.Map("template")!.Map("metadata")!.Map("labels")).GetValueOrDefault(kv.Key) == kv.Value));
        return d is null ? null : new DeploymentView(Containers(d));
    }

    private sealed record DeploymentView(List<Dictionary<string, object?>> ContainerList)
    {
        public IEnumerable<Dictionary<string, object?>> Containers() => ContainerList;
    }
}
