using System.Collections.Concurrent;
using System.Diagnostics;

namespace PosCloud.Tests.Support;

/// <summary>
/// A real process (`dotnet some.dll …`), the way the Api, the Workers and the agent run in production, so a test can
/// run two competing workers, kill one mid-batch (SIGKILL) or stop it as an orchestrator does (SIGTERM). Its output
/// is kept for assertions and the test log (the last <c>keepLines</c> lines; all of it in <c>logFile</c> when named).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter? _log;
    private readonly int _keepLines;
    private bool _disposed;

    public string Name { get; }

    /// <param name="env">Set in the child's environment (ASPNETCORE_ENVIRONMENT is Production unless named here); the
    /// working directory is the dll's folder, where the host reads its appsettings.json.</param>
    public ChildProcess(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null,
        string? logFile = null, int keepLines = int.MaxValue)
    {
        Name = name;
        _keepLines = keepLines;
        if (!File.Exists(dll)) throw new FileNotFoundException($"{name}: {dll} is not built. Build the test project first.", dll);
        if (logFile is not null) _log = new StreamWriter(logFile) { AutoFlush = true };
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data is null ? null : "ERR " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (_log is not null) lock (_log) _log.WriteLine(line);
        _lines.Enqueue(line);
        while (_lines.Count > _keepLines) _lines.TryDequeue(out _);
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public IReadOnlyCollection<string> Lines => _lines;
    public string Output => string.Join("\n", _lines);

    public int CountLines(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (CountLines(text) == 0)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds} s:\n{string.Join('\n', _lines.TakeLast(40))}");
            await Task.Delay(50);
        }
    }

    /// <summary>Power cut (SIGKILL): no shutdown hooks, no flush; unacknowledged messages go back to the queue.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
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

    /// <summary>Idempotent: a test may dispose a killed process early and again at the end of its scope.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        _process.Dispose();
        _log?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
