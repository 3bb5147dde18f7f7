using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using static PosCloud.Api.Invoices.InvoiceApiMapping;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The dashboard's 電子發票上傳 page data (viewer): how many messages are due today, overdue and in error, with the
/// lists. Same filters as GET /api/v1/platform-messages (<see cref="PlatformMessagesApi.Filter"/>).
/// </summary>
public static class PlatformMessagesDashboard
{
    public const int ListLimit = 200;

    /// <param name="Overdue">Past due and not uploaded, most overdue first (the page shows them first, escalated).</param>
    /// <param name="Errors">Refused by Turnkey's XML check or by the platform, with the code and text.</param>
    public sealed record UploadsPage(
        DateTimeOffset GeneratedAt, int DueTodayCount, int OverdueCount, int ErrorCount,
        IReadOnlyList<PlatformMessageView> Overdue, IReadOnlyList<PlatformMessageView> DueToday, IReadOnlyList<PlatformMessageView> Errors);

    public static WebApplication MapPlatformMessagesDashboard(this WebApplication app)
    {
        app.MapGroup("/dashboard/api").RequireAuthorization(DashboardPolicies.View).ExcludeFromDescription()
            .MapGet("/einvoice-uploads", PageAsync);
        return app;
    }

    public static async Task<UploadsPage> PageAsync(CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = db.PlatformMessages.AsNoTracking();
        var today = PlatformMessagesApi.Filter(all, null, "today", now);
        var overdue = PlatformMessagesApi.Filter(all, null, "overdue", now);
        var errors = PlatformMessagesApi.Filter(all, PlatformMessageStates.Error, null, now);
        async Task<List<PlatformMessageView>> ListAsync(IQueryable<PlatformMessage> q) =>
            (await q.OrderBy(m => m.DueAt).ThenBy(m => m.Id).Take(ListLimit).ToListAsync(ct)).Select(m => View(m, now)).ToList();
        var errorList = await ListAsync(errors);
        return new UploadsPage(now, await today.CountAsync(ct), await overdue.CountAsync(ct), await errors.CountAsync(ct),
            await ListAsync(overdue), await ListAsync(today),
            // Overdue errors first: the same escalation as the overdue list.
            errorList.OrderByDescending(e => e.Overdue).ThenBy(e => e.DueAt).ToList());
    }
}
