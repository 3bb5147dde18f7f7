using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>
/// A stand-in for the cloud's order endpoints (upload, status, batch) on a loopback port, so a test can make the
/// cloud refuse one order, fail one batch forever or forget an order it had — answers the real Api gives only
/// with a bug or after a database restore. It stores each orderId once, as the real one does.
/// </summary>
public sealed class FakeCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Url { get; }

    /// <summary>False: /health/live answers 503, so the agent stays offline (sales pile up into one batch).</summary>
    public volatile bool Healthy = true;
    /// <summary>A status code to answer a whole batch with instead of taking it (e.g. 500 when it holds a poison sale).</summary>
    public Func<UploadBatchRequest, int?> FailBatch { get; set; } = _ => null;
    /// <summary>A per-order refusal, as the cloud's validator would give it.</summary>
    public Func<OfflineOrder, int, FieldError?> Reject { get; set; } = (_, _) => null;
    /// <summary>Batches never answered: the connection is held until the agent gives up (a proxy eating one body).</summary>
    public Func<UploadBatchRequest, bool> Hang { get; set; } = _ => false;

    public ConcurrentDictionary<Guid, OfflineOrder> Stored { get; } = new();
    /// <summary>Returns stored, each returnId once (as the real cloud does).</summary>
    public ConcurrentDictionary<Guid, OfflineReturn> StoredReturns { get; } = new();
    /// <summary>Other registers' sales the cloud knows (GET /api/v1/orders/{id}), for the status of returns of them.</summary>
    public ConcurrentDictionary<Guid, OrderView> OtherRegistersOrders { get; } = new();
    /// <summary>Sales of any register or store by period + invoice number (GET /api/v1/returnable-sales/…); the returns
    /// stored here for them are added to their earlier returns, as the cloud does.</summary>
    public ConcurrentDictionary<string, ReturnableSaleView> ReturnableSales { get; } = new();
    /// <summary>Orders of another store: GET /api/v1/orders/{id} answers 403 for them, as for a register key of another store.</summary>
    public ConcurrentDictionary<Guid, bool> OtherStoresOrders { get; } = new();
    /// <summary>Every returnable-sale read: (period or null, number).</summary>
    public ConcurrentQueue<(string? Period, string Number)> ReturnableSaleReads { get; } = new();
    /// <summary>Sales the stand-in answers 404 for (GET orders/{id}) while their returns wait for them (GET returns/{id}: Received, waiting).</summary>
    public ConcurrentDictionary<Guid, bool> OriginalsMissing { get; } = new();
    /// <summary>Allowance cancels stored (作廢折讓), each CancelId once, as the real cloud does.</summary>
    public ConcurrentDictionary<Guid, OfflineAllowanceCancel> StoredAllowanceCancels { get; } = new();
    /// <summary>A per-return refusal, as the cloud's validator would give it.</summary>
    public Func<OfflineReturn, int, FieldError?> RejectReturn { get; set; } = (_, _) => null;
    public ConcurrentDictionary<Guid, List<Guid>> StoredBatches { get; } = new();
    /// <summary>Every upload received, in order, with the status it was answered.</summary>
    public ConcurrentQueue<(UploadBatchRequest Request, int Status, DateTimeOffset At)> Uploads { get; } = new();

    private FakeCloud(WebApplication app, string url) { _app = app; Url = url; }

    public static async Task<FakeCloud> StartAsync()
    {
        var url = $"http://127.0.0.1:{Repo.FreePort()}/";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(url.TrimEnd('/'));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var cloud = new FakeCloud(app, url);
        app.MapGet("/health/live", () => cloud.Healthy ? Results.Ok() : Results.StatusCode(503));
        app.MapPost("/api/v1/batches", async (UploadBatchRequest request, CancellationToken ct) =>
        {
            if (cloud.Hang(request))
            {
                cloud.Uploads.Enqueue((request, 0, DateTimeOffset.UtcNow));
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { });
                return Results.StatusCode(499);
            }
            return cloud.Upload(request);
        });
        app.MapGet("/api/v1/orders/status", (string ids) => ids.Split(',').Select(Guid.Parse)
            .Select(id => cloud.Stored.ContainsKey(id) ? new OrderStatusView(id, true, OrderStatus.Reconciled, null, DateTimeOffset.UtcNow) : new OrderStatusView(id, false, null, null, null)).ToList());
        // One order with the returns the stand-in stored for it (the agent polls its returns' statuses here); only
        // orders with returns, so the other tests still see "not in the cloud" on 詳情 as before.
        app.MapGet("/api/v1/returnable-sales/{period}/{number}", (string period, string number) =>
        {
            cloud.ReturnableSaleReads.Enqueue((period, number));
            return cloud.ReturnableSales.TryGetValue(period + number, out var v) ? Results.Ok(cloud.WithStoredReturns(v)) : Results.NotFound();
        });
        app.MapGet("/api/v1/returnable-sales/{number}", (string number) =>
        {
            cloud.ReturnableSaleReads.Enqueue((null, number));
            return cloud.ReturnableSales.Values.Where(v => v.Invoice.Number == number).ToList() is { Count: 1 } one ? Results.Ok(cloud.WithStoredReturns(one[0])) : Results.NotFound();
        });
        app.MapGet("/api/v1/returns/{id:guid}", (Guid id) => cloud.StoredReturns.TryGetValue(id, out var r)
            ? Results.Ok(new ReturnView(r.ReturnId, r.OrderId, "S001", "S001-R1", r.ReturnedAt, r.StaffId, r.Reason, r.Lines, r.Refunds, r.RefundTotal,
                cloud.OriginalsMissing.ContainsKey(r.OrderId) ? OrderStatus.Received : OrderStatus.Reconciled,
                cloud.OriginalsMissing.ContainsKey(r.OrderId) ? ReturnStatusReasons.WaitingForOriginal : null, r.Allowance is null ? "cancelled" : "allowance", r.ApprovedBy))
            : Results.NotFound());
        app.MapGet("/api/v1/orders/{id:guid}", (Guid id) =>
        {
            if (cloud.OtherStoresOrders.ContainsKey(id)) return Results.StatusCode(403);
            if (cloud.OriginalsMissing.ContainsKey(id)) return Results.NotFound();
            var returns = cloud.StoredReturns.Values.Where(r => r.OrderId == id).ToList();
            if (cloud.OtherRegistersOrders.TryGetValue(id, out var other))
                return Results.Ok(other with { Returns = [.. other.Returns ?? [], .. returns.Select(r => new ReturnView(r.ReturnId, id, "S001", "S001-R1", r.ReturnedAt, r.StaffId, r.Reason,
                    r.Lines, r.Refunds, r.RefundTotal, OrderStatus.Reconciled, null, r.Allowance is null ? "cancelled" : "allowance", r.ApprovedBy))] });
            if (returns.Count == 0) return Results.NotFound();
            cloud.Stored.TryGetValue(id, out var o);
            return Results.Ok(new OrderView(id, Guid.Empty, "S001", "S001-R1", o?.LocalNumber ?? 0, o?.SoldAt ?? DateTimeOffset.UtcNow, o?.StaffId ?? "", null, o?.Total ?? 0,
                OrderStatus.Reconciled, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, [], [], [], null,
                returns.Select(r => new ReturnView(r.ReturnId, id, "S001", "S001-R1", r.ReturnedAt, r.StaffId, r.Reason,
                    r.Lines, r.Refunds, r.RefundTotal, OrderStatus.Reconciled, null, r.Allowance is null ? "cancelled" : "allowance", r.ApprovedBy)).ToList()));
        });
        app.MapGet("/api/v1/batches/{id:guid}", (Guid id) => cloud.StoredBatches.TryGetValue(id, out var orders)
            ? Results.Ok(new BatchView(id, "S001", "S001-R1", DateTimeOffset.UtcNow, orders.Count, 0, 0,
                orders.Select(o => new OrderStatusView(o, true, OrderStatus.Reconciled, null, null)).ToList()))
            : Results.NotFound());
        await app.StartAsync();
        return cloud;
    }

    private IResult Upload(UploadBatchRequest request)
    {
        if (FailBatch(request) is { } status)
        {
            Uploads.Enqueue((request, status, DateTimeOffset.UtcNow));
            return Results.Problem(title: "Internal error", statusCode: status);
        }
        var results = new List<OrderUploadResult>();
        var accepted = new List<Guid>();
        for (var i = 0; i < request.Orders.Count; i++)
        {
            var o = request.Orders[i];
            if (Stored.ContainsKey(o.OrderId)) results.Add(new(o.OrderId, UploadOutcome.Duplicate, OrderStatus.Reconciled, []));
            else if (Reject(o, i) is { } error) results.Add(new(o.OrderId, UploadOutcome.Rejected, OrderStatus.Failed, [error]));
            else
            {
                Stored[o.OrderId] = o;
                accepted.Add(o.OrderId);
                results.Add(new(o.OrderId, UploadOutcome.Accepted, OrderStatus.Received, []));
            }
        }
        StoredBatches[request.BatchId] = accepted;
        var returnResults = new List<ReturnUploadResult>();
        for (var i = 0; i < (request.Returns?.Count ?? 0); i++)
        {
            var r = request.Returns![i];
            var cancel = r.CancelledAllowance is { } c
                ? new AllowanceCancelUploadResult(c.CancelId, StoredAllowanceCancels.TryAdd(c.CancelId, c) ? UploadOutcome.Accepted : UploadOutcome.Duplicate, [])
                : null;
            if (StoredReturns.ContainsKey(r.ReturnId)) returnResults.Add(new(r.ReturnId, UploadOutcome.Duplicate, OriginalsMissing.ContainsKey(r.OrderId) ? OrderStatus.Received : OrderStatus.Reconciled, [], cancel));
            else if (RejectReturn(r, i) is { } error) returnResults.Add(new(r.ReturnId, UploadOutcome.Rejected, OrderStatus.Failed, [error]));
            else
            {
                StoredReturns[r.ReturnId] = r;
                returnResults.Add(new(r.ReturnId, UploadOutcome.Accepted, OrderStatus.Received, [], cancel));
            }
        }
        Uploads.Enqueue((request, 202, DateTimeOffset.UtcNow));
        return Results.Json(new UploadBatchResponse(request.BatchId, results, request.Returns is null ? null : returnResults), statusCode: 202);
    }

    /// <summary>How many uploads carried this order (answered or not).</summary>
    private ReturnableSaleView WithStoredReturns(ReturnableSaleView v) => v with
    {
        Returns = [.. v.Returns, .. StoredReturns.Values.Where(r => r.OrderId == v.OrderId).Select(r => new ReturnableEarlierReturnView(
            r.ReturnId, "S001", r.ReturnedAt, r.Lines.Select(l => new ReturnedLineView(l.LineIndex, l.Quantity)).ToList(),
            r.Allowance is null ? "cancelled" : "allowance", r.OriginalInvoiceNumber, r.Allowance?.Number, OrderStatus.Reconciled))],
    };

    public int TimesSent(Guid orderId) => Uploads.Count(u => u.Request.Orders.Any(o => o.OrderId == orderId));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
