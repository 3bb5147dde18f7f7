using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PosCloud.IntegrationTests.Support;

/// <summary>Looks at RabbitMQ queues and exchanges directly (passive declare): ready messages and consumers.</summary>
public static class Broker
{
    public sealed record QueueState(uint Messages, uint Consumers);

    /// <summary>The queue's state, or null when it does not exist (yet).</summary>
    public static async Task<QueueState?> QueueAsync(string amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return new QueueState(ok.MessageCount, ok.ConsumerCount);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null; // NOT_FOUND: nobody declared it yet
        }
    }

    /// <summary>True when the exchange exists (passive declare).</summary>
    public static async Task<bool> ExchangeExistsAsync(string amqp, string exchange)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    public static async Task WaitForConsumersAsync(string amqp, string queue, int consumers, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await QueueAsync(amqp, queue);
            if (state is not null && state.Consumers >= consumers) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queue} has {state?.Consumers.ToString() ?? "no queue, no"} consumer(s), expected {consumers}");
            await Task.Delay(200);
        }
    }

    public static async Task<uint> WaitForMessagesAsync(string amqp, string queue, uint atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await QueueAsync(amqp, queue);
            if (state is not null && state.Messages >= atLeast) return state.Messages;
            if (DateTime.UtcNow > deadline) return state?.Messages ?? 0;
            await Task.Delay(200);
        }
    }
}
