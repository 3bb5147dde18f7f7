using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Auth;
using PosCloud.Api.Invoices;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Returns;

/// <summary>
/// The chain-wide, narrow read a register needs to take back a sale made at another store of the business: found by
/// the invoice on the customer's proof, answered with only what a return uses (<see cref="ReturnableSales"/>).
/// Every store in one PosCloud cloud belongs to one business (one Invoicing:SellerId, one Turnkey; a store with its
/// own 統一編號 is a branch of it), so "same business" is every store here; there is no chain entity to narrow it.
/// </summary>
public static partial class ReturnableSalesApi
{
    private const string Description =
        "For a return at any store of the business: a register key may read a sale of ANOTHER store here (and only here), " +
        "found by the invoice printed on the customer's proof. The answer carries only what a return needs — lines and " +
        "charged prices, payment methods and amounts (a card reference only as its last 4 characters), the invoice as " +
        "printed (period, number, issue time, a company buyer's 統一編號, carrier KIND, donated or not, the seller), what " +
        "earlier returns took back, net amounts. It NEVER carries the customer's phone, the staff who sold, the carrier's id " +
        "or any other personal data. Abuse bound: a key can only enumerate by guessing (period, invoice number) pairs; " +
        "every read of another store's sale is logged with the reading store and register.";

    public static RouteGroupBuilder MapReturnableSalesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/returnable-sales").WithTags("Returns").RequireAuthorization();
        group.MapGet("/{period}/{invoiceNumber}", GetByInvoice).WithName("GetReturnableSale")
            .WithSummary("A sale of any store of the business, by the invoice on its proof, with only what a return needs (no customer data)")
            .WithDescription(Description)
            .ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/{invoiceNumber}", GetByNumber).WithName("GetReturnableSaleByNumber")
            .WithSummary("As above by the invoice number alone (typed at the counter); 409 listing the periods when the number was used in several")
            .WithDescription(Description)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    internal static Task<Results<Ok<ReturnableSaleView>, ProblemHttpResult>> GetByInvoice(
        string period, string invoiceNumber, ClaimsPrincipal user, CloudDbContext db, IOptions<InvoicingOptions> options, ILoggerFactory logs, CancellationToken ct) =>
        FindAsync(period, invoiceNumber, user, db, options.Value, logs, ct);

    internal static Task<Results<Ok<ReturnableSaleView>, ProblemHttpResult>> GetByNumber(
        string invoiceNumber, ClaimsPrincipal user, CloudDbContext db, IOptions<InvoicingOptions> options, ILoggerFactory logs, CancellationToken ct) =>
        FindAsync(null, invoiceNumber, user, db, options.Value, logs, ct);

    private static async Task<Results<Ok<ReturnableSaleView>, ProblemHttpResult>> FindAsync(
        string? period, string invoiceNumber, ClaimsPrincipal user, CloudDbContext db, InvoicingOptions options, ILoggerFactory logs, CancellationToken ct)
    {
        if (period is not null && !InvoicePeriod.TryParse(period, out _))
            return Problem(400, "Bad period", "period", "period is an invoice period code: ROC year (3 digits) + the period's even end month, e.g. 11512.");
        if (!InvoiceNumber.IsValid(invoiceNumber))
            return Problem(400, "Bad invoice number", "invoiceNumber", "invoiceNumber is two capital letters and 8 digits, e.g. AB12345678 (no dash).");

        var query = db.IssuedInvoices.AsNoTracking().Where(i => i.Number == invoiceNumber && i.OrderId != null);
        if (period is not null) query = query.Where(i => i.Period == period);
        var invoices = await query.OrderBy(i => i.Period).Take(10).ToListAsync(ct);
        if (invoices.Count == 0)
            return Problem(404, "Invoice not found", "invoiceNumber", period is null
                ? $"No sale with invoice {invoiceNumber} has been uploaded by any store."
                : $"No sale with invoice {invoiceNumber} of period {period} has been uploaded by any store.");
        if (invoices.Count > 1)
            return TypedResults.Problem(title: "Number used in several periods", statusCode: 409,
                detail: $"{invoiceNumber} was issued in periods {string.Join(", ", invoices.Select(i => i.Period))}; scan the proof's barcode or name the period.",
                extensions: new Dictionary<string, object?> { ["field"] = "period", ["periods"] = invoices.Select(i => i.Period).ToList() });
        var invoice = invoices[0];

        // Final, or still waiting for its worker (a sale uploaded seconds ago is returnable too: issue 15's reads).
        var order = await OrderHeaders.FindAsync(db, invoice.OrderId!.Value, withPayments: true, ct);
        if (order is null)
            // A replacement invoice can be recorded before its original sale's upload has landed.
            return Problem(404, "Sale not found", "invoiceNumber", $"Invoice {invoiceNumber} is known but its sale has not reached the cloud yet; try again later.");
        var returns = await db.Returns.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == order.Id)
            .OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == order.StoreId)
            .Select(s => new { s.Name, s.SellerTaxId, s.SellerName }).FirstOrDefaultAsync(ct);
        var seller = F0401Content.SellerAsIssued(invoice,
            Invoicing.Invoices.StoreSeller.Resolve(store?.SellerTaxId, store?.SellerName, options.SellerId, options.SellerName));

        var caller = user.StoreOf();
        if (caller is not null && caller != order.StoreId)
            LogCrossStoreRead(logs.CreateLogger(typeof(ReturnableSalesApi)), caller, user.RegisterOf() ?? "", order.StoreId, invoice.Period, invoice.Number, order.Id);
        return TypedResults.Ok(ReturnableSales.View(order, store?.Name ?? order.StoreId, invoice, seller, returns));
    }

    private static ProblemHttpResult Problem(int status, string title, string field, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["field"] = field });

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Cross-store returnable-sale read: store {ReaderStoreId} register {ReaderRegisterId} read sale {OrderId} of store {SaleStoreId} (invoice {Period}/{InvoiceNumber})")]
    private static partial void LogCrossStoreRead(ILogger logger, string readerStoreId, string readerRegisterId, string saleStoreId, string period, string invoiceNumber, Guid orderId);
}
