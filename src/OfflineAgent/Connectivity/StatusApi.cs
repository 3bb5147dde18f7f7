using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Connectivity;

/// <summary>What the screen polls every second: online or not, the snapshot's age, how much waits to upload.</summary>
/// <param name="UploadBlocked">Sales set aside as 上傳受阻 (the cloud keeps failing on each alone); the others still upload.</param>
/// <param name="UploadBlockedReason">The oldest set-aside sale's reason, for the status bar.</param>
/// <param name="Refused">Sales the cloud refused (失敗), waiting for a manager's correction in 上傳紀錄.</param>
/// <param name="OnlinePosUrl">Agent:OnlinePosUrl, or null: then 「點此開啟前台」 goes to this screen's own online checkout.</param>
/// <param name="OfflineSaleCap">The cap in force (0 = off); see AgentOptions.EffectiveSaleCap.</param>
/// <param name="ManagerPinConfigured">Whether a manager PIN exists: without one the screen says reset cannot be approved here.</param>
/// <param name="SnapshotGeneratedAt">When the cloud made the cached catalog: the screen shows this time, never the version hash.</param>
public sealed record AgentStatus(
    string Connectivity,
    DateTimeOffset Since,
    string? LastError,
    string? OnlinePosUrl,
    string StoreId,
    string? StoreName,
    string RegisterId,
    string? SnapshotVersion,
    DateTimeOffset? SnapshotCheckedAt,
    double? SnapshotAgeSeconds,
    int Pending,
    int Unsynced,
    int AwaitingCloud,
    string? SignedInStaffId,
    string? UploadProblem,
    decimal OfflineSaleCap,
    decimal MaxUnitPrice,
    decimal MaxQuantity,
    InvoiceNumbersStatus? Invoice = null,
    PrinterView? Printer = null,
    int UploadBlocked = 0,
    string? UploadBlockedReason = null,
    int Refused = 0,
    Readiness.ClockView? Clock = null,
    bool ManagerPinConfigured = false,
    DateTimeOffset? SnapshotGeneratedAt = null,
    bool PrintItemsByDefault = false,
    string? SellerTaxId = null,
    string? SellerName = null);

public static class StatusApi
{
    public static void MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", GetStatus);
    }

    internal static async Task<AgentStatus> GetStatus(
        ConnectivityMonitor monitor, SnapshotCache snapshot, IDbContextFactory<AgentDbContext> dbFactory, UploadQueueService queue,
        IOptions<AgentOptions> agent, IOptions<CloudOptions> cloud, IOptions<InvoicingOptions> invoicing, ReceiptPrinting printing,
        TimeProvider time, Readiness.ClockWatch clock, IOptions<Readiness.ReadinessOptions> readiness, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Orders.GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Returns wait in the same queue and count the same way (待上傳, 退回待修正).
        counts.AddRange(await db.Returns.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct));
        int Count(AgentOrderState s) => counts.Where(c => c.Key == s).Sum(c => c.Count);
        var register = await db.Register.AsNoTracking().SingleOrDefaultAsync(ct);
        var blocked = await UploadQueueQueries.BlockedAsync(db, ct);
        var state = monitor.State;
        var o = agent.Value;
        return new AgentStatus(
            state.Status.ToString().ToLowerInvariant(), state.Since, state.LastError,
            string.IsNullOrWhiteSpace(o.OnlinePosUrl) ? null : o.OnlinePosUrl,
            o.StoreId, snapshot.Current?.StoreName, o.RegisterId,
            snapshot.Current?.Version, snapshot.CheckedAt, snapshot.Age?.TotalSeconds,
            Count(AgentOrderState.Pending), Count(AgentOrderState.Pending) + Count(AgentOrderState.Rejected), Count(AgentOrderState.Uploaded),
            register?.SignedInStaffId, queue.LastProblem, o.EffectiveSaleCap, o.MaxUnitPrice, o.MaxQuantity,
            await InvoiceNumbersQuery.GetAsync(db, snapshot, o.RegisterId, time.GetUtcNow(), invoicing.Value.LowNumbersWarning, ct),
            printing.Status(),
            blocked.Count, blocked.Reason, Count(AgentOrderState.Rejected),
            Readiness.ReadinessServiceExtensions.ClockStatus(clock, readiness.Value),
            o.ManagerPinConfigured, snapshot.Current?.GeneratedAt,
            // 「列印明細」 starts ticked when the register's setting says so; the seller the next proof prints.
            invoicing.Value.PrintItemsByDefault, Seller(snapshot, invoicing.Value).Identifier, Seller(snapshot, invoicing.Value).Name);
    }

    private static PosCloud.Invoicing.Invoices.InvoiceParty Seller(SnapshotCache snapshot, InvoicingOptions options) => InvoiceRules.SellerFor(snapshot.Current, options);
}
