using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;
using static PosCloud.Api.Invoices.InvoiceApiMapping;

namespace PosCloud.Api.Invoices;

/// <summary>
/// Taiwan e-invoices on the cloud side: HQ's ranges and register blocks (HQ key), what each register did with
/// its numbers (HQ key), and what the one adapter to the MOF platform needs — deadlines, F0401 content, E0402
/// blank numbers, and a place to report an upload (HQ or integrator key).
/// </summary>
public static class InvoicesApi
{
    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        var hq = api.MapGroup("").WithTags("E-invoices").RequireAuthorization(Policies.Hq);
        hq.MapPost("/invoice-ranges", InvoiceRangesApi.RegisterRange).WithName("RegisterInvoiceRange")
            .WithSummary("Register a range of invoice numbers received for a two-month period (track + from–to); it may not overlap a registered range")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        hq.MapGet("/invoice-ranges", InvoiceRangesApi.ListRanges).WithName("ListInvoiceRanges")
            .WithSummary("The registered ranges, optionally of one period (?period=11512)").ProducesProblem(403);
        hq.MapPost("/registers/{registerId}/invoice-blocks", InvoiceRangesApi.AssignBlock).WithName("AssignInvoiceBlock")
            .WithSummary("Assign a block to a register: from–to inside one registered range, or the next free `size` numbers (default 50); blocks never overlap")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        hq.MapGet("/registers/{registerId}/invoice-blocks", InvoiceRangesApi.ListBlocks).WithName("ListInvoiceBlocks")
            .WithSummary("The blocks assigned to a register").ProducesProblem(403).ProducesProblem(404);
        hq.MapGet("/registers/{registerId}/invoices", RegisterInvoices).WithName("RegisterInvoices")
            .WithSummary("Per block: numbers used, voided, blank and skipped (gaps); plus the flags raised on the register's uploads (duplicateUse, outsideBlock, malformed)")
            .ProducesProblem(403).ProducesProblem(404);

