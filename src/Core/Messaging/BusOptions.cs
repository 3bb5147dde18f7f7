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
    /// <summary>
    /// Retries of a message while the database is unreachable (refused or lost connections, timeouts), counted
    /// apart from <see cref="RetryLimit"/>: a restart or failover of the database must not fail good batches.
    /// With the back-off below (1 s doubling to <see cref="OutageRetryMaxInterval"/>) and EF's own retries, the
    /// default rides out about a quarter of an hour of outage (within RabbitMQ's 30-minute consumer_timeout);
    /// after that the batch faults (Failed, HQ can re-run it).
    /// </summary>
    [Range(0, 1_000)] public int OutageRetryLimit { get; set; } = 30;
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan OutageRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);
    [Range(1, 10_000)] public int PrefetchCount { get; set; } = 16;
    /// <summary>
    /// Declare the consumer queues as RabbitMQ quorum queues (replicated; production clusters). Existing classic
    /// queues must be deleted first. Set it the same on the Api and the Workers: both declare these queues.
    /// </summary>
    public bool QuorumQueues { get; set; }
    [Range(1, 99)] public int QuorumReplicas { get; set; } = 3;
}
