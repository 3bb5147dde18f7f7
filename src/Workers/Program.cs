using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PosCloud.Core.Hosting;
using PosCloud.Core.Messaging;
using PosCloud.Core.Observability;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation;
using PosCloud.Reconciliation.Turnkey;

// The reconciliation worker: consumes BatchAccepted / ReconciliationRequested from RabbitMQ.
// Run as many as needed; they compete on one queue. It never migrates: the Api does.
// Content root = the app's folder, so its appsettings.json is read from any working directory (see CloudHost).
var builder = WebApplication.CreateBuilder(CloudHost.Options(args));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCloudDatabase(builder.Configuration);
builder.Services.AddReconciliation();
// The Turnkey delivery (hands PlatformMessages to the MOF's Turnkey as files): only where Turnkey:Enabled is true.
builder.Services.AddTurnkeyDelivery(builder.Configuration);
builder.Services.AddCloudBus(builder.Configuration, bus => bus.AddReconciliationConsumers(), dispatchOutbox: false);
// Nothing publishes on an in-memory bus in this process: such a worker would wait forever.
builder.Services.AddOptions<BusOptions>().Validate(o => o.Transport == BusTransport.RabbitMq,
    "Bus:Transport must be RabbitMq for the Workers (their appsettings.json says so; InMemory works only with the workers inside the Api).");
builder.Services.AddPosCloudTelemetry(builder.Configuration, "poscloud-workers");
// On SIGTERM the bus stops taking messages and waits for the batches in hand; an unfinished one is
// returned to the queue (never acknowledged) and redelivered to another worker.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = builder.Configuration.GetValue<TimeSpan?>("Shutdown:Timeout") ?? TimeSpan.FromSeconds(60));
builder.Services.AddHealthChecks().AddDbContextCheck<CloudDbContext>("database", tags: ["ready"]);

var app = builder.Build();
// Wrong settings: one line each, exit code 2, no stack trace.
if (!CloudHost.SettingsAreValid(app.Services, "The PosCloud Workers", typeof(PosCloud.Workers.WorkersHost).Assembly)) return 2;
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.Run();
return 0;

namespace PosCloud.Workers
{
    /// <summary>Names this assembly for tests that host the worker beside the Api (WebApplicationFactory&lt;WorkersHost&gt;).</summary>
    public sealed class WorkersHost;
}
