using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Orders;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.UploadRecords;

/// <summary>One row of the order list / 上傳紀錄.</summary>
public sealed record OrderRow(
    Guid OrderId, long LocalNumber, DateTimeOffset SoldAt, string StaffId, string? StaffName, string? CustomerPhone, string? CustomerName,
    decimal Total, int LineCount, bool MadeOffline, string State, string? CloudStatus, string? Reasons,
    Guid? BatchId, DateTimeOffset? BatchCreatedAt, DateTimeOffset? UploadedAt, DateTimeOffset? FinishedAt, string? LastUploadError,
    string? InvoiceNumber = null, string? InvoiceRandomCode = null, string? BuyerTaxId = null, string? CarrierId = null, string? DonationCode = null,
    string? PaymentMethod = null);

/// <summary>詳情: what the clerk typed beside what the cloud made of it.</summary>
/// <param name="CatalogAsOf">When the cloud made the cached catalog these lines were priced from (null: an older catalog than the one cached now). Shown instead of the version hash.</param>
public sealed record OrderDetail(OrderRow Order, IReadOnlyList<LocalLine> Typed, IReadOnlyList<LocalPayment> Payments, OrderView? Cloud, string? CloudUnavailable, string ReceiptImageUrl,
    DateTimeOffset? CatalogAsOf = null);

public static class UploadRecordsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapUploadRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders", ListOrders);
        app.MapGet("/api/orders/{orderId:guid}", GetOrder);
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

    internal static async Task<IResult> GetOrder(Guid orderId, IDbContextFactory<AgentDbContext> dbFactory, CloudClient cloud, ConnectivityMonitor connectivity, SnapshotCache snapshot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await db.Orders.AsNoTracking().Include(x => x.Lines).Include(x => x.Payments).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == orderId, ct);
        if (o is null) return Results.NotFound(new { code = "order.notFound" });
        var batch = o.BatchId is { } b ? await db.Batches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == b, ct) : null;

        OrderView? view = null;
        string? unavailable = null;
        if (o.State is AgentOrderState.Pending or AgentOrderState.Rejected) unavailable = "notInCloud";
        else if (!connectivity.IsOnline) unavailable = "offline";
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/orders/{orderId}");
                using var response = await cloud.SendAsync(request, ct, TimeSpan.FromSeconds(5));
                if (response.IsSuccessStatusCode) view = await response.Content.ReadFromJsonAsync<OrderView>(Json, ct);
                else unavailable = response.StatusCode == HttpStatusCode.NotFound ? "notInCloud" : $"cloud{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
            {
                unavailable = "unreachable";
            }
        }
        return Results.Json(new OrderDetail(ToRow(o, batch), o.Lines.OrderBy(l => l.LineNumber).ToList(), o.Payments.OrderBy(p => p.Sequence).ToList(),
            view, unavailable, $"/receipts/{o.Id}.png",
            snapshot.Current is { } s && o.Lines.Any(l => l.SnapshotVersion == s.Version) ? s.GeneratedAt : null), Json);
    }

    private static OrderRow ToRow(LocalOrder o, UploadBatch? batch) => new(
        o.Id, o.LocalNumber, o.SoldAt, o.StaffId, o.StaffName, o.CustomerPhone, o.CustomerName, o.Total, o.Lines.Count, o.MadeOffline,
        o.State.ToString(), o.CloudStatus?.ToString(), o.Reasons, o.BatchId, batch?.CreatedAt, o.UploadedAt, o.FinishedAt,
        batch is { CompletedAt: null } ? batch.LastError : null,
        o.InvoiceNumber, o.InvoiceRandomCode, o.BuyerTaxId, o.CarrierId, o.DonationCode,
        string.Join("+", o.Payments.OrderBy(p => p.Sequence).Select(p => p.Method)));
}
