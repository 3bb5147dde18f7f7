using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Batches;

internal static class BatchStatusApi
{
    internal static async Task<Results<Ok<BatchView>, NotFound<ProblemDetails>, ForbidHttpResult>> GetBatch(
        Guid batchId, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "Batch not found", Detail = $"No batch {batchId} has been received.", Status = 404 });
        if (!user.CanAccessStore(batch.StoreId)) return TypedResults.Forbid();
        var orders = await OrderHeaders.All(db).Where(o => o.BatchId == batchId && o.StoreId == batch.StoreId)
            .OrderBy(o => o.LocalNumber)
            .Select(o => new OrderStatusView(o.Id, true, o.Status, o.StatusReason, o.FinishedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new BatchView(batch.Id, batch.StoreId, batch.RegisterId, batch.ReceivedAt,
            batch.AcceptedCount, batch.DuplicateCount, batch.RejectedCount, orders));
    }
}
