using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Persistence;
using PosCloud.Core.Readiness;

namespace PosCloud.Api.Readiness;

/// <summary>Every register (heard from or not) judged by the readiness rules now; not ready first.</summary>
public sealed class ReadinessQuery(CloudDbContext db, TimeProvider time, IOptions<ReadinessOptions> options)
{
    public async Task<ReadinessReport> RunAsync(string? storeId, bool notReadyOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var registers = db.Registers.AsNoTracking();
        if (!string.IsNullOrEmpty(storeId)) registers = registers.Where(r => r.StoreId == storeId);
        var rows = await (
            from r in registers
            join s in db.Stores on r.StoreId equals s.Id
            join h in db.RegisterReadiness on r.Id equals h.RegisterId into hs
            from h in hs.DefaultIfEmpty()
            select new { r.Id, r.StoreId, StoreName = s.Name, Heartbeat = h }).ToListAsync(ct);
        var items = rows.Select(x => View(x.StoreId, x.StoreName, x.Id, x.Heartbeat, now, options.Value))
            .OrderBy(v => v.Ready).ThenBy(v => v.StoreId, StringComparer.Ordinal).ThenBy(v => v.RegisterId, StringComparer.Ordinal).ToList();
        var all = items.Count;
        var notReady = items.Count(v => !v.Ready);
        if (notReadyOnly) items = items.Where(v => !v.Ready).ToList();
        return new ReadinessReport(now, all, notReady, items);
    }

    public static ReadinessFacts Facts(RegisterReadiness? h) => h is null
        ? new ReadinessFacts(null, null, null, 0, 0, "none", null, 0)
        : new ReadinessFacts(h.ReceivedAt, h.SnapshotCheckedAt, h.InvoicePeriod, h.InvoiceNumbersLeft, h.NextPeriodInvoiceNumbers, h.PrinterState, h.PrinterMessage, h.ClockOffsetSeconds);

    public static RegisterReadinessView View(string storeId, string storeName, string registerId, RegisterReadiness? h, DateTimeOffset now, ReadinessOptions o)
    {
        var facts = Facts(h);
        var firstSeen = ReadinessRules.ParseSince(h?.ReasonsSince);
        var issues = ReadinessRules.Evaluate(facts, now, o).Select(r =>
        {
            var (zh, en) = ReadinessRules.Message(r.Reason, facts, o);
            return new ReadinessIssue(r.Reason, ReadinessRules.Since(r, firstSeen, facts.LastHeartbeatAt), zh, en);
        }).ToList();
        var since = issues.Where(i => i.Since is not null).Select(i => i.Since).Min();
        return new RegisterReadinessView(storeId, storeName, registerId, issues.Count == 0, issues.Count == 0 ? null : since, issues,
            h?.ReceivedAt, h?.AgentVersion, h?.SnapshotVersion, h?.SnapshotCheckedAt is { } c ? Math.Max(0, (now - c).TotalSeconds) : null,
            h?.InvoicePeriod, h?.InvoiceNumbersLeft, h?.NextPeriodInvoiceNumbers, h?.PrinterState, h?.QueueSize, h?.ClockOffsetSeconds);
    }
}
