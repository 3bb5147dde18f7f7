using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PosCloud.Api.Auth;
using PosCloud.Api.Hosting;
using PosCloud.Contracts.Batches;

namespace PosCloud.Api.Batches;

public static class BatchesApi
{
    public static RouteGroupBuilder MapBatchesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/batches").WithTags("Batches");
        group.MapPost("/", UploadBatch)
            .RequireAuthorization(Policies.Register)
            .RequireRateLimiting(RateLimiting.UploadPolicy)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(429)
            .WithName("UploadBatch")
            .WithSummary("Upload a batch of offline orders and returns")
            .WithDescription("Accepts each order exactly once, and each return (returns[], optional) exactly once by its returnId; a batch may carry returns only. A return's result says accepted, duplicate or rejected (field errors named like returns[2].lines[0].quantity); a bad return never holds back the orders or other returns. Returns are reconciled against their original sale by the workers (a return that arrives first waits for it); their invoice cancels and allowances become F0501/G0401 messages. Valid orders are committed before the 202; each order's result says accepted, duplicate (with its current status) or rejected (with every reason). A batchId belongs to the register that first used it: another register's reuse is 409. Every bound (lengths, ranges, decimals, dates) is stated in the schemas below.");
        group.MapGet("/{batchId:guid}", BatchStatusApi.GetBatch)
            .RequireAuthorization()
            .WithName("GetBatch")
            .WithSummary("A received batch with the current status of each of its orders")
            .ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    internal static async Task<Results<Accepted<UploadBatchResponse>, ProblemHttpResult, ForbidHttpResult>> UploadBatch(
        UploadBatchRequest request, ClaimsPrincipal user, BatchIngestion ingestion, Microsoft.Extensions.Options.IOptions<UploadLimits> limits, CancellationToken ct)
    {
        if (request.BatchId == Guid.Empty)
            return TypedResults.Problem(title: "batchId is required", detail: "batchId must be a UUID made by the register, the same on every retry of this batch.", statusCode: 400);
        var orderCount = request.Orders?.Count ?? 0;
        var returnCount = request.Returns?.Count ?? 0;
        if (orderCount == 0 && returnCount == 0)
            return TypedResults.Problem(title: "orders is empty", detail: "A batch needs at least one order or return.", statusCode: 400);
        if (returnCount > limits.Value.MaxReturnsPerBatch)
            return TypedResults.Problem(title: "Too many returns", detail: $"A batch may hold at most {limits.Value.MaxReturnsPerBatch} returns; this one has {returnCount}. Split it.", statusCode: 413);
        if (orderCount > limits.Value.MaxOrdersPerBatch)
            return TypedResults.Problem(title: "Too many orders", detail: $"A batch may hold at most {limits.Value.MaxOrdersPerBatch} orders; this one has {orderCount}. Split it.", statusCode: 413);
        if (!user.CanAccessStore(request.StoreId ?? "") || user.RegisterOf() != request.RegisterId)
            return TypedResults.Forbid();

        var outcome = await ingestion.IngestAsync(request, ct);
        if (outcome.Response is null)
            return TypedResults.Problem(title: "batchId belongs to another register", statusCode: 409,
                detail: $"batchId {request.BatchId} was first used by register {outcome.OwnedBy}; a batchId is made once per batch by one register. Send these orders under a new batchId.",
                extensions: new Dictionary<string, object?> { ["field"] = "batchId" });
        return TypedResults.Accepted($"/api/v1/batches/{request.BatchId}", outcome.Response);
    }
}
