namespace PosCloud.Core.Outbox;

/// <summary>
/// A bus message committed in the same transaction as the data it announces, and published later
/// by <see cref="OutboxDispatcher"/>. Nothing is lost between the database and the broker: a row
/// stays until the broker has confirmed the publish.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    /// <summary>The message's CLR type name, e.g. PosCloud.Contracts.Messages.BatchAccepted.</summary>
    public required string MessageType { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>W3C trace id of the request that wrote the row, so the publish joins that request's trace.</summary>
    public string? TraceParent { get; init; }
}
