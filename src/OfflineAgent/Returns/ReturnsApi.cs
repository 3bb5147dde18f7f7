using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>The 「退貨／作廢」 screen's calls: find the sale, preview, take the return, list and show returns, their documents.</summary>
public static class ReturnsApi
{
    public static void MapReturnsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/returns/sale", FindSale);
        app.MapPost("/api/returns/preview", Preview);
        app.MapPost("/api/returns", Take);
        app.MapGet("/api/returns", List);
        app.MapGet("/api/returns/{returnId:guid}", Get);
        app.MapPost("/api/returns/{returnId:guid}/cancel-allowance", CancelAllowance);
        app.MapGet("/receipts/returns/{returnId:guid}/invoice.png", ReplacementPng);
        app.MapGet("/receipts/returns/{returnId:guid}/allowance.png", AllowancePng);
    }

    /// <summary>The sale as the screen shows it: each line with what was sold and what is left, the invoice, and the
    /// store it was sold at when that is not this one (its name: no codes on screen).</summary>
    public static object SaleView(ReturnSale s, string? ownStoreId = null)
    {
        var left = ReturnRules.Left(s.Lines, s.ReturnedBefore);
        return new
        {
            s.OrderId, s.Remote, s.StoreId, s.RegisterId, s.LocalNumber, s.SoldAt, s.Total, s.PaymentMethod,
            s.InvoicePeriod, s.InvoiceNumber, s.InvoiceIssuedAt, s.BuyerTaxId, onCarrier = s.CarrierId is not null || s.CarrierType is not null, donated = s.DonationCode is not null,
            otherStore = ownStoreId is not null && s.StoreId != ownStoreId, storeName = s.StoreName,
            s.InvoiceCancelled, s.Uploaded,
            lines = s.Lines.Select(l => new { lineIndex = l.Index, l.Sku, l.Name, sold = l.Quantity, left = Math.Max(0, left[l.Index]), l.UnitPrice }),
        };
    }

    internal static async Task<IResult> FindSale(string? code, Guid? orderId, ReturnService returns, CancellationToken ct)
    {
        var (sale, why) = await returns.FindAsync(orderId, code, ct);
        if (sale is null)
        {
            return Results.Json(new { ok = false, errors = new[] { ReturnService.NotFound(why) }, code = why }, statusCode: 404);
        }
        return Results.Json(new { ok = true, sale = SaleView(sale, returns.StoreId), approvalAbove = returns.ApprovalAbove });
    }

    internal static async Task<IResult> Preview(ReturnInput input, ReturnService returns, CancellationToken ct)
    {
        var r = await returns.PreviewAsync(input, ct);
        return Results.Json(new { ok = r.Ok, errors = r.Errors, plan = r.Plan, needsManagerPin = r.NeedsManagerPin }, statusCode: r.Plan is null ? 404 : 200);
    }

    internal static async Task<IResult> Take(ReturnInput input, ReturnService returns, HttpContext http, CancellationToken ct)
    {
        var r = await returns.TakeAsync(input, ct);
        if (r.PinRetryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 409: the return is fine but the register cannot issue the replacement invoice now (no numbers: state, not input).
        if (!r.Ok) return Results.Json(new { ok = false, errors = r.Errors, plan = r.Plan, needsManagerPin = r.NeedsManagerPin },
            statusCode: r.Errors.Any(e => e.Field == "invoice" && e.Code != "invoice.cancelled") ? 409 : 400);
        return Results.Json(new { ok = true, @return = View(r.Return!), plan = r.Plan }, statusCode: 201);
    }

    internal static async Task<IResult> CancelAllowance(Guid returnId, AllowanceCancelInput input, ReturnService returns,
        IOptions<ReturnsOptions> options, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var r = await returns.CancelAllowanceAsync(returnId, input, ct);
        if (r.PinRetryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!r.Ok)
            return Results.Json(new { ok = false, errors = r.Errors, needsManagerPin = r.NeedsManagerPin },
                statusCode: r.Return is null && r.Errors.Any(e => e.Code == "return.notFound") ? 404 : 400);
        return Results.Json(new { ok = true, @return = View(r.Return!, Cancel(r.Return!, options.Value, time)) });
    }

    /// <summary>Whether the return's allowance can still be cancelled now, and until when (Taipei date, inclusive).</summary>
    public sealed record AllowanceCancelWindow(bool CanCancel, DateOnly? LastDay);

    internal static AllowanceCancelWindow Cancel(LocalReturn r, ReturnsOptions options, TimeProvider time)
    {
        if (r.AllowanceNumber is null) return new(false, null);
        var until = AllowanceCancelRules.CancelUntil(r.ReturnedAt, options.FilingCutoffDay);
        return new(AllowanceCancelRules.CanCancel(ReturnService.Allowance(r), time.GetUtcNow(), options.FilingCutoffDay),
            DateOnly.FromDateTime(PosCloud.Invoicing.Numbers.TaiwanTime.Local(until)).AddDays(-1));
    }

    public static object View(LocalReturn r, AllowanceCancelWindow? window = null) => new
    {
        r.AllowanceCancelledAt, r.AllowanceCancelReason, r.AllowanceCancelApprovedBy, r.RefundTakenBack, r.AllowanceCancelState, r.AllowanceCancelErrors,
        canCancelAllowance = window?.CanCancel ?? false, allowanceCancelLastDay = window?.LastDay,
        // In the cloud but waiting there for its original sale (it resolves when the sale arrives): 等待原銷售單.
        waitingForOriginal = r.State == AgentOrderState.Uploaded && r.Reasons == Contracts.Orders.ReturnStatusReasons.WaitingForOriginal,
        returnId = r.Id, r.LocalNumber, r.OrderId, r.ReturnedAt, r.StaffId, r.Reason, r.ApprovedBy, r.RefundMethod, r.RefundTotal,
        r.Document, r.OriginalInvoiceNumber, r.CancelledInvoiceNumber, r.ReplacementInvoiceNumber, r.AllowanceNumber, r.AllowanceNet, r.AllowanceTax,
        r.CollectPaperProof, r.BuyerConsent, state = r.State.ToString(), r.Reasons, r.BatchId, r.UploadedAt, r.MadeOffline, r.OriginalIsRemote,
        lines = r.Lines.OrderBy(l => l.LineIndex).Select(l => new { l.LineIndex, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Amount }),
    };

    internal static async Task<IResult> List(int? limit, IDbContextFactory<AgentDbContext> dbFactory, IOptions<ReturnsOptions> options, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Returns.AsNoTracking().Include(r => r.Lines).OrderByDescending(r => r.LocalNumber).Take(Math.Clamp(limit ?? 200, 1, 1000)).ToListAsync(ct);
        var batches = rows.Where(r => r.BatchId != null).Select(r => r.BatchId!.Value).Distinct().ToList();
        var blocked = await db.Batches.AsNoTracking().Where(b => batches.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => new { b.BlockedReason, b.LastError, b.CreatedAt }, ct);
        return Results.Json(rows.Select(r =>
        {
            var b = r.BatchId is { } id && blocked.TryGetValue(id, out var x) ? x : null;
            return new { view = View(r, Cancel(r, options.Value, time)), uploadBlockedReason = b?.BlockedReason, lastUploadError = b?.LastError, batchCreatedAt = b?.CreatedAt };
        }));
    }

    internal static async Task<IResult> Get(Guid returnId, IDbContextFactory<AgentDbContext> dbFactory, ReturnService returns, IOptions<ReturnsOptions> options, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Returns.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == returnId, ct);
        return r is null ? Results.Problem(title: "找不到此筆退貨 (return not found)", statusCode: 404) : Results.Json(new { @return = View(r, Cancel(r, options.Value, time)), sale = SaleView(ReturnDocuments.Original(r), returns.StoreId) });
    }

    internal static async Task<IResult> ReplacementPng(Guid returnId, IDbContextFactory<AgentDbContext> dbFactory, ProofRendering proofs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Returns.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == returnId, ct);
        if (r?.ReplacementInvoiceNumber is null) return Results.Problem(title: "此筆退貨沒有新發票 (no replacement invoice)", statusCode: 404);
        return Results.File(proofs.Png(ReturnDocuments.ReplacementAsOrder(r)), "image/png");
    }

    internal static async Task<IResult> AllowancePng(Guid returnId, IDbContextFactory<AgentDbContext> dbFactory, ProofRendering proofs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Returns.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == returnId, ct);
        if (r?.AllowanceNumber is null) return Results.Problem(title: "此筆退貨沒有折讓證明單 (no allowance)", statusCode: 404);
        return Results.File(proofs.AllowancePng(r), "image/png");
    }
}
