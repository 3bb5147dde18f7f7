using System.Collections.Concurrent;
using System.Diagnostics;

namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// src/Workers as a real child process (`dotnet PosCloud.Workers.dll --Key=Value …`), so a test can
/// run two competing worker processes or kill one mid-batch. Its console output is kept for assertions.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public string Name { get; }
    public IReadOnlyCollection<string> Output => _output;
    public bool HasExited => _process.HasExited;

    private WorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BuiltApp.Dll("Workers", "PosCloud.Workers.dll"));
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        info.ArgumentList.Add("--Logging:LogLevel:PosCloud=Information");
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        return new WorkerProcess(name, Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>A real kill (SIGKILL): no graceful shutdown, unacknowledged messages go back to the queue.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>What a container orchestrator sends first (SIGTERM): the host stops gracefully. Returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    public int CountLines(string text) => _output.Count(l => l.Contains(text, StringComparison.Ordinal));

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (CountLines(text) == 0)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}):\n{string.Join('\n', _output)}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} never wrote '{text}':\n{string.Join('\n', _output.TakeLast(40))}");
            await Task.Delay(50);
        }
    }

    private bool _disposed;

    /// <summary>Idempotent: a test may dispose a killed worker early and again at the end of its scope.</summary>
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
    }
}

/// <summary>Tests that start worker processes run one after the other: each spawns .NET hosts on a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "worker processes";
}
