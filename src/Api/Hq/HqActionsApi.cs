using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Admin;

namespace PosCloud.Api.Hq;

/// <summary>HQ's hands on reconciliation through the API (HQ key): map an unknown SKU, re-run orders or a whole store's problem orders.</summary>
public static class HqActionsApi
{
    public static RouteGroupBuilder MapHqActionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Reconciliation").RequireAuthorization(Policies.Hq);
        group.MapPost("/sku-aliases", MapSku).WithName("MapSku")
            .WithSummary("Map an unknown SKU to a catalog product; the NeedsReview orders that typed it reconcile again")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/orders/reruns", RerunOrders).WithName("RerunOrders")
            .WithSummary("Reconcile the given orders again (all but Reconciled ones), e.g. Failed after a fix")
            .ProducesProblem(400).ProducesProblem(403);
        group.MapPost("/stores/{storeId}/reruns", RerunStore).WithName("RerunStore")
            .WithSummary("Reconcile all of a store's NeedsReview and Failed orders again")
            .ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    private static string By(ClaimsPrincipal user) => user.Identity?.Name ?? "hq";

    internal static async Task<Results<Ok<MapSkuResponse>, ProblemHttpResult>> MapSku(MapSkuRequest request, ClaimsPrincipal user, HqActions hq, CancellationToken ct)
    {
        var (outcome, r) = await hq.MapSkuAsync(request.Alias, request.Sku, By(user), ct);
        return outcome.Succeeded ? TypedResults.Ok(new MapSkuResponse(r.Outcome.ToString(), r.Alias, r.Sku, r.RerunOrderCount)) : outcome.ToProblem();
    }

    internal static async Task<Results<Ok<RerunResponse>, ProblemHttpResult>> RerunOrders(RerunRequest request, ClaimsPrincipal user, HqActions hq, CancellationToken ct)
    {
        var outcome = await hq.RerunOrdersAsync(request.OrderIds, By(user), ct);
        return outcome.Succeeded ? TypedResults.Ok(new RerunResponse(outcome.Queued)) : outcome.ToProblem();
    }

    internal static async Task<Results<Ok<RerunResponse>, ProblemHttpResult>> RerunStore(string storeId, ClaimsPrincipal user, HqActions hq, CancellationToken ct)
    {
        var outcome = await hq.RerunStoreAsync(storeId, By(user), ct);
        return outcome.Succeeded ? TypedResults.Ok(new RerunResponse(outcome.Queued)) : outcome.ToProblem();
    }
}
