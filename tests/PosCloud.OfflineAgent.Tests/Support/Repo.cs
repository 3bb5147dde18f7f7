using System.Net;
using System.Net.Sockets;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>Where things are: the repository, and the built Api and agent of the same configuration as these tests.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release": the segment of this test's own output folder.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Reverse().Skip(2).FirstOrDefault() is { } c && c is "Debug" or "Release" ? c : "Debug";

    public static string ApiDll => Path.Combine(Root, "src", "Api", "bin", Configuration, "net10.0", "PosCloud.Api.dll");
    public static string AgentDll => Path.Combine(Root, "src", "OfflineAgent", "bin", Configuration, "net10.0", "PosCloud.OfflineAgent.dll");

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "PosCloud.sln"))) return d.FullName;
        throw new InvalidOperationException("PosCloud.sln not found above " + AppContext.BaseDirectory);
    }
}
