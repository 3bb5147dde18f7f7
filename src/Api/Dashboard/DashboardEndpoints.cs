using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Dashboard.Actions;
using PosCloud.Api.Hq;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Api.Dashboard.Charts;
using PosCloud.Api.Dashboard.Export;
using PosCloud.Api.Dashboard.Orders;
using PosCloud.Api.Dashboard.Overview;
using PosCloud.Api.Orders;
using PosCloud.Contracts;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard;

/// <summary>
/// The HQ dashboard: pages at /dashboard (cookie sign-in), their JSON at /dashboard/api (viewer or
/// operator), operator actions as antiforgery-checked POSTs. Not part of the public OpenAPI document.
/// </summary>
public static class DashboardEndpoints
{
    /// <param name="Names">Staff (clerk, approving managers) and customer names by id / phone, so the page shows names beside ids.</param>
    public sealed record OrderDetailView(OrderView Order, string StoreName, IReadOnlyList<AuditView> Audit,
        OrderNamesView? Names = null, IReadOnlyList<OrderPaymentView>? Payments = null, OrderInvoiceView? Invoice = null);
    public sealed record OrderNamesView(string? Clerk, string? Customer, IReadOnlyDictionary<string, string> Managers);
    public sealed record OrderPaymentView(string Method, decimal Amount);
    public sealed record OrderInvoiceView(string Number, DateTimeOffset IssuedAt, string? BuyerTaxId, string? CarrierId, string? DonationCode, bool Voided);
    public sealed record ActionResultView(int Queued, string Message);
    /// <param name="OrderId">The order the operator mapped from, so the action shows in that order's audit.</param>
    public sealed record SkuMappingRequest(string? Alias, string? Sku, Guid? OrderId);
    public sealed record ProductHit(string Sku, string Name, bool Active);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDashboardLogin();
        app.MapGet("/dashboard", Page).RequireAuthorization(DashboardPolicies.View).ExcludeFromDescription();
        app.MapGet("/dashboard/assets/{name}", StaticAssets.Serve).AllowAnonymous().ExcludeFromDescription();

        var api = app.MapGroup("/dashboard/api").RequireAuthorization(DashboardPolicies.View).ExcludeFromDescription();
        api.MapGet("/overview", (HttpContext http, OverviewCache cache, CancellationToken ct) => cache.GetAsync(http, ct));
        api.MapGet("/charts", Charts);
        api.MapGet("/stores/{storeId}/orders", StoreOrders);
        api.MapGet("/orders/{orderId:guid}", OrderDetail);
        api.MapGet("/audit", (AuditLog audit, string? storeId, Guid? orderId, int? take, CancellationToken ct) =>
            audit.ListAsync(storeId, orderId, take ?? 100, ct));
        api.MapGet("/products", Products);
        api.MapGet("/export/overrides.csv", (HttpContext http, ExportQueries e, TimeProvider t, IOptions<DashboardOptions> o, string? from, string? to, CancellationToken ct) =>
            ExportAsync(http, t, o.Value, from, to, "overrides", (r, z) => e.OverridesAsync(r, z, ct)));
        api.MapGet("/export/returns.csv", (HttpContext http, ExportQueries e, TimeProvider t, IOptions<DashboardOptions> o, string? from, string? to, CancellationToken ct) =>
            ExportAsync(http, t, o.Value, from, to, "returns", (r, z) => e.ReturnsAsync(r, z, ct)));
        api.MapGet("/export/needs-review.csv", (HttpContext http, ExportQueries e, TimeProvider t, IOptions<DashboardOptions> o, string? from, string? to, CancellationToken ct) =>
            ExportAsync(http, t, o.Value, from, to, "needs-review", (r, z) => e.NeedsReviewAsync(r, z, ct)));

