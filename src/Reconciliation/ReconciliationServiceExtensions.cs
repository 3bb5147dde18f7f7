using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts.Messages;
using PosCloud.Core.Messaging;
using PosCloud.Reconciliation.Consumers;
using PosCloud.Reconciliation.Hq;
using PosCloud.Reconciliation.Returns;

namespace PosCloud.Reconciliation;

public static class ReconciliationServiceExtensions
{
    /// <summary>
    /// The queues of the consumers the Api publishes to (through the outbox). The Api declares them too, so a
    /// batch accepted before any worker ever started waits in its queue instead of being dropped by RabbitMQ.
    /// Keep in step with <see cref="AddReconciliationConsumers"/>. The fault consumers' queues need no such
    /// care: only a worker publishes faults, after its own endpoints declared them.
    /// </summary>
    public static IReadOnlyList<ConsumerQueue> PublishedToQueues { get; } =
    [
        ConsumerQueue.Of<BatchAccepted, BatchAcceptedConsumer>(),
        ConsumerQueue.Of<ReconciliationRequested, ReconciliationRequestedConsumer>(),
        ConsumerQueue.Of<ReturnsAccepted, ReturnsAcceptedConsumer>(),
    ];

    /// <summary>The reconciliation consumers, for the Workers host (or the Api in the embedded default).</summary>
    public static void AddReconciliationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BatchAcceptedConsumer>();
        bus.AddConsumer<ReconciliationRequestedConsumer>();
        bus.AddConsumer<ReturnsAcceptedConsumer>();
        // Where the consumers run, so does the sweep of returns whose original never came.
        bus.AddHostedService<ReturnWaitSweeper>();
        // After the last retry: the message goes to the _error queue and these mark its orders Failed.
        bus.AddConsumer<BatchAcceptedFaultConsumer>();
        bus.AddConsumer<ReconciliationRequestedFaultConsumer>();
    }

    /// <summary>The reconciliation service (workers) and HQ's services (SkuMapping, CatalogProducts, ReconciliationRerun) for the Api.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddOptions<WorkerTestHooks>().BindConfiguration(WorkerTestHooks.Section);
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<LegacyBacklog>();
        services.AddScoped<OrderReconciliationService>();
        services.AddOptions<ReturnsOptions>().BindConfiguration(ReturnsOptions.Section)
            .Validate(o => o.OriginalWaitLimit > TimeSpan.Zero && o.OriginalWaitLimit <= TimeSpan.FromDays(90), "Returns:OriginalWaitLimit must be above 0 and at most 90 days.")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1) && o.SweepInterval <= TimeSpan.FromDays(1), "Returns:SweepInterval must be 1 second to 1 day.")
            .ValidateOnStart();
        services.AddScoped<ReturnProcessing>();
        services.AddScoped<ReconciliationRerun>();
        services.AddScoped<SkuMapping>();
        services.AddScoped<CatalogProducts>();
        return services;
    }
}
