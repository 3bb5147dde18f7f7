using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.UploadRecords;

/// <param name="ManagerPin">A manager's PIN (Guards/ManagerApproval): the approver is recorded on every correction row.</param>
public sealed record CorrectSaleRequest(string? ManagerPin, IReadOnlyList<FieldCorrection>? Changes);

/// <summary>
/// 上傳紀錄 → 詳情 → 修正後重新上傳: a manager corrects what was typed on a sale the cloud refused (or keeps
/// failing on) and it goes to the cloud again with the SAME orderId. That is exactly-once still: the cloud
/// stores nothing of a refused sale (BatchIngestion stores accepted orders only) and nothing of a batch it
/// answered 5xx, so the orderId is free; and if it had it after all, it answers "duplicate".
/// </summary>
public static class CorrectionApi
{
    public static void MapCorrectionApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/orders/{orderId:guid}/correct", Correct);

    internal static async Task<IResult> Correct(Guid orderId, CorrectSaleRequest request, IDbContextFactory<AgentDbContext> dbFactory,
        IOptions<AgentOptions> agent, PinLockout pinLockout, UploadSignal signal, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return Results.NotFound(new { code = "order.notFound" });
        var batch = order.BatchId is { } b ? await db.Batches.FirstOrDefaultAsync(x => x.Id == b, ct) : null;
        var blocked = batch is { CompletedAt: null, BlockedReason: not null };
        if (!CorrectionRules.MayCorrect(order.State, blocked))
            return Results.Json(new { code = "correction.notRefused", message = "只有被雲端退回或上傳受阻的銷售可以修正。 / Only a sale the cloud refused or keeps failing on can be corrected." },
                statusCode: StatusCodes.Status409Conflict);

        var approval = pinLockout.Check(request.ManagerPin, agent.Value, "correction");
        var log = logs.CreateLogger("PosCloud.OfflineAgent.Corrections");
        if (!approval.Approved)
        {
            log.LogWarning("Correction of sale #{Number} refused: {Code}.", order.LocalNumber, approval.Code);
            return Results.Json(new { code = approval.Code, errors = approval.RetryAfter is { } wait ? new[] { new { code = approval.Code, message = PinLockout.Message(wait) } } : null },
                statusCode: StatusCodes.Status403Forbidden);
        }

        var (changes, errors) = CorrectionRules.Plan(order, request.Changes);
        if (errors.Count > 0) return Results.Json(new { code = "correction.invalid", errors }, statusCode: StatusCodes.Status400BadRequest);

        var now = time.GetUtcNow();
        var reasons = order.Reasons ?? batch?.BlockedReason;
        foreach (var c in changes)
            db.Corrections.Add(new OrderCorrection
            {
                Id = Guid.CreateVersion7(now), OrderId = order.Id, Field = c.Field, OldValue = c.OldValue, NewValue = c.NewValue,
                CorrectedBy = approval.ApprovedBy!, CorrectedAt = now, CloudReasons = reasons,
            });
        CorrectionRules.Apply(order, changes);
        order.State = AgentOrderState.Pending;
        order.BatchId = null;
        order.CloudStatus = null;
        order.Reasons = null;
        order.FinishedAt = null;
        order.SendCount++;
        if (blocked)
        {
            // The set-aside batch was never stored (5xx or "never received"): it ends here; the sale goes in a new one.
            batch!.CompletedAt = now;
            batch.LastError = $"corrected by {approval.ApprovedBy}: {batch.BlockedReason}";
        }
        await db.SaveChangesAsync(ct);
        log.LogWarning("Sale #{Number} corrected by {Approver} ({Fields}) and queued again with the same orderId.",
            order.LocalNumber, approval.ApprovedBy, string.Join(", ", changes.Select(c => c.Field)));
        signal.Wake();
        return Results.Json(new { orderId = order.Id, state = order.State.ToString(), corrected = changes.Select(c => c.Field).ToList(), approvedBy = approval.ApprovedBy });
    }
}
