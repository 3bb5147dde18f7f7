namespace PosCloud.OfflineAgent.Connectivity;

/// <summary>Every cloud URL the agent calls, relative to Cloud:BaseUrl: written here once.</summary>
internal static class CloudRoutes
{
    public const string Health = "health/live";
    public const string Batches = "api/v1/batches";

    public static string Batch(Guid batchId) => $"api/v1/batches/{batchId}";
    public static string Order(Guid orderId) => $"api/v1/orders/{orderId}";
    public static string Return(Guid returnId) => $"api/v1/returns/{returnId}";
    public static string OrderStatuses(IEnumerable<Guid> orderIds) => "api/v1/orders/status?ids=" + string.Join(',', orderIds);
    public static string Snapshot(string storeId) => $"api/v1/stores/{Uri.EscapeDataString(storeId)}/snapshot";
    public static string Heartbeat(string registerId) => $"api/v1/registers/{Uri.EscapeDataString(registerId)}/heartbeat";
}
