using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Reconciliation.Consumers;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.Reconciliation;

public static class ReconciliationServiceExtensions
{
    /// <summary>The reconciliation consumers, for the Workers host (or the Api in the embedded default).</summary>
    public static void AddReconciliationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BatchAcceptedConsumer>();
        bus.AddConsumer<ReconciliationRequestedConsumer>();
        // After the last retry: the message goes to the _error queue and these mark its orders Failed.
        bus.AddConsumer<BatchAcceptedFaultConsumer>();
        bus.AddConsumer<ReconciliationRequestedFaultConsumer>();
    }

    /// <summary>The reconciliation service (workers) and HQ's services (SkuMapping, CatalogProducts, ReconciliationRerun) for the Api.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddOptions<WorkerTestHooks>().BindConfiguration(WorkerTestHooks.Section);
        services.AddScoped<OrderReconciliationService>();
        services.AddScoped<ReconciliationRerun>();
        services.AddScoped<SkuMapping>();
        services.AddScoped<CatalogProducts>();
        return services;
    }
}
