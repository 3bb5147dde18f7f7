namespace PosCloud.Contracts.Orders;

/// <summary>The short status of one order, for an agent polling many at once.</summary>
/// <param name="Found">False when the cloud has no such order (never uploaded, or rejected).</param>
public sealed record OrderStatusView(
    Guid OrderId,
    bool Found,
    OrderStatus? Status,
    string? StatusReason,
    DateTimeOffset? FinishedAt);
