using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Orders;

public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        group.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("An uploaded order with its status, reconciled lines, price overrides, returns and net total")
            .ProducesProblem(403).ProducesProblem(404);
        group.MapGet("/status", OrderStatusApi.GetStatuses)
            .WithName("GetOrderStatuses")
            .WithSummary("The status of many orders at once (?ids=a,b,c, at most 500)")
            .ProducesProblem(400)
            .WithDescription("For the agent's polling. Orders the caller may not see, or that were never accepted, come back with found=false. 500 ids are over common URL limits: POST them instead.");
        group.MapPost("/status", OrderStatusApi.PostStatuses)
            .WithName("PostOrderStatuses")
            .WithSummary("The status of many orders at once, ids in the body ({\"ids\":[…]}, at most 500)")
            .ProducesProblem(400)
            .WithDescription("As GET /orders/status, for lists too long for a URL. Reads only, with the same API keys and visibility as the GET.");
        return api;
    }

    internal static async Task<Results<Ok<OrderView>, NotFound<ProblemDetails>, ForbidHttpResult>> GetOrder(
        Guid orderId, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        // Final, or still waiting for its worker (then Received, lines as uploaded).
        var order = await OrderHeaders.FindAsync(db, orderId, withPayments: false, ct);
        if (order is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "Order not found", Detail = $"No order {orderId} has been uploaded.", Status = 404 });
        if (!user.CanAccessStore(order.StoreId)) return TypedResults.Forbid();
        // Returns of this sale from any register or store: they make its net total.
        var returns = await db.Returns.AsNoTracking().Where(r => r.OrderId == orderId)
            .Include(r => r.Lines).Include(r => r.Refunds).Include(r => r.AllowanceCancel).AsSplitQuery()
            .OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        return TypedResults.Ok(ToView(order) with
        {
            Returns = returns.Select(Returns.ReturnsApi.ToView).ToList(),
            NetTotal = Returns.ReturnsApi.NetTotal(order.Total, returns),
        });
    }

    public static OrderView ToView(Order o) => new(
        o.Id, o.BatchId, o.StoreId, o.RegisterId, o.LocalNumber, o.SoldAt, o.StaffId, o.CustomerPhone, o.Total,
        o.Status, o.StatusReason, o.ReceivedAt, o.FinishedAt,
        o.Lines.OrderBy(l => l.LineNumber).Select(l => new ReconciledLineView(
            l.LineNumber, l.Sku, l.MatchedSku, l.CatalogName, l.TypedName, l.Type, l.Quantity, l.ExpectedUnitPrice, l.ChargedUnitPrice,
            string.IsNullOrEmpty(l.Flags) ? [] : l.Flags.Split(','))).ToList(),
        o.Overrides.OrderBy(x => x.LineNumber).Select(x => new PriceOverrideView(
            x.LineNumber, x.Sku, x.ExpectedUnitPrice, x.ChargedUnitPrice, x.Difference, x.Quantity, x.Reason, x.ManagerStaffId)).ToList(),
        o.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new OrderStatusChangeView(h.Status, h.At, h.Reason)).ToList(),
        o.ApprovedBy);
}
