using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Guards;

public sealed record ChangeStoreRequest(string? StoreId);
public sealed record ResetRequest(string? ManagerPin);

/// <summary>Sign-out, reset and change-store, each refused while sales are unsynced; and the shift-close report.</summary>
public static class GuardsApi
{
    public static void MapGuardsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session/sign-out", SignOut);
        app.MapPost("/api/admin/reset", Reset);
        app.MapPost("/api/admin/change-store", ChangeStore);
        app.MapGet("/api/shift-report", Report);
    }

    public static async Task<int> CountUnsyncedAsync(AgentDbContext db, CancellationToken ct) =>
        await db.Orders.CountAsync(o => o.State == AgentOrderState.Pending || o.State == AgentOrderState.Rejected, ct)
        // A return the cloud does not have yet is as unsynced as a sale: its refund and invoice change exist only here.
        // … and so is an allowance cancel (作廢折讓) the cloud has not answered: its G0501 is owed only through it.
        + await db.Returns.CountAsync(r => r.State == AgentOrderState.Pending || r.State == AgentOrderState.Rejected || r.AllowanceCancelState == "Pending", ct);

    private static IResult Refused(GuardDecision d) => Results.Json(d, statusCode: StatusCodes.Status409Conflict);

    internal static async Task<IResult> SignOut(IDbContextFactory<AgentDbContext> dbFactory, ILoggerFactory logs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decision = GuardRules.Decide(GuardedAction.SignOut, await CountUnsyncedAsync(db, ct));
        var log = logs.CreateLogger("PosCloud.OfflineAgent.Guards");
        if (!decision.Allowed) { log.LogWarning("Sign-out refused: {Count} unsynced sale(s).", decision.Unsynced); return Refused(decision); }
        var register = await db.Register.SingleAsync(ct);
        register.SignedInStaffId = null;
        await db.SaveChangesAsync(ct);
        return Results.Json(decision);
    }

    /// <summary>
    /// Clears sales the cloud has finished with and the snapshot. The sale number and hash chain are
    /// kept: the next sale still follows the last one, so the cloud sees no gap.
    /// </summary>
    internal static async Task<IResult> Reset(ResetRequest? request, IDbContextFactory<AgentDbContext> dbFactory, SnapshotCache snapshot, ConnectivityMonitor connectivity,
        IOptions<AgentOptions> agent, PinLockout pinLockout, ILoggerFactory logs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unsynced = await CountUnsyncedAsync(db, ct);
        var awaiting = await db.Orders.CountAsync(o => o.State == AgentOrderState.Uploaded, ct);
        var o = agent.Value;
        var approval = o.ManagerPinConfigured && connectivity.IsOnline ? pinLockout.Check(request?.ManagerPin, o, "reset") : null;
        var decision = GuardRules.DecideReset(connectivity.IsOnline, o.ManagerPinConfigured, approval, unsynced);
        var log = logs.CreateLogger("PosCloud.OfflineAgent.Guards");
        if (!decision.Allowed) { log.LogWarning("Reset refused ({Code}); {Count} unsynced sale(s).", decision.Code, unsynced); return Refused(decision); }
        log.LogWarning("Local data reset approved by {Approver}.", approval!.ApprovedBy);
        // Sales the cloud accepted but has not finished stay, so their 上傳紀錄 still reaches a verdict.
        var removed = await db.Orders.Where(o => o.State != AgentOrderState.Uploaded).ExecuteDeleteAsync(ct);
        await db.Batches.Where(b => b.CompletedAt != null).ExecuteDeleteAsync(ct);
        await snapshot.ClearAsync(ct);
        log.LogWarning("Local data reset: {Removed} finished sale(s) and the snapshot removed; {Awaiting} kept until the cloud finishes them.", removed, awaiting);
        return Results.Json(decision with { MessageEn = $"Reset: {removed} finished sales removed.", MessageZh = $"已重設：移除 {removed} 筆已完成的銷售。" });
    }

    /// <summary>The store is configuration (Agent:StoreId, with its own register key): allowed only when nothing is unsynced, and then it says what to change.</summary>
    internal static async Task<IResult> ChangeStore(ChangeStoreRequest request, IDbContextFactory<AgentDbContext> dbFactory, IOptions<AgentOptions> agent, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decision = GuardRules.Decide(GuardedAction.ChangeStore, await CountUnsyncedAsync(db, ct));
        if (!decision.Allowed) return Refused(decision);
        var to = string.IsNullOrWhiteSpace(request.StoreId) ? "{storeId}" : request.StoreId.Trim();
        return Results.Json(decision with
        {
            MessageZh = $"可以變更門市：請以 --Agent:StoreId={to} --Agent:RegisterId={to}-R1 --Agent:RegisterKey=… 重新啟動。",
            MessageEn = $"You may change store: restart with --Agent:StoreId={to} --Agent:RegisterId={to}-R1 --Agent:RegisterKey=… (the new register's key).",
        });
    }

    internal static async Task<ShiftReportView> Report(DateTimeOffset? from, DateTimeOffset? to, IDbContextFactory<AgentDbContext> dbFactory, IOptions<AgentOptions> agent, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Default shift: since local midnight on this machine's clock and zone.
        var local = time.GetLocalNow();
        var start = from ?? new DateTimeOffset(local.Date, local.Offset);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Payments).ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking().ToListAsync(ct);
        return ShiftReportRules.Build(agent.Value.StoreId, agent.Value.RegisterId, start, to ?? now.AddSeconds(1), now, orders, returns);
    }
}
