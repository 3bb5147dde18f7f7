using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Batches;
using PosCloud.Api.Invoices;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Core.Returns;

namespace PosCloud.Api.Returns;

/// <summary>
/// The returns of an upload, added to the caller's unit of work so they commit in the batch's transaction with the
/// orders: the return rows, the invoice changes they made (a cancelled invoice marked voided, a replacement invoice
/// recorded as an issued invoice of the original order through <see cref="IssuedInvoiceRecorder"/>) and the
/// messages owed to the platform (<see cref="ReturnPlatformMessages"/>), new invoices and messages in the upload's
/// <see cref="NewInvoiceRows"/>. The primary key on ReturnId is the
/// exactly-once guard: a concurrent upload of the same return fails the save with a unique violation, the batch is
/// retried, and the retry answers Duplicate from what is stored.
/// </summary>
public sealed class ReturnIntake(CloudDbContext db, IssuedInvoiceRecorder invoices, IOptions<InvoicingOptions> invoicing)
{
    /// <param name="Accepted">Returns stored by this upload.</param>
    /// <param name="ToProcess">What the worker must look at: the accepted returns and the returns whose allowance this upload cancelled.</param>
    public sealed record Outcome(IReadOnlyList<ReturnUploadResult> Results, IReadOnlyList<Guid> Accepted, IReadOnlyList<Guid> ToProcess);