        // Viewers reach none of these: the policy answers 403 before any work, whatever the page shows.
        var act = api.MapGroup("").RequireAuthorization(DashboardPolicies.Operate).AddEndpointFilter<AntiforgeryCheck>().DisableAntiforgery();
        act.MapPost("/orders/{orderId:guid}/rerun", (Guid orderId, ClaimsPrincipal user, HqActions r, AuditLog audit, CancellationToken ct) =>
            ActAsync(user, audit, "rerun-order", orderId.ToString(), null, orderId, by => r.RerunOrderAsync(orderId, by, ct), ct));
        act.MapPost("/stores/{storeId}/rerun", (string storeId, ClaimsPrincipal user, HqActions r, AuditLog audit, CancellationToken ct) =>
            ActAsync(user, audit, "rerun-store", storeId, storeId, null, by => r.RerunStoreAsync(storeId, by, ct), ct));
        act.MapPost("/sku-mappings", (SkuMappingRequest body, ClaimsPrincipal user, HqActions r, AuditLog audit, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Alias) || string.IsNullOrWhiteSpace(body.Sku)
                ? Task.FromResult<IResult>(TypedResults.Problem(title: "alias and sku are required", statusCode: 400))
                : ActAsync(user, audit, "map-sku", $"{body.Alias.Trim()} → {body.Sku.Trim()}", null, body.OrderId, async by => (await r.MapSkuAsync(body.Alias, body.Sku, by, ct)).Outcome, ct));
        return app;
    }

    private static IResult Page(HttpContext http)
    {
        StaticAssets.PageHeaders(http);
        return Results.Content(StaticAssets.ReadText("index.html"), "text/html; charset=utf-8");
    }

    private static async Task<Results<Ok<ChartsView>, ProblemHttpResult>> Charts(ChartsQuery q, TimeProvider time, IOptions<DashboardOptions> options, string? from, string? to, CancellationToken ct)
    {
        var (range, error) = HourlySeries.Parse(from, to, time.GetUtcNow(), options.Value.Zone(), options.Value.MaxDays);
        if (range is null) return TypedResults.Problem(title: "Bad date range", detail: error, statusCode: 400);
        return TypedResults.Ok(await q.RunAsync(range, ct));
    }

    private static async Task<Results<Ok<StoreOrdersView>, ProblemHttpResult>> StoreOrders(
        string storeId, StoreOrdersQuery q, TimeProvider time, IOptions<DashboardOptions> options,
        string? status, string? from, string? to, bool? hasOverride, int? page, CancellationToken ct)
    {
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
                return TypedResults.Problem(title: "Unknown status", detail: $"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}.", statusCode: 400);
            wanted = s;
        }
        if (page is < 1 or > PosCloud.Contracts.Limits.ContractLimits.MaxPageNumber)
            return TypedResults.Problem(title: "Bad query parameter: page", detail: $"page: page must be 1 to {PosCloud.Contracts.Limits.ContractLimits.MaxPageNumber}.", statusCode: 400);
        DateTimeOffset? fromUtc = null, toUtc = null;
        if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            var (range, error) = HourlySeries.Parse(from ?? "0001-01-01", to ?? "9999-12-30", time.GetUtcNow(), options.Value.Zone(), int.MaxValue);
            if (range is null) return TypedResults.Problem(title: "Bad date range", detail: error, statusCode: 400);
            fromUtc = string.IsNullOrEmpty(from) ? null : range.StartUtc;
            toUtc = string.IsNullOrEmpty(to) ? null : range.EndUtc;
        }
        var view = await q.RunAsync(storeId, new StoreOrderFilter(wanted, fromUtc, toUtc, hasOverride, page ?? 1), ct);
        return view is null ? TypedResults.Problem(title: "Store not found", detail: $"No store {storeId}.", statusCode: 404) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<OrderDetailView>, ProblemHttpResult>> OrderDetail(Guid orderId, CloudDbContext db, AuditLog audit, CancellationToken ct)
    {
        var order = await OrderHeaders.FindAsync(db, orderId, withPayments: true, ct);
        if (order is null) return TypedResults.Problem(title: "Order not found", detail: $"No order {orderId}.", statusCode: 404);
        var storeName = await db.Stores.Where(s => s.Id == order.StoreId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? order.StoreId;
        var staffIds = order.Overrides.Select(x => x.ManagerStaffId).OfType<string>().Append(order.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var customer = order.CustomerPhone is { } phone
            ? await db.Customers.AsNoTracking().Where(c => c.Phone == phone).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var invoice = await db.IssuedInvoices.AsNoTracking().Where(i => i.OrderId == orderId).OrderBy(i => i.IssuedAt)
            .Select(i => new OrderInvoiceView(i.Number, i.IssuedAt, i.BuyerTaxId, i.CarrierId, i.DonationCode, i.Voided)).FirstOrDefaultAsync(ct);
        var names = new OrderNamesView(staff.GetValueOrDefault(order.StaffId), customer,
            staff.Where(kv => kv.Key != order.StaffId || order.Overrides.Any(x => x.ManagerStaffId == kv.Key)).ToDictionary());
        // Its returns (any register or store) and what the sale nets to, as the API's order view shows them.
        var returns = await db.Returns.AsNoTracking().Where(r => r.OrderId == orderId)
            .Include(r => r.Lines).Include(r => r.Refunds).Include(r => r.AllowanceCancel).AsSplitQuery().OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        var view = OrdersApi.ToView(order) with
        {
            Returns = returns.Select(PosCloud.Api.Returns.ReturnsApi.ToView).ToList(),
            NetTotal = PosCloud.Api.Returns.ReturnsApi.NetTotal(order.Total, returns),
        };
        return TypedResults.Ok(new OrderDetailView(view, storeName, await audit.ListAsync(null, orderId, 50, ct),
            names, order.Payments.OrderBy(p => p.PaymentNumber).Select(p => new OrderPaymentView(p.Method, p.Amount)).ToList(), invoice));
    }

    private static async Task<IReadOnlyList<ProductHit>> Products(CloudDbContext db, string? q, CancellationToken ct)
    {
        var term = (q ?? "").Trim();
        var query = db.Products.AsNoTracking();
        if (term.Length > 0)
        {
            var upper = term.ToUpperInvariant();
            query = query.Where(p => p.SkuKey.Contains(upper) || p.Name.Contains(term) || p.Barcode == term);
        }
        return await query.OrderBy(p => p.Sku).Take(20).Select(p => new ProductHit(p.Sku, p.Name, p.Active)).ToListAsync(ct);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, TimeProvider time, DashboardOptions options, string? from, string? to, string name,
        Func<DayRange, TimeZoneInfo, Task<byte[]>> build)
    {
        var zone = options.Zone();
        var (range, error) = HourlySeries.Parse(from, to, time.GetUtcNow(), zone, options.MaxDays);
        if (range is null) return TypedResults.Problem(title: "Bad date range", detail: error, statusCode: 400);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(await build(range, zone), "text/csv; charset=utf-8", $"{name}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv");
    }

    private static async Task<IResult> ActAsync(ClaimsPrincipal user, AuditLog audit, string action, string target, string? storeId, Guid? orderId,
        Func<string, Task<ActionOutcome>> run, CancellationToken ct)
    {
        var by = "dashboard:" + user.Identity!.Name;
        var outcome = await run(by);
        await audit.RecordAsync(user.Identity.Name!, action, target, storeId, orderId, outcome, ct);
        return outcome.Succeeded
            ? TypedResults.Ok(new ActionResultView(outcome.Queued, outcome.Message))
            : outcome.ToProblem();
    }
}
