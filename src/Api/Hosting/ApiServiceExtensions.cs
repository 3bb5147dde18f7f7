using Microsoft.AspNetCore.Authentication;
using PosCloud.Api.Auth;
using PosCloud.Api.Batches;
using PosCloud.Api.Catalog;
using PosCloud.Api.Invoices;
using PosCloud.Api.Dashboard;
using PosCloud.Api.Sync;
using PosCloud.Api.Readiness;
using PosCloud.Core.Messaging;
using PosCloud.Core.Observability;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation;
using PosCloud.Reconciliation.Turnkey;

namespace PosCloud.Api.Hosting;

public static class ApiServiceExtensions
{
    /// <summary>Everything the Api needs: database, bus (+ outbox dispatcher), auth, ingestion, health, OpenAPI.</summary>
    public static WebApplicationBuilder AddPosCloudApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddCloudDatabase(config);
        var workersInApi = WorkersHostedInApi(config);
        services.AddReconciliation();
        // The Turnkey delivery runs with the workers: here only when the Api hosts them (and Turnkey:Enabled).
        if (workersInApi) services.AddTurnkeyDelivery(config);
        services.AddCloudBus(config, workersInApi ? bus => bus.AddReconciliationConsumers() : null,
            declareQueues: ReconciliationServiceExtensions.PublishedToQueues);

        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.Section)
            .Validate(l => !l.Problems().Any(), "Upload limits may be lowered, never raised above the contract's bounds (PosCloud.Contracts.Limits.ContractLimits).")
            .ValidateOnStart();
        // JSON numbers are numbers: "quantity":"1" is a 400 naming the field, not a quantity (the web defaults read numbers from strings).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BatchIngestion>();
        services.AddScoped<PosCloud.Api.Returns.ReturnIntake>();
        services.AddScoped<CatalogUpdates>();
        services.AddScoped<SyncStatusQuery>();
        services.AddScoped<Hq.HqActions>();
        services.AddInvoicing();

        services.AddSingleton<RegisterContact>();
        services.AddHostedService<RegisterContactFlusher>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Register, p => p.RequireRole(Roles.Register))
            .AddPolicy(Policies.Hq, p => p.RequireRole(Roles.Hq))
            .AddPolicy(Policies.MasterData, p => p.RequireRole(Roles.Hq, Roles.Integrator));
        services.AddEdgeSecurity(config);
        services.AddPerKeyRateLimiting(config);
        services.AddDashboard(config);
        services.AddReadiness();

        services.AddHealthChecks().AddDbContextCheck<CloudDbContext>("database", tags: ["ready"]);
        services.AddPosCloudOpenApi();
        services.AddPosCloudTelemetry(config, "poscloud-api");
        services.Configure<HostOptions>(o => o.ShutdownTimeout = config.GetValue<TimeSpan?>("Shutdown:Timeout") ?? TimeSpan.FromSeconds(30));
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>Workers:HostedInApi, by default true on the in-memory bus (nothing else could consume it).</summary>
    public static bool WorkersHostedInApi(IConfiguration config) =>
        config.GetValue<bool?>("Workers:HostedInApi") ?? BusServiceExtensions.ReadOptions(config).Transport == BusTransport.InMemory;
}
