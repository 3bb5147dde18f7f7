namespace PosCloud.Contracts.Batches;

/// <summary>A received batch and the current status of each order it brought.</summary>
public sealed record BatchView(
    Guid BatchId,
    string StoreId,
    string RegisterId,
    DateTimeOffset ReceivedAt,
    int AcceptedCount,
    int DuplicateCount,
    int RejectedCount,
    IReadOnlyList<Orders.OrderStatusView> Orders);