        var platform = api.MapGroup("").WithTags("E-invoices").RequireAuthorization(Policies.MasterData);
        platform.MapGet("/invoices/deadlines", Deadlines).WithName("InvoiceUploadDeadlines")
            .WithSummary("Issued invoices not yet on the MOF platform with their upload deadline, closest first (?within=1.00:00:00 keeps those due within a day, overdue included)")
            .ProducesProblem(403);
        // An invoice is (period, number): tracks repeat from period to period. The number-only routes answer only
        // while the number is unambiguous, else 409 listing the periods.
        // Readable by a register for its own store's invoices: a return at one register finds a sale made at another.
        var read = api.MapGroup("").WithTags("E-invoices").RequireAuthorization();
        read.MapGet("/invoices/{period:length(5)}/{number}", GetInvoice).WithName("GetInvoice")
            .WithSummary("One invoice by period and number, with its items as issued (printed), deadline and platform status; a register key reads its own store's only")
            .ProducesProblem(403).ProducesProblem(404);
        read.MapGet("/invoices/{number}", GetInvoiceByNumber).WithName("GetInvoiceByNumber")
            .WithSummary("One invoice by number alone; 409 listing the periods when the number was issued in more than one")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        platform.MapPost("/invoices/{period:length(5)}/{number}/platform-upload", MarkUploaded).WithName("MarkInvoiceUploaded")
            .WithSummary("Manual override: record that someone put the invoice's F0401 on the MOF platform outside PosCloud (idempotent: the first time is kept). The real path is the Turnkey delivery (GET /platform-messages): this does not change the message's delivery state")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        platform.MapPost("/invoices/{number}/platform-upload", MarkUploadedByNumber).WithName("MarkInvoiceUploadedByNumber")
            .WithSummary("As above by number alone; 409 listing the periods when ambiguous")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        platform.MapGet("/invoices/{period:length(5)}/{number}/f0401", F0401).WithName("InvoiceF0401")
            .WithSummary("The MIG F0401 (issue) XML of an issued invoice (Invoicing:MigVersion, 4.1 by default), items as issued")
            .Produces<string>(200, "application/xml").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        platform.MapGet("/invoices/{number}/f0401", F0401ByNumber).WithName("InvoiceF0401ByNumber")
            .WithSummary("As above by number alone; 409 listing the periods when ambiguous")
            .Produces<string>(200, "application/xml").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        platform.MapGet("/invoice-periods/{period}/e0402", E0402).WithName("PeriodE0402")
            .WithSummary("The E0402 blank-number XML (one document per track) of a closed period, with its due date; 409 while the period is open")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    internal static async Task<Results<Ok<RegisterInvoicesView>, ProblemHttpResult>> RegisterInvoices(
        string registerId, string? period, CloudDbContext db, CancellationToken ct)
    {
        if (!await db.Registers.AnyAsync(r => r.Id == registerId, ct))
            return TypedResults.Problem(title: "Register not found", detail: $"No register {registerId}.", statusCode: 404);
        var blocks = await db.InvoiceBlocks.AsNoTracking().Where(b => b.RegisterId == registerId && (period == null || b.Period == period))
            .OrderBy(b => b.Period).ThenBy(b => b.Track).ThenBy(b => b.From).ToListAsync(ct);
        var numbers = await db.IssuedInvoices.AsNoTracking().Where(i => i.RegisterId == registerId && (period == null || i.Period == period))
            .Select(i => new { i.Period, i.Number, i.Track, i.Serial, i.Voided }).ToListAsync(ct);
        var views = blocks.Select(b =>
        {
            var range = ToRange(b);
            // Only the block's own period: the same track and serials of another period are other invoices.
            var mine = numbers.Where(n => n.Period == b.Period && n.Track == range.Track && n.Serial >= range.From && n.Serial <= range.To).OrderBy(n => n.Serial).ToList();
            var accounted = mine.Select(n => InvoiceNumber.Parse(n.Number)).ToList();
            return new BlockUsageView(
                View(b),
                mine.Where(n => !n.Voided).Select(n => n.Number).ToList(),
                mine.Where(n => n.Voided).Select(n => n.Number).ToList(),
                BlankNumbers.Find([range], accounted).Select(View).ToList(),
                NumberRangeRules.Gaps(range, accounted).Select(n => n.ToString()).ToList());
        }).ToList();
        var flags = await db.InvoiceFlags.AsNoTracking().Where(f => f.RegisterId == registerId && (period == null || f.Period == period)).OrderBy(f => f.Id).ToListAsync(ct);
        return TypedResults.Ok(new RegisterInvoicesView(registerId, views, flags.Select(View).ToList()));
    }

