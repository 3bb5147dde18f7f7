using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PosCloud.IntegrationTests.Support;

/// <summary>The Api on real Kestrel (127.0.0.1, a free port), embedded default on its own SQLite file: a client connects over TCP.</summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly string _file;
    public ApiFactory Factory { get; }
    public Uri BaseAddress { get; }

    private KestrelApi(ApiFactory factory, Uri baseAddress, string file)
    {
        Factory = factory;
        BaseAddress = baseAddress;
        _file = file;
    }

    public static KestrelApi Start(Dictionary<string, string?>? settings = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        var all = new Dictionary<string, string?>(settings ?? []) { ["ConnectionStrings:PosCloud"] = $"Data Source={file}" };
        var factory = new ApiFactory(all);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelApi(factory, new Uri(address), file);
    }

    /// <summary>A plain client; cookies are left to the test (a Secure cookie must not be dropped over the test's plain HTTP).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            try { File.Delete(f); } catch (IOException) { /* best effort */ }
    }
}
