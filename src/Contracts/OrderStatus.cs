using System.Text.Json.Serialization;

namespace PosCloud.Contracts;

/// <summary>
/// The cloud's status of one uploaded order. Received → Reconciling → Reconciled | NeedsReview | Failed.
/// Shown to stores as 已接收 / 處理中 / 成功 / 需處理 / 失敗.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    Received = 0,
    Reconciling = 1,
    Reconciled = 2,
    NeedsReview = 3,
    Failed = 4,
}

/// <summary>How a line was sold: 一般價格 regular, 加價購 add-on purchase, 滿額贈 gift with purchase.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LineType>))]
public enum LineType
{
    [JsonStringEnumMemberName("regular")] Regular = 0,
    [JsonStringEnumMemberName("addOn")] AddOn = 1,
    [JsonStringEnumMemberName("gift")] Gift = 2,
}

/// <summary>What the cloud did with one order of a batch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadOutcome>))]
public enum UploadOutcome
{
    [JsonStringEnumMemberName("accepted")] Accepted = 0,
    [JsonStringEnumMemberName("duplicate")] Duplicate = 1,
    [JsonStringEnumMemberName("rejected")] Rejected = 2,
}

public static class OrderStatusText
{
    /// <summary>True for the states that no longer change without a re-run.</summary>
    public static bool IsFinal(this OrderStatus status) =>
        status is OrderStatus.Reconciled or OrderStatus.NeedsReview or OrderStatus.Failed;

    public static string ZhTw(this OrderStatus status) => status switch
    {
        OrderStatus.Received => "已接收",
        OrderStatus.Reconciling => "處理中",
        OrderStatus.Reconciled => "成功",
        OrderStatus.NeedsReview => "需處理",
        OrderStatus.Failed => "失敗",
        _ => status.ToString(),
    };
}
