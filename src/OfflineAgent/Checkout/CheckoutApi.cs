using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Checkout;

public sealed record ScanRequest(string? Sku, LineType Type = LineType.Regular);
public sealed record SignInRequest(string? StaffId);
/// <param name="ProofPrinted">A paper proof goes to the printer (not for a carrier or donated invoice, nor without a printer).</param>
/// <param name="PrintItems">列印明細: the 交易明細 slip is part of this sale's print (ticked, or a buyer with a tax id).</param>
public sealed record CompletedSale(Guid OrderId, long LocalNumber, decimal Total, decimal? ChangeDue, string? InvoiceNumber,
    string? InvoiceRandomCode = null, string? CarrierId = null, string? DonationCode = null, string? BuyerTaxId = null, bool ProofPrinted = false,
    bool PrintItems = false);

/// <summary>The checkout screen's calls: staff list, member lookup, scan, complete.</summary>
public static class CheckoutApi
{
    public static void MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/staff", (SnapshotCache s) => s.Current?.Staff ?? []);
        app.MapGet("/api/customers/lookup", LookupCustomer);
        app.MapPost("/api/session/sign-in", SignIn);
        app.MapPost("/api/checkout/scan", (ScanRequest r, CheckoutService checkout) => checkout.Scan(r.Sku, r.Type));
        app.MapPost("/api/checkout/complete", Complete);
    }

    internal static IResult LookupCustomer(string? phone, SnapshotCache snapshot)
    {
        var normalized = SaleRules.NormalizePhone(phone);
        if (normalized is null || !SaleRules.IsMobile(normalized))
            return Results.Json(new { found = false, valid = false, phone = normalized }, statusCode: 200);
        var c = snapshot.FindCustomer(normalized);
        return Results.Json(new { found = c is not null, valid = true, phone = normalized, name = c?.Name, memberLevel = c?.MemberLevel, customerId = c?.CustomerId });
    }

    internal static async Task<IResult> SignIn(SignInRequest request, SnapshotCache snapshot, IDbContextFactory<AgentDbContext> dbFactory, ILoggerFactory logs, CancellationToken ct)
    {
        var staff = snapshot.Current?.Staff.FirstOrDefault(s => s.StaffId == request.StaffId);
        if (staff is null) return Results.Json(new { ok = false, code = "staff.unknown" }, statusCode: 400);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var register = await db.Register.SingleAsync(ct);
        register.SignedInStaffId = staff.StaffId;
        await db.SaveChangesAsync(ct);
        logs.CreateLogger("PosCloud.OfflineAgent.Session").LogInformation("Staff {StaffId} {Name} signed in.", staff.StaffId, staff.Name);
        return Results.Json(new { ok = true, staff });
    }

    internal static async Task<IResult> Complete(SaleInput input, CheckoutService checkout, ReceiptPrinting printing, HttpContext http, CancellationToken ct)
    {
        var result = await checkout.CompleteAsync(input, ct);
        if (result.PinRetryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!result.Ok)
            // 409: the sale itself is fine but the register cannot issue its invoice now (state, not input).
            return Results.Json(new { ok = false, errors = result.Errors, needsManagerPin = result.NeedsManagerPin, invoiceRefused = result.InvoiceRefused },
                statusCode: result.InvoiceRefused ? 409 : 400);
        var o = result.Order!;
        return Results.Json(new { ok = true, sale = new CompletedSale(o.Id, o.LocalNumber, o.Total, result.ChangeDue, o.InvoiceNumber,
            o.InvoiceRandomCode, o.CarrierId, o.DonationCode, o.BuyerTaxId, printing.Configured && InvoiceRules.PrintsProof(o), o.PrintItems) });
    }
}
