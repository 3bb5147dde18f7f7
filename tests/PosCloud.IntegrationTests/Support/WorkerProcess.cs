using PosCloud.Tests.Support;

namespace PosCloud.IntegrationTests.Support;

/// <summary>src/Workers as a real child process (`dotnet PosCloud.Workers.dll --Key=Value …`).</summary>
public static class WorkerProcess
{
    public static ChildProcess Start(string name, IReadOnlyDictionary<string, string?> settings) =>
        new(name, BuiltApp.Dll("Workers", "PosCloud.Workers.dll"),
            [
                "--urls=http://127.0.0.1:0", "--Logging:Console:FormatterName=simple", "--Logging:LogLevel:PosCloud=Information",
                .. settings.Select(s => $"--{s.Key}={s.Value}"),
            ],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing", ["ASPNETCORE_ENVIRONMENT"] = "Testing" });
}

/// <summary>Tests that start worker processes run one after the other: each spawns .NET hosts on a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "worker processes";
}
