using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Readiness;
using PosCloud.OfflineAgent.Returns;
using PosCloud.OfflineAgent.Snapshot;
using PosCloud.OfflineAgent.UploadQueue;
using PosCloud.OfflineAgent.UploadRecords;

namespace PosCloud.OfflineAgent.Hosting;

/// <summary>Builds the agent: used by Program and by the benchmark, which runs it in-process.</summary>
public static class AgentApp
{
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>Null with the reasons printed when the settings are wrong.</summary>
    public static WebApplication? Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });

        var cloud = builder.Configuration.GetSection(CloudOptions.Section).Get<CloudOptions>() ?? new CloudOptions();
        var agent = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        var upload = builder.Configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions();
        var invoicing = builder.Configuration.GetSection(InvoicingOptions.Section).Get<InvoicingOptions>() ?? new InvoicingOptions();
        var printer = builder.Configuration.GetSection(PrinterOptions.Section).Get<PrinterOptions>() ?? new PrinterOptions();
        var readiness = builder.Configuration.GetSection(ReadinessOptions.Section).Get<ReadinessOptions>() ?? new ReadinessOptions();
        var returns = builder.Configuration.GetSection(ReturnsOptions.Section).Get<ReturnsOptions>() ?? new ReturnsOptions();
        var problems = Validate(cloud).Concat(Validate(agent)).Concat(Validate(upload)).Concat(Validate(returns)).Concat(returns.Problems(agent.ManagerPinConfigured)).Concat(OptionsChecks.Problems(cloud, agent, upload))
            .Concat(InvoicingOptionsChecks.Problems(invoicing, printer)).Concat(ReadinessOptions.Problems(readiness)).Distinct().ToList();
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("The store agent cannot start; fix these settings (see --help):");
            foreach (var p in problems) Console.Error.WriteLine("  - " + p);
            return null;
        }

        // Loopback only: the screen is for this register's own browser, never the shop's network. Kestrel
        // endpoints (Kestrel:Endpoints:{name}:Url) override the urls, so they are checked too.
        var urls = builder.Configuration["urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrl;
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => ($"Kestrel:Endpoints:{e.Key}:Url", e["Url"]));
        var notLoopback = LocalRequestRules.NonLoopbackBindings(urls, endpoints);
        // Only a container (whose port mapping decides who reaches it) may opt out: Agent:AllowNonLoopback=true.
        var allowNonLoopback = builder.Configuration.GetValue<bool>("Agent:AllowNonLoopback");
        if (notLoopback.Count > 0 && !allowNonLoopback)
        {
            Console.Error.WriteLine($"The store agent listens on this machine only (127.0.0.1 / localhost); refusing: {string.Join(", ", notLoopback)} (containers: Agent:AllowNonLoopback=true)");
            return null;
        }
        builder.WebHost.UseUrls(urls);

        var s = builder.Services;
        s.AddHealthChecks();
        s.AddSingleton<AgentSessionToken>();
        s.AddSingleton<PinLockout>();
        s.AddOptions<CloudOptions>().BindConfiguration(CloudOptions.Section);
        s.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section);
        s.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section);
        s.AddOptions<TestHookOptions>().BindConfiguration(TestHookOptions.Section);
        s.AddOptions<InvoicingOptions>().BindConfiguration(InvoicingOptions.Section);
        s.AddOptions<PrinterOptions>().BindConfiguration(PrinterOptions.Section);
        s.AddOptions<ReturnsOptions>().BindConfiguration(ReturnsOptions.Section);
        s.TryAddTimeProvider();
        s.AddLocalStore(agent);
        s.AddHttpClient(nameof(CloudClient));
        s.AddSingleton<CloudClient>(sp => ActivatorUtilities.CreateInstance<CloudClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CloudClient))));
        s.AddSingleton<CloudRegisterClient>();
        s.AddSingleton<ConnectivityMonitor>();
        s.AddHostedService(sp => sp.GetRequiredService<ConnectivityMonitor>());
        s.AddSingleton<SnapshotCache>();
        s.AddSingleton<SnapshotRefresher>();
        s.AddHostedService(sp => sp.GetRequiredService<SnapshotRefresher>());
        s.AddSingleton<UploadSignal>();
        s.AddSingleton<CloudOrdersClient>();
        s.AddSingleton<UploadQueueService>();
        s.AddHostedService(sp => sp.GetRequiredService<UploadQueueService>());
        s.AddSingleton<InvoiceIssuer>();
        s.AddSingleton<ISaleInvoiceStep>(sp => sp.GetRequiredService<InvoiceIssuer>());
        s.AddSingleton<ProofRendering>();
        s.AddSingleton<ReceiptPrinting>();
        s.AddHostedService(sp => sp.GetRequiredService<ReceiptPrinting>());
        s.AddSingleton<CheckoutService>();
        s.AddSingleton<ReturnService>();
        s.AddReadiness();
        s.AddProblemDetails();
        s.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        var app = builder.Build();
        // No stack traces for a clerk: errors become a short problem document, the detail goes to the log.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => 500 });
        app.UseStatusCodePages();
        app.UseLocalRequestGuard(allowNonLoopback);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapStatusApi();
        app.MapCheckoutApi();
        app.MapUploadRecordsApi();
        app.MapGuardsApi();
        app.MapReceiptsApi();
        app.MapReturnsApi();
        app.MapReadinessApi();
        app.MapHealthChecks("/health/live");
        return app;
    }

    /// <summary>Creates or opens the local store, checks this register is still the one it was, loads the snapshot.</summary>
    public static async Task<bool> PrepareAsync(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PosCloud.OfflineAgent");
        var agent = app.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var factory = app.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
        try
        {
            await LocalStoreSetup.PrepareAsync(factory, agent, log);
        }
        catch (LocalStoreException ex)
        {
            log.LogCritical("{Problem}", ex.Message);
            return false;
        }
        if (!await IdentityCheckAsync(factory, agent, log)) return false;
        await app.Services.GetRequiredService<SnapshotCache>().LoadAsync(CancellationToken.None);
        foreach (var w in OptionsChecks.Warnings(agent)) log.LogWarning("{Warning}", w);
        var cache = app.Services.GetRequiredService<SnapshotCache>();
        log.LogInformation("Store agent for {Register} ({Store}); cloud {Cloud}; snapshot {Snapshot}; data in {Data}.",
            agent.RegisterId, agent.StoreId, app.Services.GetRequiredService<IOptions<CloudOptions>>().Value.BaseUrl,
            cache.Current is { } c ? $"{c.Version} from {cache.FetchedAt:u}" : "none yet (it is fetched when the cloud is reachable)",
            LocalStoreSetup.DatabaseFile(agent));
        return true;
    }

    /// <summary>
    /// The change-store guard at start-up: a store or register id that differs from the local data's is
    /// refused while that data holds unsynced sales; with none, the register starts afresh.
    /// </summary>
    private static async Task<bool> IdentityCheckAsync(IDbContextFactory<AgentDbContext> factory, AgentOptions agent, ILogger log)
    {
        await using var db = await factory.CreateDbContextAsync();
        var state = await db.Register.SingleAsync();
        if (state.StoreId == agent.StoreId && state.RegisterId == agent.RegisterId) return true;
        var unsynced = await GuardsApi.CountUnsyncedAsync(db, CancellationToken.None);
        var decision = GuardRules.Decide(GuardedAction.ChangeStore, unsynced);
        if (!decision.Allowed)
        {
            log.LogCritical("This data folder belongs to {OldRegister} ({OldStore}) and holds {Count} unsynced sale(s); refusing to start as {NewRegister} ({NewStore}). " +
                "Start it again as {OldRegister} until they upload, or use another Agent:DataPath.", state.RegisterId, state.StoreId, unsynced, agent.RegisterId, agent.StoreId, state.RegisterId);
            return false;
        }
        log.LogWarning("Register changed from {OldRegister} ({OldStore}) to {NewRegister} ({NewStore}); nothing was unsynced, local data starts afresh.",
            state.RegisterId, state.StoreId, agent.RegisterId, agent.StoreId);
        await db.Orders.ExecuteDeleteAsync();
        await db.Batches.ExecuteDeleteAsync();
        await db.Snapshots.ExecuteDeleteAsync();
        state.StoreId = agent.StoreId;
        state.RegisterId = agent.RegisterId;
        state.LastLocalNumber = 0;
        state.LastHash = "";
        state.SignedInStaffId = null;
        await db.SaveChangesAsync();
        return true;
    }

    private static IEnumerable<string> Validate(object options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, true);
        return results.Select(r => r.ErrorMessage ?? "invalid setting");
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
