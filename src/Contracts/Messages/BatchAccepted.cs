namespace PosCloud.Contracts.Messages;

/// <summary>Published (through the outbox) once a batch's accepted orders are committed.</summary>
public sealed record BatchAccepted(Guid BatchId, string StoreId, string RegisterId, IReadOnlyList<Guid> OrderIds, DateTimeOffset AcceptedAt);

/// <summary>Published when HQ asks for orders to be reconciled again (e.g. after mapping a SKU).</summary>
public sealed record ReconciliationRequested(IReadOnlyList<Guid> OrderIds, string RequestedBy, DateTimeOffset RequestedAt);
