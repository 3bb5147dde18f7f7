namespace PosCloud.Contracts.Messages;

/// <summary>Published (through the outbox) once a batch's accepted returns are committed.</summary>
public sealed record ReturnsAccepted(Guid BatchId, string StoreId, string RegisterId, IReadOnlyList<Guid> ReturnIds, DateTimeOffset AcceptedAt);
