using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Api.Stores;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Core.Returns;

namespace PosCloud.Api.Returns;

/// <summary>Returns as the cloud stored and reconciled them: one by id, and a store's, newest first.</summary>
public static class ReturnsApi
{
    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/returns/{returnId:guid}", GetReturn).WithTags("Returns").RequireAuthorization()
            .WithName("GetReturn")
            .WithSummary("A return with its lines, refunds, invoice outcome, status and the override share it reversed")
            .ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/stores/{storeId}/returns", GetStoreReturns).WithTags("Returns").RequireAuthorization()
            .WithName("GetStoreReturns")
            .WithSummary("The returns a store took, newest first (?status=&page=&pageSize=, paged like /uploads)")
            .ProducesProblem(400).ProducesProblem(403);
        api.MapReturnableSalesApi();
        return api;
    }

    internal static async Task<Results<Ok<ReturnView>, NotFound<ProblemDetails>, ForbidHttpResult>> GetReturn(
        Guid returnId, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        var r = await db.Returns.AsNoTracking().Include(x => x.Lines).Include(x => x.Refunds).Include(x => x.AllowanceCancel).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == returnId, ct);
        if (r is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "Return not found", Detail = $"No return {returnId} has been uploaded.", Status = 404 });
        if (!user.CanAccessStore(r.StoreId)) return TypedResults.Forbid();
        return TypedResults.Ok(ToView(r));
    }

    internal static async Task<Results<Ok<Page<ReturnView>>, ProblemHttpResult, ForbidHttpResult>> GetStoreReturns(
        string storeId, OrderStatus? status, int? page, int? pageSize, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        if (!user.CanAccessStore(storeId)) return TypedResults.Forbid();
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (number is < 1 or > ContractLimits.MaxPageNumber)
            return UploadRecordsApi.QueryProblem("page", $"page must be 1 to {ContractLimits.MaxPageNumber}.");
        if (size is < 1 or > ContractLimits.MaxPageSize)
            return UploadRecordsApi.QueryProblem("pageSize", $"pageSize must be 1 to {ContractLimits.MaxPageSize}.");
        if (status is { } unknown && !Enum.IsDefined(unknown))
            return UploadRecordsApi.QueryProblem("status", $"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
        var query = db.Returns.AsNoTracking().Where(r => r.StoreId == storeId);
        if (status is { } s) query = query.Where(r => r.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.LocalNumber)
            .Skip((number - 1) * size).Take(size)
            .Include(r => r.Lines).Include(r => r.Refunds).Include(r => r.AllowanceCancel).AsSplitQuery()
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<ReturnView>(rows.Select(ToView).ToList(), number, size, total));
    }

    public static ReturnView ToView(SaleReturn r) => new(
        r.Id, r.OrderId, r.StoreId, r.RegisterId, r.ReturnedAt, r.StaffId, r.Reason,
        r.Lines.OrderBy(l => l.LineIndex).Select(l => new OfflineReturnLine(l.LineIndex, l.Sku, l.Quantity, l.Amount)).ToList(),
        r.Refunds.OrderBy(p => p.RefundNumber).Select(p => new OfflinePayment(p.Method, p.Amount, p.Reference)).ToList(),
        r.RefundTotal, r.Status, r.StatusReason, r.InvoiceOutcome, r.ApprovedBy,
        OverrideReversal: r.Status.IsFinal() ? r.Lines.Sum(l => l.OverrideReversal ?? 0) : null,
        ReceivedAt: r.ReceivedAt, FinishedAt: r.FinishedAt, LocalNumber: r.LocalNumber,
        CancelledInvoiceNumber: r.CancelledInvoiceNumber, ReplacementInvoiceNumber: r.ReplacementInvoiceNumber, AllowanceNumber: r.AllowanceNumber,
        AllowanceCancelledAt: r.AllowanceCancel?.CancelledAt, AllowanceCancelReason: r.AllowanceCancel?.Reason);

    /// <summary>
    /// What the sale nets to: its total minus the refunds of the returns whose quantities the cloud took back (an
    /// over-return refused, or a return still waiting, is not netted).
    /// </summary>
    public static decimal NetTotal(decimal total, IEnumerable<SaleReturn> returns) =>
        total - returns.Where(r => r.QuantitiesTakenBack).Sum(r => r.RefundTotal);
}
