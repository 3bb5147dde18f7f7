using MassTransit;

namespace PosCloud.Core.Messaging;

/// <summary>
/// A worker's receive queue that the publisher (the Api) declares and binds as well. RabbitMQ drops a
/// message published to an exchange with no bound queue, and the outbox counts a confirmed publish as
/// delivered: on a first deployment, before any worker had ever declared its durable queue, a batch
/// would stay Received forever. Declared from both sides with the same name and arguments, the queue
/// exists (and keeps the message) whichever process starts first.
/// </summary>
public abstract class ConsumerQueue
{
    private ConsumerQueue() { }

    /// <summary>The queue of <typeparamref name="TConsumer"/>'s endpoint, receiving <typeparamref name="TMessage"/>.</summary>
    public static ConsumerQueue Of<TMessage, TConsumer>()
        where TMessage : class
        where TConsumer : class, IConsumer<TMessage> => new Typed<TMessage, TConsumer>();

    public abstract Type MessageType { get; }

    /// <summary>The queue name the worker's endpoint gets from the same formatter (entity prefix included).</summary>
    public abstract string QueueName(IEndpointNameFormatter names);

    internal abstract void Declare(IRabbitMqBusFactoryConfigurator cfg, IEndpointNameFormatter names, BusOptions options);

    private sealed class Typed<TMessage, TConsumer> : ConsumerQueue
        where TMessage : class
        where TConsumer : class, IConsumer<TMessage>
    {
        public override Type MessageType => typeof(TMessage);

        public override string QueueName(IEndpointNameFormatter names) => names.Consumer<TConsumer>();

        internal override void Declare(IRabbitMqBusFactoryConfigurator cfg, IEndpointNameFormatter names, BusOptions options)
        {
            var queue = QueueName(names);
            // The publish topology of TMessage: declared on the Api's channel before its first publish of
            // TMessage (and again on every new channel), so the first message already finds the queue.
            // The queue is bound straight to the message-type exchange; the worker adds its own path
            // (message exchange → endpoint exchange → queue). RabbitMQ delivers one copy per queue
            // however many paths lead there.
            cfg.Publish<TMessage>(p => p.BindQueue(p.Exchange.ExchangeName, queue, q => BusServiceExtensions.ApplyQueueArguments(q, options)));
        }
    }
}
