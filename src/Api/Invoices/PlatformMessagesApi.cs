using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Invoicing.Numbers;
using static PosCloud.Api.Invoices.InvoiceApiMapping;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The messages owed to the MOF platform and where their Turnkey delivery stands (HQ and integrators read; HQ
/// resends a corrected message). The delivery itself is the workers' (PosCloud.Reconciliation.Turnkey).
/// </summary>
public static class PlatformMessagesApi
{
    public static RouteGroupBuilder MapPlatformMessagesApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/platform-messages").WithTags("E-invoices").RequireAuthorization(Policies.MasterData);
        read.MapGet("", List).WithName("ListPlatformMessages")
            .WithSummary("Messages owed to the MOF platform with their delivery state (?state=Pending|HandedOver|Uploaded|Error, ?due=today|overdue, ?kind=F0401, ?period=11512); overdue first, then by due time")
            .ProducesValidationProblem().ProducesProblem(403);
        read.MapGet("/{id:long}", Get).WithName("GetPlatformMessage")
            .WithSummary("One message's delivery state, with the platform's or Turnkey's code and text when it failed").ProducesProblem(403).ProducesProblem(404);
        var hq = api.MapGroup("/platform-messages").WithTags("E-invoices").RequireAuthorization(Policies.Hq);
        hq.MapPost("/{id:long}/resend", Resend).WithName("ResendPlatformMessage")
            .WithSummary("After a correction: rebuild the message from the stored data (F0401 from the invoice as issued, E0402 from the period's blanks) and queue it for Turnkey again. Only a message in Error")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    public const int MaxListed = 1000;

    internal static async Task<Results<Ok<List<PlatformMessageView>>, ValidationProblem>> List(
        string? state, string? due, string? kind, string? period, int? limit, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !PlatformMessageStates.All.Contains(state)) errors["state"] = [$"state must be one of {string.Join(", ", PlatformMessageStates.All)}."];
        if (due is not null && due is not ("today" or "overdue")) errors["due"] = ["due must be today (due by the end of today, Taiwan time, not yet uploaded) or overdue (past due, not uploaded)."];
        if (kind is { Length: > PlatformMessageKinds.MaxLength }) errors["kind"] = ["kind is a MIG message name such as F0401."];
        if (period is { Length: > 5 }) errors["period"] = ["period is ROC year + even month, e.g. 11512."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow();
        var query = Filter(db.PlatformMessages.AsNoTracking(), state, due, now);
        if (kind is not null) query = query.Where(m => m.Kind == kind);
        if (period is not null) query = query.Where(m => m.Period == period);
        var rows = await query.OrderBy(m => m.DueAt).ThenBy(m => m.Id).Take(Math.Clamp(limit ?? 500, 1, MaxListed)).ToListAsync(ct);
        // Overdue first (escalation), each group by due time.
        return TypedResults.Ok(rows.Select(m => View(m, now)).OrderByDescending(v => v.Overdue).ThenBy(v => v.DueAt).ThenBy(v => v.Id).ToList());
    }

    /// <summary>?state and ?due as a query: due=today is due by the end of today (Taiwan) and not past, due=overdue is past due; both not uploaded.</summary>
    public static IQueryable<PlatformMessage> Filter(IQueryable<PlatformMessage> query, string? state, string? due, DateTimeOffset now)
    {
        if (state is not null) query = query.Where(m => m.State == state);
        var endOfToday = EndOfTaiwanDay(now);
        return due switch
        {
            "today" => query.Where(m => m.State != PlatformMessageStates.Uploaded && m.DueAt >= now && m.DueAt <= endOfToday),
            "overdue" => query.Where(m => m.State != PlatformMessageStates.Uploaded && m.DueAt < now),
            _ => query,
        };
    }

    public static DateTimeOffset EndOfTaiwanDay(DateTimeOffset now) =>
        TaiwanTime.Instant(TaiwanTime.Local(now).Date.AddDays(1)).ToUniversalTime();

    internal static async Task<Results<Ok<PlatformMessageView>, ProblemHttpResult>> Get(long id, CloudDbContext db, TimeProvider time, CancellationToken ct) =>
        await db.PlatformMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } m
            ? TypedResults.Ok(View(m, time.GetUtcNow()))
            : NotFound(id);

    internal static async Task<Results<Ok<PlatformMessageView>, ProblemHttpResult>> Resend(
        long id, CloudDbContext db, IOptions<InvoicingOptions> options, TimeProvider time, CancellationToken ct)
    {
        var m = await db.PlatformMessages.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NotFound(id);
        if (m.State != PlatformMessageStates.Error)
            return TypedResults.Problem(title: "Not in error", statusCode: 409,
                detail: $"Message {id} ({m.Kind} {m.DocumentNumber}) is {m.State}; only a message the platform or Turnkey refused is resent (a second hand-over of a pending or uploaded message would be a duplicate, E0201).");
        var xml = await RebuildAsync(db, m, options.Value, ct);
        if (xml is not null) m.Xml = xml;
        var handedOverAt = m.HandedOverAt;
        m.State = PlatformMessageStates.Pending;
        m.ResultCode = null;
        m.ResultText = null;
        m.ResolvedAt = null;
        // Only while it is still the same refused message (two HQ users pressing resend at once queue it once).
        var n = await db.PlatformMessages.Where(x => x.Id == id && x.State == PlatformMessageStates.Error && x.HandedOverAt == handedOverAt)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, PlatformMessageStates.Pending).SetProperty(x => x.Xml, m.Xml)
                .SetProperty(x => x.ResultCode, (string?)null).SetProperty(x => x.ResultText, (string?)null).SetProperty(x => x.ResolvedAt, (DateTimeOffset?)null), ct);
        if (n == 0)
            return TypedResults.Problem(title: "Already resent", detail: $"Message {id} was resent or changed meanwhile.", statusCode: 409);
        return TypedResults.Ok(View(m, time.GetUtcNow()));
    }

    /// <summary>The message built again from what is stored now; null keeps the stored XML (messages another part builds).</summary>
    private static async Task<string?> RebuildAsync(CloudDbContext db, PlatformMessage m, InvoicingOptions options, CancellationToken ct)
    {
        switch (m.Kind)
        {
            case PlatformMessageKinds.Issue:
                var invoice = await db.IssuedInvoices.AsNoTracking().Include(i => i.Items).FirstOrDefaultAsync(i => i.Period == m.Period && i.Number == m.DocumentNumber, ct);
                if (invoice is null) return null;
                var (xml, problem) = await InvoicesApi.F0401XmlAsync(db, invoice, options, ct);
                return problem is null ? xml : null;
            case PlatformMessageKinds.BlankNumbers when InvoicePeriod.TryParse(m.Period, out var period):
                var blanks = await BlankNumbersScheduler.BlanksAsync(db, period, options.SellerId, ct);
                return PlatformMessageBuilder.BlankNumbers(period, blanks, options, DateTimeOffset.MinValue)
                    .FirstOrDefault(x => x.DocumentNumber == m.DocumentNumber)?.Xml;
            default:
                return null;
        }
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(title: "Message not found", detail: $"No platform message {id}.", statusCode: 404);
}
