using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Api;

namespace PosCloud.Dashboard.Tests.Support;

/// <summary>
/// The Api on real Kestrel (127.0.0.1, a free port) in its embedded default: SQLite file, in-memory
/// bus, workers inside; demo data and demo dashboard users seeded. A browser talks to it over TCP.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<ApiHost>
{
    public const string RegisterKey = "dash-test-register-S001-R1";
    public const string HqKey = "dash-test-hq-key-0001";
    public const string OperatorPassword = "op-pass-for-tests-1";
    public const string ViewerPassword = "view-pass-for-tests-1";

    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"poscloud-dash-{Guid.NewGuid():N}.db");

    private readonly IReadOnlyDictionary<string, string?> _extra;

    /// <param name="extra">More settings for a test class of its own (e.g. Readiness:*).</param>
    public DashboardApp(IReadOnlyDictionary<string, string?>? extra = null)
    {
        _extra = extra ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:PosCloud", $"Data Source={_databaseFile}");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Demo:RegisterKey", RegisterKey);
        builder.UseSetting("Demo:HqKey", HqKey);
        builder.UseSetting("Dashboard:DemoOperatorPassword", OperatorPassword);
        builder.UseSetting("Dashboard:DemoViewerPassword", ViewerPassword);
        builder.UseSetting("Dashboard:RefreshSeconds", "2");
        foreach (var (key, value) in _extra) builder.UseSetting(key, value);
    }

    /// <summary>Starts Kestrel and answers its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    public HttpClient ApiClient(Uri baseAddress, string apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var f in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
            try { File.Delete(f); } catch (IOException) { /* best effort */ }
    }
}
