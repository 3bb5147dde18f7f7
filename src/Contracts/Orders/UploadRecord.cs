namespace PosCloud.Contracts.Orders;

/// <summary>One row of a store's 上傳紀錄 (upload records).</summary>
public sealed record UploadRecord(
    Guid OrderId,
    Guid BatchId,
    string RegisterId,
    long LocalNumber,
    DateTimeOffset SoldAt,
    DateTimeOffset ReceivedAt,
    decimal Total,
    OrderStatus Status,
    string? StatusReason,
    DateTimeOffset? FinishedAt,
    int OverrideCount);

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);
