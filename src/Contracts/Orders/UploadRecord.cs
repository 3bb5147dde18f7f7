namespace PosCloud.Contracts.Orders;

/// <summary>One row of a store's 上傳紀錄 (upload records).</summary>
/// <param name="Kind">"sale" or "return" (additive; a return's row names its original in OrderId, its refund as Total).</param>
/// <param name="ReturnId">The return, for a "return" row (additive).</param>
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
    int OverrideCount,
    string Kind = UploadRecordKinds.Sale,
    Guid? ReturnId = null);

public static class UploadRecordKinds
{
    public const string Sale = "sale";
    public const string Return = "return";
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);
