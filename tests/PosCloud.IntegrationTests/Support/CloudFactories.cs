using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Api;
using PosCloud.Core.Persistence;
using PosCloud.Core.Seeding;
using PosCloud.Workers;

namespace PosCloud.IntegrationTests.Support;

/// <param name="Settings">The Api's and the workers' settings (PostgreSQL, RabbitMQ, the prefix).</param>
public sealed record ServerSetup(Dictionary<string, string?> Settings, string RabbitMq, string Prefix);

/// <summary>The Api, started in-process with the given settings (passed as command-line settings, so Program sees them).</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<ApiHost>
{
    public const string RegisterKey = "test-register-key-S001-R1";
    public const string HqKey = "test-hq-key-0001";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Demo:RegisterKey", RegisterKey);
        builder.UseSetting("Demo:HqKey", HqKey);
        // The invoice tests register the ranges and blocks they count; a test that wants the demo's own turns this on.
        builder.UseSetting("Demo:InvoiceNumbers", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateRegisterClient(string apiKey = RegisterKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<CloudDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CloudDbContext>());
    }

    /// <summary>The embedded default on a private SQLite file: in-memory bus, workers inside the Api.</summary>
    public static ApiFactory Embedded(out string databaseFile, IReadOnlyDictionary<string, string?>? more = null)
    {
        databaseFile = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={databaseFile}",
            ["Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return new ApiFactory(settings);
    }

    /// <summary>A fresh PostgreSQL database and a broker prefix of its own: the production shape for one test.</summary>
    public static async Task<ServerSetup> NewServerAsync()
    {
        var postgres = await Infrastructure.NewPostgresDatabaseAsync();
        var rabbit = await Infrastructure.RabbitMqAsync();
        var prefix = $"t{Guid.NewGuid():N}"[..9] + "-";
        TestRunCleanup.TrackBrokerPrefix(rabbit, prefix);
        return new ServerSetup(ServerSettings(postgres, rabbit, prefix), rabbit, prefix);
    }

    /// <summary>Production shape: PostgreSQL + RabbitMQ, workers NOT in the Api. Names on the broker are prefixed per test.</summary>
    public static Dictionary<string, string?> ServerSettings(string postgres, string rabbitMq, string prefix) => new()
    {
        ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
        ["ConnectionStrings:PosCloud"] = postgres,
        ["Bus:Transport"] = "RabbitMq",
        ["ConnectionStrings:RabbitMq"] = rabbitMq,
        ["Bus:EntityPrefix"] = prefix,
        ["Workers:HostedInApi"] = "false",
        ["Outbox:PollInterval"] = "00:00:00.200",
    };
}

/// <summary>The Workers host, started in-process beside the Api.</summary>
public sealed class WorkersFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<WorkersHost>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>Starts the host (and its bus consumers).</summary>
    public WorkersFactory Start()
    {
        _ = Services;
        return this;
    }
}
