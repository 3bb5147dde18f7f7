using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Api;
using PosCloud.Core.Persistence;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>
/// The real Api (and the reconciliation workers it hosts on the in-memory bus), configured for SQL Server exactly as
/// production is (Database:Provider=SqlServer, migrate and seed on start-up), with <see cref="SqlCapture"/> added to
/// the context's interceptors so nothing reaches a server. Start-up runs EF's migrations and the demo seeding against
/// an empty fake world; scenarios then fill the world with the rows their code path should find.
/// </summary>
public sealed class OfflineApi : WebApplicationFactory<ApiHost>
{
    public const string RegisterKey = "offline-register-key-S001-R1";
    public const string HqKey = "offline-hq-key-0001";
    public const string OperatorPassword = "offline-operator-password-1";

    public FakeWorld World { get; } = new(Model);
    public SqlCapture Capture { get; }

    /// <summary>The SQL Server context's model, built without a server (the same model the Api uses).</summary>
    public static Microsoft.EntityFrameworkCore.Metadata.IModel Model { get; } = NewContext().Model;

    public OfflineApi() => Capture = new SqlCapture(new FakeAnswers(World));

    public static SqlServerCloudDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlServerCloudDbContext>().UseSqlServer("Server=offline.invalid;Database=PosCloud;TrustServerCertificate=True").Options);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.SqlServer));
        builder.UseSetting("ConnectionStrings:PosCloud", "Server=offline.invalid;Database=PosCloud;TrustServerCertificate=True");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Demo:RegisterKey", RegisterKey);
        builder.UseSetting("Demo:HqKey", HqKey);
        builder.UseSetting("Demo:InvoiceNumbers", "true");
        builder.UseSetting("Dashboard:DemoOperatorPassword", OperatorPassword);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<SqlServerCloudDbContext>(o => o.AddInterceptors(Capture)));
    }

    /// <summary>Starts the host (start-up's commands are captured as <see cref="SqlCapture.Background"/>), carrying each test's path label into the server.</summary>
    public OfflineApi Start()
    {
        Server.PreserveExecutionContext = true;
        return this;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
