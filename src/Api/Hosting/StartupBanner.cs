using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PosCloud.Core.Messaging;
using PosCloud.Core.Persistence;
using PosCloud.Core.Seeding;

namespace PosCloud.Api.Hosting;

/// <summary>Prints where to go and what key to use once the server listens.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    DatabaseOptions database,
    BusOptions bus,
    IOptions<DemoOptions> demo,
    IOptions<PosCloud.Api.Dashboard.DashboardOptions> dashboard,
    IConfiguration config,
    IHostEnvironment environment,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var baseUrl = addresses.FirstOrDefault() ?? "http://localhost:5000";
            logger.LogInformation(
                """
                PosCloud Api is ready.
                  Swagger UI:      {SwaggerUrl}
                  Health:          {LiveUrl}  {ReadyUrl}
                  Database:        {Provider}  Bus: {Transport}  Workers in this process: {WorkersInApi}
                  Dashboard:       {DashboardUrl}  {DashboardUsers}
                  Demo register:   {RegisterId}  X-Api-Key: {RegisterKey}  (the store agent's; README examples use {ExampleRegisterId}  X-Api-Key: {ExampleKey})
                  Demo HQ key:     X-Api-Key: {HqKey}
                """,
                SwaggerSettings.IsEnabled(config, environment) ? baseUrl + "/swagger" : "off (Production; Swagger:Enabled=true turns it on)", baseUrl + "/health/live", baseUrl + "/health/ready", database.Provider, bus.Transport, ApiServiceExtensions.WorkersHostedInApi(config),
                baseUrl + "/dashboard",
                database.SeedDemoData ? $"demo users hq-operator / {dashboard.Value.DemoOperatorPassword}, hq-viewer / {dashboard.Value.DemoViewerPassword}" : "(demo data off: add users with /api/v1/dashboard-users)",
                DemoSeeder.DemoRegisterId, database.SeedDemoData ? demo.Value.RegisterKey : "(demo data off)",
                DemoSeeder.ExampleRegisterId, database.SeedDemoData ? demo.Value.ExampleRegisterKey : "(demo data off)",
                database.SeedDemoData ? demo.Value.HqKey : "(demo data off)");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
