using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Admin;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.Api.Review;

/// <summary>HQ's hands on reconciliation: map an unknown SKU, re-run orders or a whole store's problem orders.</summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this RouteGroupBuilder api)
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
            .ProducesProblem(403);
        return api;
    }

    internal static async Task<Results<Ok<MapSkuResponse>, ProblemHttpResult>> MapSku(MapSkuRequest request, ClaimsPrincipal user, SkuMapping mapping, CancellationToken ct)
    {
        var r = await mapping.MapAsync(request.Alias ?? "", request.Sku ?? "", user.Identity?.Name ?? "hq", ct);
        var body = new MapSkuResponse(r.Outcome.ToString(), r.Alias, r.Sku, r.RerunOrderCount);
        return r.Outcome switch
        {
            SkuMappingOutcome.Mapped or SkuMappingOutcome.AlreadyMapped => TypedResults.Ok(body),
            SkuMappingOutcome.UnknownProduct => TypedResults.Problem(title: "Unknown product", detail: $"No catalog product {request.Sku}.", statusCode: 404),
            SkuMappingOutcome.Conflict => TypedResults.Problem(title: "Alias already mapped", detail: $"{r.Alias} is already mapped to another product ({r.Sku}).", statusCode: 409),
            SkuMappingOutcome.AliasIsACatalogSku => TypedResults.Problem(title: "Alias is a catalog SKU", detail: $"{r.Alias} is itself a catalog SKU and cannot be mapped.", statusCode: 409),
            _ => TypedResults.Problem(title: "Invalid alias", detail: "alias must be 1–64 printable characters.", statusCode: 400),
        };
    }

    internal static async Task<Results<Ok<RerunResponse>, ProblemHttpResult>> RerunOrders(RerunRequest request, ClaimsPrincipal user, ReconciliationRerun rerun, CancellationToken ct)
    {
        if (request.OrderIds is not { Count: > 0 and <= 10_000 })
            return TypedResults.Problem(title: "orderIds", detail: "Send 1–10,000 order ids.", statusCode: 400);
        return TypedResults.Ok(new RerunResponse(await rerun.ForOrdersAsync(request.OrderIds, user.Identity?.Name ?? "hq", ct)));
    }

    internal static async Task<Ok<RerunResponse>> RerunStore(string storeId, ClaimsPrincipal user, ReconciliationRerun rerun, CancellationToken ct) =>
        TypedResults.Ok(new RerunResponse(await rerun.ForStoreAsync(storeId, user.Identity?.Name ?? "hq", ct)));
}