    internal static async Task<Ok<List<InvoiceDeadlineView>>> Deadlines(TimeSpan? within, int? limit, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var take = Math.Clamp(limit ?? 500, 1, 5000);
        var pending = db.IssuedInvoices.AsNoTracking().Where(i => i.UploadedToPlatformAt == null && i.OrderId != null && i.UploadDeadline != null);
        if (within is { } w)
        {
            var until = now + w;
            pending = pending.Where(i => i.UploadDeadline <= until);
        }
        var rows = await pending.OrderBy(i => i.UploadDeadline).ThenBy(i => i.Period).ThenBy(i => i.Number).Take(take).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(i => new InvoiceDeadlineView(
            i.Number, i.StoreId, i.RegisterId, i.OrderId!.Value, i.IssuedAt, i.BuyerTaxId is not null, i.Voided,
            i.UploadDeadline!.Value, i.UploadDeadline < now, i.Period)).ToList());
    }

    /// <summary>The stored invoice of (period, number); or of the number alone when only one period has it.</summary>
    private static async Task<(IssuedInvoice? Row, ProblemHttpResult? Problem)> FindAsync(CloudDbContext db, string? period, string number, bool tracked, CancellationToken ct)
    {
        var query = (tracked ? db.IssuedInvoices : db.IssuedInvoices.AsNoTracking()).Include(i => i.Items).Where(i => i.Number == number);
        if (period is not null) query = query.Where(i => i.Period == period);
        var rows = await query.OrderBy(i => i.Period).Take(10).ToListAsync(ct);
        if (rows.Count == 0)
            return (null, TypedResults.Problem(title: "Invoice not found",
                detail: period is null ? $"No invoice {number} has been uploaded by a register." : $"No invoice {number} of period {period} has been uploaded by a register.", statusCode: 404));
        if (rows.Count > 1)
        {
            var periods = rows.Select(r => r.Period).ToList();
            return (null, TypedResults.Problem(title: "Number used in several periods",
                detail: $"{number} was issued in periods {string.Join(", ", periods)}; tracks repeat from period to period, so name the period: /api/v1/invoices/{{period}}/{number}.",
                statusCode: 409, extensions: new Dictionary<string, object?> { ["periods"] = periods }));
        }
        return (rows[0], null);
    }

    internal static Task<Results<Ok<InvoiceView>, ProblemHttpResult>> GetInvoice(string period, string number, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct) =>
        GetInvoiceCore(period, number, user, db, ct);

    internal static Task<Results<Ok<InvoiceView>, ProblemHttpResult>> GetInvoiceByNumber(string number, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct) =>
        GetInvoiceCore(null, number, user, db, ct);

    private static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> GetInvoiceCore(string? period, string number, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(db, period, number, tracked: false, ct);
        if (row is null) return problem!;
        if (!user.CanAccessStore(row.StoreId))
            return TypedResults.Problem(title: "Another store's invoice", detail: "A register key reads only its own store's invoices.", statusCode: 403);
        var message = await db.PlatformMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Kind == PosCloud.Core.Invoices.PlatformMessageKinds.Issue && m.Period == row.Period && m.DocumentNumber == row.Number, ct);
        return TypedResults.Ok(View(row, message));
    }

    internal static Task<Results<Ok<PlatformUploadView>, ProblemHttpResult>> MarkUploaded(string period, string number, CloudDbContext db, TimeProvider time, CancellationToken ct) =>
        MarkUploadedCore(period, number, db, time, ct);

    internal static Task<Results<Ok<PlatformUploadView>, ProblemHttpResult>> MarkUploadedByNumber(string number, CloudDbContext db, TimeProvider time, CancellationToken ct) =>
        MarkUploadedCore(null, number, db, time, ct);

    private static async Task<Results<Ok<PlatformUploadView>, ProblemHttpResult>> MarkUploadedCore(string? period, string number, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(db, period, number, tracked: false, ct);
        if (row is null) return problem!;
        var now = time.GetUtcNow();
        // Only the first report sets the time; a repeated report answers with it.
        await db.IssuedInvoices.Where(i => i.Period == row.Period && i.Number == row.Number && i.OrderId != null && i.UploadedToPlatformAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UploadedToPlatformAt, now), ct);
        var at = await db.IssuedInvoices.AsNoTracking().Where(i => i.Period == row.Period && i.Number == row.Number).Select(i => i.UploadedToPlatformAt).FirstAsync(ct);
        if (at is not { } uploaded)
            return TypedResults.Problem(title: "Not an issued invoice", detail: $"{number} (period {row.Period}) was only reported voided (never issued with a sale); there is no F0401 to upload.", statusCode: 409);
        return TypedResults.Ok(new PlatformUploadView(number, uploaded, row.Period));
    }

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> F0401(
        string period, string number, CloudDbContext db, IOptions<InvoicingOptions> options, CancellationToken ct) =>
        F0401Core(period, number, db, options.Value, ct);

    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> F0401ByNumber(
        string number, CloudDbContext db, IOptions<InvoicingOptions> options, CancellationToken ct) =>
        F0401Core(null, number, db, options.Value, ct);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> F0401Core(
        string? period, string number, CloudDbContext db, InvoicingOptions options, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(db, period, number, tracked: false, ct);
        if (row is null) return problem!;
        var xml = await F0401XmlAsync(db, row, options, ct);
        return xml.Problem is { } p ? p : TypedResults.Text(xml.Xml, "application/xml; charset=utf-8");
    }

    /// <summary>The F0401 of a stored invoice (items as issued); a problem when it was never issued or is incomplete.</summary>
    internal static async Task<(string Xml, ProblemHttpResult? Problem)> F0401XmlAsync(CloudDbContext db, IssuedInvoice row, InvoicingOptions options, CancellationToken ct)
    {
        if (row.OrderId is not { } orderId)
            return ("", TypedResults.Problem(title: "Not an issued invoice", detail: $"{row.Number} (period {row.Period}) was only reported voided (never issued with a sale).", statusCode: 409));
        if (row.RandomCode is null)
            return ("", TypedResults.Problem(title: "Invoice incomplete", detail: $"{row.Number} arrived without a valid 4-digit random code (see the register's malformed flags); no F0401 can be built.", statusCode: 409));
        // The order's lines are read only for an invoice sent without its printed items (older registers).
        // The order may still be waiting for its worker: then its lines are those it was uploaded with.
        var order = row.AsIssued ? null : await OrderHeaders.FindAsync(db, orderId, withPayments: false, ct)
            ?? throw new InvalidOperationException($"Invoice {row.Number} names order {orderId}, which is in neither Orders nor ReceivedOrders.");
        // The same build the Turnkey message gets (PlatformMessageBuilder): what the endpoint shows is what is handed over.
        return (PlatformMessageBuilder.F0401Xml(row, order, options, await StoreSellerAsync(db, row.StoreId, options, ct))!, null);
    }

    /// <summary>
    /// The store's seller from master data, else the business's. The F0401 uses it only for an invoice whose register did
    /// not send the seller it printed (the proof is what counts, whatever master data says today).
    /// </summary>
    internal static async Task<InvoiceParty> StoreSellerAsync(CloudDbContext db, string storeId, InvoicingOptions options, CancellationToken ct)
    {
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => new { s.SellerTaxId, s.SellerName }).FirstOrDefaultAsync(ct);
        return StoreSeller.Resolve(store?.SellerTaxId, store?.SellerName, options.SellerId, options.SellerName);
    }

    internal static async Task<Results<Ok<E0402View>, ProblemHttpResult>> E0402(
        string period, CloudDbContext db, IOptions<InvoicingOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (!InvoicePeriod.TryParse(period, out var p))
            return TypedResults.Problem(title: "Bad period", detail: $"'{period}' is not a period code: ROC year (3 digits) + even end month, e.g. 11510.", statusCode: 400);
        var today = TaiwanTime.Today(time);
        var due = TaiwanTime.Instant(UploadDeadline.ForBlankNumbers(p));
        if (today <= p.LastDay)
            return TypedResults.Problem(title: "Period still open",
                detail: $"Period {p.Code} ({p.Label}) runs until {p.LastDay:yyyy-MM-dd}; its blank numbers are known only once it closes (E0402 is due by the end of {due.AddDays(-1):yyyy-MM-dd}).",
                statusCode: 409);
        if (!await db.InvoiceNumberRanges.AnyAsync(r => r.Period == p.Code, ct))
            return TypedResults.Problem(title: "No ranges", detail: $"No number range is registered for period {p.Code}.", statusCode: 404);
        // The same documents the Turnkey delivery hands over: one per (seller, track).
        var head = options.Value.SellerId;
        var blanks = await BlankNumbersScheduler.BlanksAsync(db, p, head, ct);
        var runs = blanks.ToLookup(b => PlatformMessageBuilder.BlankNumbersDocument(b.Run.Track, b.Owner, head));
        var documents = PlatformMessageBuilder.BlankNumbers(p, blanks, options.Value, time.GetUtcNow())
            .Select(m =>
            {
                var own = runs[m.DocumentNumber].ToList();
                return new E0402Document(own[0].Run.Track, own.Select(x => View(x.Run)).ToList(), m.Xml!, own[0].Owner);
            })
            .ToList();
        return TypedResults.Ok(new E0402View(p.Code, documents, due));
    }
}
