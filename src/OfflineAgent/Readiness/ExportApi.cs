using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Readiness;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Readiness;

public sealed record ExportRequest(string? Pin);

/// <summary>
/// The escape hatch: a manager (PIN) saves every unsynced sale and return to a signed file, with or without the cloud,
/// for HQ to import when this register cannot upload (a dying disk or link). The file holds the very
/// UploadBatchRequests an upload would send, so HQ's import takes the upload's exactly-once path. Nothing is
/// deleted or marked here: if the register recovers it uploads as usual, and the cloud answers duplicate.
/// </summary>
public static class ExportApi
{
    public static void MapReadinessApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/export-unsynced", Export);
    }

    internal static async Task<IResult> Export(ExportRequest? request, IDbContextFactory<AgentDbContext> dbFactory, IOptions<AgentOptions> agent,
        IOptions<UploadOptions> upload, PinLockout pinLockout, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var o = agent.Value;
        var approval = pinLockout.Check(request?.Pin, o, "export");
        if (!approval.Approved)
            return Results.Problem(statusCode: approval.Code == "manager.pin.notConfigured" ? 409 : 403, title: approval.Code switch
            {
                "manager.pin.notConfigured" => "未設定店長密碼，無法匯出 (no manager PIN is configured)",
                "manager.pin.required" => "請輸入店長密碼 (a manager PIN is required)",
                "manager.pin.locked" => PinLockout.Message(approval.RetryAfter ?? TimeSpan.Zero),
                _ => "店長密碼錯誤 (wrong manager PIN)",
            }, extensions: new Dictionary<string, object?> { ["code"] = approval.Code });

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(x => x.Lines).Include(x => x.Payments)
            .Where(x => x.State == AgentOrderState.Pending || x.State == AgentOrderState.Rejected)
            .OrderBy(x => x.LocalNumber).AsSplitQuery().ToListAsync(ct);
        // Returns not yet in the cloud (and returns whose allowance cancel is not): after every sale, in batches of
        // their own, so HQ's import never sends a return before its sale (the upload's rule).
        var returns = await db.Returns.AsNoTracking().Include(x => x.Lines)
            .Where(x => x.State == AgentOrderState.Pending || x.State == AgentOrderState.Rejected || x.AllowanceCancelState == "Pending")
            .OrderBy(x => x.LocalNumber).ToListAsync(ct);
        var now = time.GetUtcNow();
        var batches = orders.Chunk(upload.Value.BatchSize)
            .Select(chunk => new UploadBatchRequest(Guid.CreateVersion7(now), o.StoreId, o.RegisterId, chunk.Select(OrderMapping.ToWire).ToList()))
            .Concat(returns.Chunk(Math.Min(upload.Value.BatchSize, Contracts.Limits.ContractLimits.MaxReturnsPerBatch))
                .Select(chunk => new UploadBatchRequest(Guid.CreateVersion7(now), o.StoreId, o.RegisterId, [], chunk.Select(Returns.ReturnMapping.ToWire).ToList())))
            .ToList();
        var payload = new SaleExportPayload(Guid.CreateVersion7(now), o.StoreId, o.RegisterId, now, approval.ApprovedBy!, orders.Count, batches);
        var bytes = SaleExportFile.Write(payload, o.RegisterKey);
        logs.CreateLogger("PosCloud.OfflineAgent.Readiness").LogWarning(
            "Export {ExportId}: {Count} unsynced sale(s) (#{First}–#{Last}) and {Returns} return(s) saved to a file, approved by {ApprovedBy}. Nothing was removed from this register.",
            payload.ExportId, orders.Count, orders.FirstOrDefault()?.LocalNumber, orders.LastOrDefault()?.LocalNumber, returns.Count, approval.ApprovedBy);
        return Results.File(bytes, "application/json", $"poscloud-unsynced-{o.RegisterId}-{now:yyyyMMdd-HHmmss}.json");
    }
}

public static class ReadinessServiceExtensions
{
    public static IServiceCollection AddReadiness(this IServiceCollection s)
    {
        s.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section);
        s.AddSingleton<ClockWatch>();
        s.AddSingleton<HeartbeatService>();
        s.AddHostedService(sp => sp.GetRequiredService<HeartbeatService>());
        return s;
    }

    /// <summary>For /api/status: the clock as the screen shows it.</summary>
    public static ClockView ClockStatus(this ClockWatch clock, ReadinessOptions options) =>
        ClockRules.View(clock.Offset, clock.MeasuredAt, options.MaxClockOffset);
}
