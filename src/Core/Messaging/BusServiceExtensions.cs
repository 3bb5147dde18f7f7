using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Core.Outbox;

namespace PosCloud.Core.Messaging;

public static class BusServiceExtensions
{
    /// <summary>
    /// Adds MassTransit on the transport chosen by Bus:Transport, with the given consumers (none for a
    /// publisher-only Api), a retry policy (then the error queue), and the outbox dispatcher when
    /// <paramref name="dispatchOutbox"/> is set.
    /// </summary>
    public static IServiceCollection AddCloudBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        bool dispatchOutbox = true)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EntityPrefix, includeNamespace: false));
            addConsumers?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, _, cfg) =>
            {
                if (options.QuorumQueues && cfg is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue(options.QuorumReplicas);
                cfg.UseMessageRetry(r => r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
            });
            switch (options.Transport)
            {
                case BusTransport.InMemory:
                    x.UsingInMemory((ctx, cfg) => cfg.ConfigureEndpoints(ctx));
                    break;
                case BusTransport.RabbitMq:
                    x.UsingRabbitMq((ctx, cfg) =>
                    {
                        cfg.Host(new Uri(options.RabbitMq));
                        cfg.PrefetchCount = options.PrefetchCount;
                        if (!string.IsNullOrEmpty(options.EntityPrefix))
                            cfg.MessageTopology.SetEntityNameFormatter(new PrefixedEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EntityPrefix));
                        cfg.ConfigureEndpoints(ctx);
                    });
                    break;
            }
        });
        if (dispatchOutbox)
        {
            services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton<OutboxDispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }
        return services;
    }

    public static BusOptions ReadOptions(IConfiguration configuration)
    {
        var options = new BusOptions();
        configuration.GetSection(BusOptions.Section).Bind(options);
        var cs = configuration.GetConnectionString("RabbitMq");
        if (!string.IsNullOrWhiteSpace(cs)) options.RabbitMq = cs;
        return options;
    }

    private sealed class PrefixedEntityNameFormatter(IEntityNameFormatter inner, string prefix) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() => prefix + inner.FormatEntityName<T>();
    }
}
