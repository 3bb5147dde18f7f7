using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Hq;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Actions;

public sealed record AuditView(long Id, DateTimeOffset At, string UserName, string Action, string Target, string? StoreId, Guid? OrderId, string? Outcome);

/// <summary>Writes and reads the audit of operator actions.</summary>
public sealed class AuditLog(CloudDbContext db, TimeProvider time)
{
    public const int MaxTake = 500;

    /// <summary>
    /// Records an action after it ran, with its outcome (the re-run count is only known then). Saved
    /// on its own: the action's own transaction belongs to the Reconciliation service.
    /// </summary>
    public async Task RecordAsync(string userName, string action, string target, string? storeId, Guid? orderId, ActionOutcome outcome, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserName = userName, Action = action, Target = target,
            StoreId = storeId, OrderId = orderId, Outcome = $"{outcome.StatusCode}: {outcome.Message}",
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AuditView>> ListAsync(string? storeId, Guid? orderId, int take, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (storeId is not null) q = q.Where(a => a.StoreId == storeId);
        if (orderId is not null) q = q.Where(a => a.OrderId == orderId);
        return await q.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, MaxTake))
            .Select(a => new AuditView(a.Id, a.At, a.UserName, a.Action, a.Target, a.StoreId, a.OrderId, a.Outcome))
            .ToListAsync(ct);
    }
}
