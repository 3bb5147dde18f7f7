using System.Diagnostics;

namespace PosCloud.IntegrationTests.Support;

/// <summary>The Api and Workers builds beside this test build (same configuration), run as real processes.</summary>
public static class BuiltApp
{
    /// <summary>e.g. src/Workers/bin/Debug/net10.0/PosCloud.Workers.dll for project folder "Workers".</summary>
    public static string Dll(string projectFolder, string dllName)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // tests/PosCloud.IntegrationTests/bin/<Config>/<tfm>/
        var tfm = here.Name;
        var config = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", projectFolder, "bin", config, tfm, dllName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{dllName} ({config}/{tfm}) not found above {here.FullName}; build src/{projectFolder} first.");
    }

    /// <summary>Runs `dotnet dll args` in <paramref name="workingDirectory"/> until it exits; its exit code and all its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string dll, string workingDirectory, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Path.GetFileName(dll)} still ran after {timeout.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