    public async Task<Outcome> AddAsync(UploadBatchRequest request, UploadLimits limits, IReadOnlySet<string> staff, NewInvoiceRows rows, DateTimeOffset now, CancellationToken ct)
    {
        var returns = request.Returns ?? [];
        if (returns.Count == 0) return new Outcome([], [], []);
        var ids = returns.Where(r => r is not null).Select(r => r.ReturnId).Where(id => id != Guid.Empty).Distinct().ToList();
        var existing = await db.Returns.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Status, r.StoreId, r.AllowanceNumber, CancelId = r.AllowanceCancel != null ? r.AllowanceCancel.Id : (Guid?)null })
            .ToDictionaryAsync(r => r.Id, ct);

        // Originals the cloud has (stored, or in this batch's tracked orders): a return of any other waits, and says so from its first answer.
        var originalIds = returns.Where(r => r is not null).Select(r => r.OrderId).Distinct().ToList();
        var originals = (await db.Orders.AsNoTracking().Where(o => originalIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct))
            .Concat((request.Orders ?? []).Where(o => o is not null).Select(o => o.OrderId)).ToHashSet();
        var results = new ReturnUploadResult[returns.Count];
        var seen = new HashSet<Guid>();
        var accepted = new List<Guid>();
        var cancelled = new List<Guid>();
        for (var i = 0; i < returns.Count; i++)
        {
            var r = returns[i];
            if (r is null)
            {
                results[i] = Rejected(Guid.Empty, [new FieldError($"returns[{i}]", "A return is null.")]);
                continue;
            }
            if (r.ReturnId != Guid.Empty && existing.TryGetValue(r.ReturnId, out var known) && seen.Add(r.ReturnId))
            {
                if (known.StoreId != request.StoreId)
                {
                    results[i] = Rejected(r.ReturnId, [new FieldError($"returns[{i}].returnId", "This returnId belongs to another store's return.")]);
                    continue;
                }
                var sentAgain = r.CancelledAllowance is null ? null
                    : await AddAllowanceCancelAsync(request, r, i, known.AllowanceNumber, known.CancelId, limits, staff, rows, now, cancelled, ct);
                results[i] = new ReturnUploadResult(r.ReturnId, UploadOutcome.Duplicate, known.Status, [], sentAgain);
                continue;
            }
            var errors = ReturnValidator.Validate(r, i, limits, now, staff, seen);
            if (errors.Count > 0)
            {
                results[i] = Rejected(r.ReturnId, errors) with
                {
                    AllowanceCancel = r.CancelledAllowance is { } c
                        ? new(c.CancelId, UploadOutcome.Rejected, [new FieldError($"returns[{i}]", "The return itself was refused, so its allowance cancel was not stored.")])
                        : null,
                };
                continue;
            }
            var problem = await AddInvoiceChangesAsync(request, r, rows, now, ct);
            var entity = ToEntity(request, r, problem, now);
            if (!originals.Contains(r.OrderId)) entity.StatusReason = Contracts.Orders.ReturnStatusReasons.WaitingForOriginal;
            db.Returns.Add(entity);
            accepted.Add(r.ReturnId);
            // A return whose allowance was cancelled before it was ever sent: both in this one transaction.
            var cancel = r.CancelledAllowance is null ? null
                : await AddAllowanceCancelAsync(request, r, i, r.Allowance?.Number, null, limits, staff, rows, now, cancelled, ct);
            results[i] = new ReturnUploadResult(r.ReturnId, UploadOutcome.Accepted, OrderStatus.Received, [], cancel);
        }
        return new Outcome(results, accepted, accepted.Concat(cancelled).Distinct().ToList());
    }

    /// <summary>
    /// The return's allowance cancel (作廢折讓): exactly once by CancelId (the read answers a resend; the primary key and
    /// the unique ReturnId refuse a concurrent second one, the batch is retried and lands on the read), with its G0501
    /// in the same transaction. A bad cancel is refused alone, naming its field; the return's own result stands.
    /// </summary>
    private async Task<AllowanceCancelUploadResult> AddAllowanceCancelAsync(UploadBatchRequest batch, OfflineReturn r, int index, string? allowanceNumber,
        Guid? storedCancelId, UploadLimits limits, IReadOnlySet<string> staff, NewInvoiceRows rows, DateTimeOffset now, List<Guid> cancelled, CancellationToken ct)
    {
        var c = r.CancelledAllowance!;
        if (storedCancelId is { } stored)
            return stored == c.CancelId
                ? new(c.CancelId, UploadOutcome.Duplicate, [])
                : new(c.CancelId, UploadOutcome.Rejected, [new FieldError($"returns[{index}].cancelledAllowance.cancelId", $"The allowance {allowanceNumber} was already cancelled (cancel {stored}).")]);
        var errors = ReturnValidator.ValidateAllowanceCancel(r, index, allowanceNumber, limits, now, staff);
        if (errors.Count > 0) return new(c.CancelId, UploadOutcome.Rejected, errors);
        // The allowance's seller, as on its G0401: the original invoice's (another store's, for a cross-store return).
        var original = await OriginalInvoiceAsync(r.Allowance!, rows, ct);
        var built = ReturnPlatformMessages.CancelAllowance(c, r.Allowance!, batch.StoreId, invoicing.Value, now, await SellerOfAsync(original, batch.StoreId, ct));
        if (built.Problem is { } p) return new(c.CancelId, UploadOutcome.Rejected, [new FieldError($"returns[{index}].cancelledAllowance", p)]);
        // The same cancel id used for another return's cancel is that return's; refused, never a second row.
        if (await db.ReturnAllowanceCancels.AnyAsync(x => x.Id == c.CancelId, ct))
            return new(c.CancelId, UploadOutcome.Rejected, [new FieldError($"returns[{index}].cancelledAllowance.cancelId", "This cancelId belongs to another return's allowance cancel.")]);
        db.ReturnAllowanceCancels.Add(new ReturnAllowanceCancel
        {
            Id = c.CancelId, ReturnId = r.ReturnId, AllowanceNumber = c.AllowanceNumber, BatchId = batch.BatchId, StoreId = batch.StoreId,
            CancelledAt = c.CancelledAt.ToUniversalTime(), StaffId = c.StaffId, Reason = c.Reason.Trim(), ApprovedBy = c.ApprovedBy.Trim(),
            RefundTakenBack = c.RefundTakenBack, ReceivedAt = now,
        });
        // The G0501 is owed once per allowance: a message already there (a concurrent upload) fails the save and the retry answers Duplicate.
        rows.Messages.Add(built.Message!);
        cancelled.Add(r.ReturnId);
        return new(c.CancelId, UploadOutcome.Accepted, []);
    }

    /// <summary>Adds the invoice side of a valid return; returns what could not be done (the return then needs review), or null.</summary>
    private async Task<string?> AddInvoiceChangesAsync(UploadBatchRequest batch, OfflineReturn r, NewInvoiceRows rows, DateTimeOffset now, CancellationToken ct)
    {
        var options = invoicing.Value;
        var problems = new List<string>();
        if (r.CancelledInvoice is { } cancel)
        {
            // Tracked when stored: voiding it is saved with the batch (a row the recorder loaded is the same instance).
            var issued = rows.Find(cancel.Period, cancel.Number)
                ?? await db.IssuedInvoices.FirstOrDefaultAsync(i => i.Period == cancel.Period && i.Number == cancel.Number, ct);
            if (issued is not null && !issued.Voided)
            {
                issued.Voided = true;
                issued.VoidedAt = cancel.CancelledAt.ToUniversalTime();
            }
            var built = ReturnPlatformMessages.Cancel(cancel, issued is null ? null : (issued.IssuedAt, issued.BuyerTaxId), batch.StoreId, options, now,
                await SellerOfAsync(issued, batch.StoreId, ct));
            await AddMessageAsync(built, rows, problems, ct);
        }
        if (r.ReplacementInvoice is { } replacement)
        {
            // Recorded like any issued invoice (blocks, duplicate use, as-issued items), as an invoice of the original order.
            var asSale = ReturnValidator.ReplacementAsSale(r.OrderId, replacement, r.ReturnedAt, r.StaffId);
            await invoices.AddInvoicesOfAcceptedSalesAsync(batch.StoreId, batch.RegisterId, [asSale], rows, now, ct);
        }
        if (r.Allowance is { } allowance)
        {
            var original = await OriginalInvoiceAsync(allowance, rows, ct);
            await AddMessageAsync(ReturnPlatformMessages.Allowance(allowance, batch.StoreId, options, now, await SellerOfAsync(original, batch.StoreId, ct)), rows, problems, ct);
        }
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>The invoice an allowance reduces: one this upload records or one stored before (read for its seller and date, which never change).</summary>
    private async Task<Core.Invoices.IssuedInvoice?> OriginalInvoiceAsync(OfflineAllowance allowance, NewInvoiceRows rows, CancellationToken ct) =>
        rows.Find(allowance.OriginalPeriod, allowance.OriginalNumber)
        ?? await db.IssuedInvoices.AsNoTracking().FirstOrDefaultAsync(i => i.Period == allowance.OriginalPeriod && i.Number == allowance.OriginalNumber, ct);

    /// <summary>
    /// The seller of the original invoice as its proof printed it: the stored invoice's (the selling store's, which for a
    /// return of another store's sale differs from the uploading store's), else — the invoice not here (the exception: a
    /// register uploads a return behind its sale) — the uploading store's from master data.
    /// </summary>
    private async Task<Invoicing.Invoices.InvoiceParty> SellerOfAsync(Core.Invoices.IssuedInvoice? original, string uploadingStoreId, CancellationToken ct)
    {
        var fromMasterData = await InvoicesApi.StoreSellerAsync(db, original?.StoreId ?? uploadingStoreId, invoicing.Value, ct);
        return original is null ? fromMasterData : F0401Content.SellerAsIssued(original, fromMasterData);
    }

    /// <summary>
    /// A message is owed once per (kind, period, document): a second cancel of one invoice, or an allowance number used
    /// twice, is a problem of this return (NeedsReview), not a second message. A concurrent upload adding the same key
    /// fails the save on the unique index and the batch's retry lands here.
    /// </summary>
    private async Task AddMessageAsync(ReturnPlatformMessages.Built built, NewInvoiceRows rows, List<string> problems, CancellationToken ct)
    {
        if (built.Problem is { } p) { problems.Add(p); return; }
        var m = built.Message!;
        var taken = rows.HasMessage(m.Kind, m.Period, m.DocumentNumber)
            || await db.PlatformMessages.AnyAsync(x => x.Kind == m.Kind && x.Period == m.Period && x.DocumentNumber == m.DocumentNumber, ct);
        if (taken) problems.Add($"{m.Kind} {m.Period}/{m.DocumentNumber} was already made by another return; this one made no new message.");
        else rows.Messages.Add(m);
    }

    private static ReturnUploadResult Rejected(Guid returnId, IReadOnlyList<FieldError> errors) =>
        new(returnId, UploadOutcome.Rejected, OrderStatus.Failed, errors);

    private static SaleReturn ToEntity(UploadBatchRequest batch, OfflineReturn r, string? invoiceProblem, DateTimeOffset now) => new()
    {
        Id = r.ReturnId,
        OrderId = r.OrderId,
        BatchId = batch.BatchId,
        StoreId = batch.StoreId,
        RegisterId = batch.RegisterId,
        LocalNumber = r.LocalNumber,
        ReturnedAt = r.ReturnedAt.ToUniversalTime(),
        StaffId = r.StaffId,
        Reason = r.Reason.Trim(),
        RefundTotal = r.RefundTotal,
        ApprovedBy = string.IsNullOrWhiteSpace(r.ApprovedBy) ? null : r.ApprovedBy.Trim(),
        OriginalInvoicePeriod = r.OriginalInvoicePeriod,
        OriginalInvoiceNumber = r.OriginalInvoiceNumber,
        InvoiceOutcome = r switch
        {
            { CancelledInvoice: not null, ReplacementInvoice: not null } => ReturnInvoiceOutcomes.CancelledAndReissued,
            { CancelledInvoice: not null } => ReturnInvoiceOutcomes.Cancelled,
            { Allowance: not null } => ReturnInvoiceOutcomes.Allowance,
            _ => ReturnInvoiceOutcomes.None,
        },
        CancelledInvoiceNumber = r.CancelledInvoice?.Number,
        ReplacementInvoiceNumber = r.ReplacementInvoice?.Number,
        AllowanceNumber = r.Allowance?.Number,
        InvoiceProblem = invoiceProblem is { Length: > 500 } ? invoiceProblem[..500] : invoiceProblem,
        Status = OrderStatus.Received,
        ReceivedAt = now,
        Lines = r.Lines.Select(l => new ReturnLine
        {
            ReturnId = r.ReturnId, LineIndex = l.LineIndex, Sku = l.Sku.Trim(), Quantity = l.Quantity, Amount = l.Amount,
        }).ToList(),
        Refunds = (r.Refunds ?? []).Select((p, n) => new ReturnRefund
        {
            ReturnId = r.ReturnId, RefundNumber = n + 1, Method = p.Method, Amount = p.Amount, Reference = p.Reference,
        }).ToList(),
    };
}
