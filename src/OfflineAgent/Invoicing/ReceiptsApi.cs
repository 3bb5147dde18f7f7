using Microsoft.EntityFrameworkCore;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>The proof preview (shown on 詳情), reprints and the printer's retry button.</summary>
public static class ReceiptsApi
{
    public static void MapReceiptsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/receipts/{orderId:guid}.png", GetPng);
        app.MapPost("/api/orders/{orderId:guid}/reprint", Reprint);
        app.MapPost("/api/printer/retry", (ReceiptPrinting printing) => { printing.RetryNow(); return Results.Accepted(); });
    }

    internal static async Task<IResult> GetPng(Guid orderId, IDbContextFactory<AgentDbContext> dbFactory, ProofRendering proofs, CancellationToken ct)
    {
        var (order, problem) = await FindInvoicedAsync(orderId, dbFactory, ct);
        if (problem is not null) return problem;
        // The proof of an issued invoice never changes: let the browser keep it.
        return Results.File(proofs.Png(order!), "image/png", lastModified: order!.InvoiceIssuedAt);
    }

    internal static async Task<IResult> Reprint(Guid orderId, IDbContextFactory<AgentDbContext> dbFactory, ReceiptPrinting printing, CancellationToken ct)
    {
        var (order, problem) = await FindInvoicedAsync(orderId, dbFactory, ct);
        if (problem is not null) return problem;
        if (!printing.Configured)
            return Problem(409, "printer.none", "未設定印表機 (no printer configured)", "設定 Printer:Endpoint 後才能補印 (set Printer:Endpoint to print).");
        if (!InvoiceRules.PrintsProof(order!))
            return Problem(409, "invoice.notPrintable", "此發票不列印證明聯 (this invoice has no paper proof)",
                "存入載具或捐贈的發票不得列印證明聯 (an invoice on a carrier or donated must not be printed).");
        var jobId = await printing.ReprintAsync(orderId, ct);
        return Results.Json(new { ok = true, jobId, invoiceNumber = order!.InvoiceNumber, reprint = true }, statusCode: 202);
    }

    private static async Task<(LocalOrder? Order, IResult? Problem)> FindInvoicedAsync(Guid orderId, IDbContextFactory<AgentDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            return (null, Problem(404, "order.notFound", "找不到此筆銷售 (order not found)", $"No order {orderId} on this register."));
        if (order.InvoiceNumber is null)
            return (null, Problem(404, "invoice.none", "此筆銷售沒有發票 (this order has no invoice)", $"Order {orderId} was made without an e-invoice."));
        return (order, null);
    }

    private static IResult Problem(int status, string code, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
