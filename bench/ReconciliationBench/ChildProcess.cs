using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PosCloud.Bench;

/// <summary>The Api or a Workers host as a child process (`dotnet X.dll --Key=Value`), the way they run in production.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly StreamWriter? _log;
    private bool _disposed;
    public string Name { get; }
    public Uri BaseAddress { get; }

    private ChildProcess(string name, Process process, Uri baseAddress, string? logDirectory)
    {
        Name = name;
        if (logDirectory is not null) _log = new StreamWriter(Path.Combine(logDirectory, $"{name}.log")) { AutoFlush = true };
        _process = process;
        BaseAddress = baseAddress;
        void Keep(string? line)
        {
            if (line is null) return;
            if (_log is not null) lock (_log) _log.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > 200) _tail.TryDequeue(out _);
        }
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IEnumerable<string> Tail => _tail;
    public int Pid => _process.Id;

    /// <param name="logDirectory">When set, the child's whole console output goes to {logDirectory}/{name}.log (profiling).</param>
    public static ChildProcess Start(string name, string project, IReadOnlyDictionary<string, string> settings, string? logDirectory = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var dll = HostDll(project);
        info.WorkingDirectory = Path.GetDirectoryName(dll)!; // the host reads its appsettings.json from here
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (k, v) in settings) info.ArgumentList.Add($"--{k}={v}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new ChildProcess(name, Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), logDirectory);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{string.Join('\n', _tail)}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} not ready:\n{string.Join('\n', _tail)}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _log?.Dispose();
    }

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
