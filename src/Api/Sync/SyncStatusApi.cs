using Microsoft.AspNetCore.Http.HttpResults;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Sync;

namespace PosCloud.Api.Sync;

public static class SyncStatusApi
{
    public static RouteGroupBuilder MapSyncStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sync-status", GetSyncStatus)
            .WithTags("Sync status")
            .RequireAuthorization()
            .WithName("GetSyncStatus")
            .ProducesProblem(401)
            .WithSummary("Per store: orders waiting / reconciled / needs review / failed, oldest waiting age, last upload, last contact, and per register missing sales or broken chains")
            .WithDescription("HQ and integrator keys see every store, trouble first; a register key sees its own store.");
        return api;
    }

    internal static async Task<Ok<SyncStatusReport>> GetSyncStatus(System.Security.Claims.ClaimsPrincipal user, SyncStatusQuery query, CancellationToken ct)
    {
        var onlyStore = user.IsInRole(Roles.Hq) || user.IsInRole(Roles.Integrator) ? null : user.StoreOf();
        return TypedResults.Ok(await query.RunAsync(onlyStore, ct));
    }
}
