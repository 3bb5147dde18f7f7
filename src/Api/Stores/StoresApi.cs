using PosCloud.Api.Auth;

namespace PosCloud.Api.Stores;

public static class StoresApi
{
    public static RouteGroupBuilder MapStoresApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/stores/{storeId}").WithTags("Stores").RequireAuthorization();
        group.MapGet("/uploads", UploadRecordsApi.GetUploads)
            .WithName("GetUploadRecords")
            .WithSummary("上傳紀錄: the store's uploaded orders, or with kind=return its returns, newest first (?kind=sale|return&status=&from=&to=&page=&pageSize=)")
            .ProducesProblem(400).ProducesProblem(403);
        group.MapGet("/snapshot", SnapshotApi.GetSnapshot)
            .WithName("GetStoreSnapshot")
            .WithSummary("Staff, customers, catalog and invoice blocks for a register to sell offline; ETag / If-None-Match")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(403).ProducesProblem(404);
        return api;
    }
}
