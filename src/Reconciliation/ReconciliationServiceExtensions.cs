using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Reconciliation.Consumers;

namespace PosCloud.Reconciliation;

public static class ReconciliationServiceExtensions
{
    /// <summary>The reconciliation consumers, for the Workers host (or the Api in the embedded default).</summary>
    public static void AddReconciliationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BatchAcceptedConsumer>();
        bus.AddConsumer<ReconciliationRequestedConsumer>();
    }

    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddScoped<OrderReconciliationService>();
        return services;
    }
}
