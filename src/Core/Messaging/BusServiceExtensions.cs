using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Messaging;

public static class BusServiceExtensions
{
    /// <summary>
    /// Adds MassTransit on the transport chosen by Bus:Transport, with the given consumers (none for a
    /// publisher-only Api), a retry policy (then the error queue), and the outbox dispatcher when
    /// <paramref name="dispatchOutbox"/> is set. On RabbitMQ, <paramref name="declareQueues"/> are the
    /// consumers' queues this process publishes to: it declares and binds them itself (same names and
    /// arguments as the consumers' endpoints), so nothing it publishes is dropped before a consumer exists.
    /// </summary>
    public static IServiceCollection AddCloudBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        bool dispatchOutbox = true,
        IReadOnlyList<ConsumerQueue>? declareQueues = null)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var names = EndpointNames(options);
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(names);
            addConsumers?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, _, cfg) =>
            {
                if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit)
                    ApplyQueueArguments(rabbit, options);
                // Outer: the database is away, so wait for it (BusOptions.OutageRetryLimit). Inner: any other failure
                // is retried a few times, then the message goes to the error queue and its orders become Failed.
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(ex => ex.IsTransientDatabaseFailure());
                    r.Exponential(options.OutageRetryLimit, TimeSpan.FromSeconds(1), options.OutageRetryMaxInterval, TimeSpan.FromSeconds(1));
                });
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(ex => ex.IsTransientDatabaseFailure());
                    r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
                });
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
                        // After the entity name formatter: the message exchanges' names carry the prefix.
                        foreach (var queue in declareQueues ?? [])
                            queue.Declare(cfg, names, options);
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

    /// <summary>The endpoint (queue) names of every process: kebab-case consumer names behind Bus:EntityPrefix.</summary>
    public static IEndpointNameFormatter EndpointNames(BusOptions options) =>
        new KebabCaseEndpointNameFormatter(options.EntityPrefix, includeNamespace: false);

    /// <summary>
    /// The one place that decides a consumer queue's arguments, used by the consumers' endpoints and by a
    /// publisher declaring the same queues: RabbitMQ refuses a second declaration with other arguments.
    /// </summary>
    public static void ApplyQueueArguments(IRabbitMqQueueConfigurator queue, BusOptions options)
    {
        if (options.QuorumQueues) queue.SetQuorumQueue(options.QuorumReplicas);
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
