using System.Collections.Concurrent;
using System.Diagnostics;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>A real process (`dotnet some.dll …`) whose output is kept for assertions and for the test log.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    public string Name { get; }

    public ChildProcess(string name, string dll, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        Name = name;
        if (!File.Exists(dll)) throw new FileNotFoundException($"{name}: {dll} is not built. Build the test project first (it builds the Api and the agent).", dll);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("ERR " + e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output => string.Join("\n", _lines);

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return;
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Power cut: no shutdown hooks, no flush.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
