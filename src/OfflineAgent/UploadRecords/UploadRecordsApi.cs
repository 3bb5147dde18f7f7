using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Orders;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.UploadRecords;

/// <summary>One row of the order list / 上傳紀錄.</summary>
public sealed record OrderRow(
    Guid OrderId, long LocalNumber, DateTimeOffset SoldAt, string StaffId, string? StaffName, string? CustomerPhone, string? CustomerName,
    decimal Total, int LineCount, bool MadeOffline, string State, string? CloudStatus, string? Reasons,
    Guid? BatchId, DateTimeOffset? BatchCreatedAt, DateTimeOffset? UploadedAt, DateTimeOffset? FinishedAt, string? LastUploadError,
    string? InvoiceNumber = null, string? InvoiceRandomCode = null, string? BuyerTaxId = null, string? CarrierId = null, string? DonationCode = null,
    string? UploadBlockedReason = null, int SendCount = 0, bool Correctable = false, string? PaymentMethod = null);

/// <summary>詳情: what the clerk typed beside what the cloud made of it.</summary>
/// <param name="Corrections">Every field a manager corrected, oldest first, with the old value (the sale as first made).</param>
/// <param name="CatalogAsOf">When the cloud made the cached catalog these lines were priced from (null: an older catalog than the one cached now). Shown instead of the version hash.</param>
public sealed record OrderDetail(OrderRow Order, IReadOnlyList<LocalLine> Typed, IReadOnlyList<LocalPayment> Payments, OrderView? Cloud, string? CloudUnavailable, string ReceiptImageUrl,
    IReadOnlyList<CorrectionView>? Corrections = null, DateTimeOffset? CatalogAsOf = null);

public sealed record CorrectionView(string Field, string? OldValue, string? NewValue, string CorrectedBy, DateTimeOffset CorrectedAt, string? CloudReasons);

public static class UploadRecordsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapUploadRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders", ListOrders);
        app.MapGet("/api/orders/{orderId:guid}", GetOrder);
        app.MapCorrectionApi();
    }

    internal static async Task<IReadOnlyList<OrderRow>> ListOrders(IDbContextFactory<AgentDbContext> dbFactory, int? limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var take = Math.Clamp(limit ?? 200, 1, 1000);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().OrderByDescending(o => o.LocalNumber).Take(take).ToListAsync(ct);
        var batchIds = orders.Where(o => o.BatchId != null).Select(o => o.BatchId!.Value).Distinct().ToList();
        var batches = await db.Batches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        return orders.Select(o => ToRow(o, o.BatchId is { } id ? batches.GetValueOrDefault(id) : null)).ToList();
    }

    internal static async Task<IResult> GetOrder(Guid orderId, IDbContextFactory<AgentDbContext> dbFactory, CloudOrdersClient cloud, ConnectivityMonitor connectivity, SnapshotCache snapshot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await db.Orders.AsNoTracking().Include(x => x.Lines).Include(x => x.Payments).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == orderId, ct);
        if (o is null) return Results.NotFound(new { code = "order.notFound" });
        var batch = o.BatchId is { } b ? await db.Batches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == b, ct) : null;

        OrderView? view = null;
        string? unavailable = null;
        if (o.State is AgentOrderState.Pending or AgentOrderState.Rejected) unavailable = "notInCloud";
        else if (!connectivity.IsOnline) unavailable = "offline";
        else (view, unavailable) = await cloud.GetOrderAsync(orderId, ct, TimeSpan.FromSeconds(5));
        var corrections = await db.Corrections.AsNoTracking().Where(c => c.OrderId == orderId).ToListAsync(ct);
        return Results.Json(new OrderDetail(ToRow(o, batch), o.Lines.OrderBy(l => l.LineNumber).ToList(), o.Payments.OrderBy(p => p.Sequence).ToList(),
            view, unavailable, $"/receipts/{o.Id}.png",
            corrections.OrderBy(c => c.CorrectedAt.UtcTicks).Select(c => new CorrectionView(c.Field, c.OldValue, c.NewValue, c.CorrectedBy, c.CorrectedAt, c.CloudReasons)).ToList(),
            snapshot.Current is { } s && o.Lines.Any(l => l.SnapshotVersion == s.Version) ? s.GeneratedAt : null), Json);
    }

    /// <summary>A Pending sale whose batch is set aside shows as "Blocked" (上傳受阻) with the reason.</summary>
    private static OrderRow ToRow(LocalOrder o, UploadBatch? batch)
    {
        var blocked = o.State == AgentOrderState.Pending && batch is { CompletedAt: null, BlockedReason: not null } ? batch.BlockedReason : null;
        return new(
            o.Id, o.LocalNumber, o.SoldAt, o.StaffId, o.StaffName, o.CustomerPhone, o.CustomerName, o.Total, o.Lines.Count, o.MadeOffline,
            blocked is null ? o.State.ToString() : "Blocked", o.CloudStatus?.ToString(), o.Reasons, o.BatchId, batch?.CreatedAt, o.UploadedAt, o.FinishedAt,
            batch is { CompletedAt: null } ? batch.LastError : null,
            o.InvoiceNumber, o.InvoiceRandomCode, o.BuyerTaxId, o.CarrierId, o.DonationCode,
            blocked, o.SendCount, CorrectionRules.MayCorrect(o.State, blocked is not null),
            string.Join("+", o.Payments.OrderBy(p => p.Sequence).Select(p => p.Method)));
    }
}
