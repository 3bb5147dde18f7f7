using System.Net;
using System.Net.Sockets;
using PosCloud.Tests.Support;

namespace PosCloud.Bench;

/// <summary>The Api or a Workers host as a child process (`dotnet X.dll --Key=Value`), the way they run in production,
/// on a free loopback port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    private HostProcess(ChildProcess process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <param name="logDirectory">When set, the child's whole console output goes to {logDirectory}/{name}.log (profiling).</param>
    public static HostProcess Start(string name, string project, IReadOnlyDictionary<string, string> settings, string? logDirectory = null)
    {
        var port = FreePort();
        var process = new ChildProcess(name, HostDll(project),
            [$"--urls=http://127.0.0.1:{port}", .. settings.Select(s => $"--{s.Key}={s.Value}")],
            // DOTNET_ReadyToRun=0 as the images set it (deploy/docker, checked by DockerfileTests).
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ReadyToRun"] = "0" },
            logFile: logDirectory is null ? null : Path.Combine(logDirectory, $"{name}.log"), keepLines: 200);
        return new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_process.Name} exited with {_process.ExitCode}:\n{_process.Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_process.Name} not ready:\n{_process.Output}");
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>src/{project}/bin/{Configuration}/{tfm}/PosCloud.{project}.dll, built with this benchmark.</summary>
    private static string HostDll(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var (tfm, config) = (here.Name, here.Parent!.Name);
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", project, "bin", config, tfm, $"PosCloud.{project}.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException($"PosCloud.{project}.dll ({config}) not found; build the solution first.");
    }
}
