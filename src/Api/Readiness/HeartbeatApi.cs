using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Persistence;
using PosCloud.Core.Readiness;

namespace PosCloud.Api.Readiness;

/// <summary>POST /api/v1/registers/{registerId}/heartbeat: a register key reports its own readiness every minute.</summary>
public static class HeartbeatApi
{
    private static readonly string[] PrinterStates = ["none", "ok", "warning", "error"];

    internal static async Task<Results<Ok<HeartbeatAnswer>, ProblemHttpResult, ForbidHttpResult>> PostHeartbeat(
        string registerId, RegisterHeartbeat heartbeat, ClaimsPrincipal user, CloudDbContext db, TimeProvider time, IOptions<ReadinessOptions> options, CancellationToken ct)
    {
        if (user.RegisterOf() != registerId) return TypedResults.Forbid();
        if (Problem(heartbeat) is { } problem) return problem;
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.RegisterReadiness.FirstOrDefaultAsync(r => r.RegisterId == registerId, ct);
            if (row is null)
            {
                row = new RegisterReadiness { RegisterId = registerId, StoreId = user.StoreOf()! };
                db.RegisterReadiness.Add(row);
            }
            Apply(row, heartbeat, now);
            var facts = ReadinessQuery.Facts(row);
            var raised = ReadinessRules.Evaluate(facts, now, options.Value);
            row.ReasonsSince = ReadinessRules.FormatSince(ReadinessRules.Track(ReadinessRules.ParseSince(row.ReasonsSince), raised.Select(r => r.Reason), now));
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new HeartbeatAnswer(now, raised.Count == 0, raised.Select(r => r.Reason.ToString()).ToList()));
            }
            // Two heartbeats of a new register at once: the second insert loses; it updates the winner's row instead.
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static void Apply(RegisterReadiness row, RegisterHeartbeat h, DateTimeOffset now)
    {
        row.ReceivedAt = now;
        row.SentAt = h.SentAt;
        row.SnapshotVersion = h.SnapshotVersion?.Trim();
        // Ages, not the register's timestamps: its clock may be wrong, the cloud's is the reference.
        row.SnapshotCheckedAt = h.SnapshotAgeSeconds is { } age ? now - TimeSpan.FromSeconds(age) : null;
        row.InvoicePeriod = h.InvoicePeriod;
        row.InvoiceNumbersLeft = h.InvoiceNumbersLeft;
        row.NextPeriodInvoiceNumbers = h.NextPeriodInvoiceNumbers;
        row.PrinterState = h.PrinterState.ToLowerInvariant();
        row.PrinterMessage = h.PrinterMessage is { Length: > 500 } m ? m[..500] : h.PrinterMessage;
        row.QueueSize = h.QueueSize;
        // Before the register has measured its offset, the cloud's own estimate (ignores network delay, seconds at most).
        row.ClockOffsetSeconds = h.ClockOffsetSeconds ?? (now - h.SentAt).TotalSeconds;
        row.AgentVersion = h.AgentVersion.Trim();
    }

    /// <summary>Every field checked against what is stored; the first bad one is named.</summary>
    public static ProblemHttpResult? Problem(RegisterHeartbeat? h)
    {
        static ProblemHttpResult Bad(string field, string detail) =>
            TypedResults.Problem(title: $"{field} is invalid", detail: detail, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
        if (h is null) return Bad("body", "Send a heartbeat JSON object.");
        if (h.SentAt == default) return Bad("sentAt", "sentAt is required (the register's clock).");
        if (h.SnapshotVersion is { Length: > 100 }) return Bad("snapshotVersion", "snapshotVersion is at most 100 characters.");
        if (h.SnapshotAgeSeconds is < 0 or > 3_650 * 86_400.0 || h.SnapshotAgeSeconds is double.NaN) return Bad("snapshotAgeSeconds", "snapshotAgeSeconds must be 0 or more (and under 10 years).");
        if (h.InvoicePeriod is not null && !PosCloud.Invoicing.Numbers.InvoicePeriod.TryParse(h.InvoicePeriod, out _)) return Bad("invoicePeriod", "invoicePeriod is a period code like 11512 (ROC year + even end month).");
        if (h.InvoiceNumbersLeft < 0) return Bad("invoiceNumbersLeft", "invoiceNumbersLeft must be 0 or more.");
        if (h.NextPeriodInvoiceNumbers < 0) return Bad("nextPeriodInvoiceNumbers", "nextPeriodInvoiceNumbers must be 0 or more.");
        if (h.PrinterState is null || !PrinterStates.Contains(h.PrinterState.ToLowerInvariant())) return Bad("printerState", "printerState must be none, ok, warning or error.");
        if (h.QueueSize < 0) return Bad("queueSize", "queueSize must be 0 or more.");
        if (h.ClockOffsetSeconds is { } c && (double.IsNaN(c) || Math.Abs(c) > 3_650 * 86_400.0)) return Bad("clockOffsetSeconds", "clockOffsetSeconds must be a number of seconds.");
        if (string.IsNullOrWhiteSpace(h.AgentVersion) || h.AgentVersion.Trim().Length > 64) return Bad("agentVersion", "agentVersion is required, at most 64 characters.");
        return null;
    }
}
