using Microsoft.EntityFrameworkCore;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadQueue;

public static class UploadQueueQueries
{
    /// <summary>Sales in set-aside batches (上傳受阻) and the oldest one's reason.</summary>
    public static async Task<(int Count, string? Reason)> BlockedAsync(AgentDbContext db, CancellationToken ct)
    {
        var batches = await db.Batches.AsNoTracking().Where(b => b.CompletedAt == null && b.BlockedReason != null)
            .Select(b => new { b.Id, b.BlockedReason, b.CreatedAt }).ToListAsync(ct);
        if (batches.Count == 0) return (0, null);
        var ids = batches.Select(b => b.Id).ToList();
        var count = await db.Orders.CountAsync(o => o.BatchId != null && ids.Contains(o.BatchId.Value) && o.State == AgentOrderState.Pending, ct);
        return (count, batches.OrderBy(b => b.CreatedAt.UtcTicks).First().BlockedReason);
    }
}
