using System.ComponentModel.DataAnnotations;

namespace PosCloud.Core.Messaging;

public enum BusTransport { InMemory, RabbitMq }

/// <summary>Section "Bus". The RabbitMQ address is ConnectionStrings:RabbitMq (amqp://user:pass@host:5672/vhost).</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";
    public BusTransport Transport { get; set; } = BusTransport.InMemory;
    public string RabbitMq { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";
    /// <summary>Prefix for exchange and queue names, so several deployments (or test runs) can share one broker.</summary>
    public string? EntityPrefix { get; set; }
    /// <summary>Receive-side retries before a message goes to the error queue.</summary>
    [Range(0, 100)] public int RetryLimit { get; set; } = 5;
    [Range(1, 10_000)] public int PrefetchCount { get; set; } = 16;
    /// <summary>
    /// Declare the consumer queues as RabbitMQ quorum queues (replicated; production clusters). Existing classic
    /// queues must be deleted first. Set it the same on the Api and the Workers: both declare these queues.
    /// </summary>
    public bool QuorumQueues { get; set; }
    [Range(1, 99)] public int QuorumReplicas { get; set; } = 3;
}
