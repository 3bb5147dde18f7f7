using System.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.Invoicing.Numbers;
using static PosCloud.Api.Invoices.InvoiceApiMapping;

namespace PosCloud.Api.Invoices;

/// <summary>
/// HQ registers the ranges it received for a period and cuts blocks of them for registers. "No overlap" cannot
/// be a unique index, so each check-and-insert runs in a serializable transaction (inside the provider's
/// execution strategy, which retries a serialization failure and then sees the winner's row).
/// </summary>
internal static class InvoiceRangesApi
{
    internal static async Task<Results<Created<InvoiceRangeView>, ValidationProblem, ProblemHttpResult>> RegisterRange(
        RegisterInvoiceRangeRequest request, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!InvoicePeriod.TryParse(request.Period, out var period))
            errors["period"] = [$"'{request.Period}' is not a period code: ROC year (3 digits) + even end month, e.g. 11512 for Nov–Dec 2026."];
        if (request.Track is null || !InvoiceNumber.IsValid(request.Track + "00000000"))
            errors["track"] = [$"'{request.Track}' is not a track (字軌): two upper-case letters."];
        var from = Serial(request.From);
        var to = Serial(request.To);
        if (from is null) errors["from"] = [$"'{request.From}' is not an 8-digit number."];
        if (to is null) errors["to"] = [$"'{request.To}' is not an 8-digit number."];
        if (from > to) errors["to"] = [$"to {request.To} is before from {request.From}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid invoice number range");

        var range = new InvoiceRange(period, request.Track!, from!.Value, to!.Value);
        return await Serialized(db, async () =>
        {
            var existing = (await db.InvoiceNumberRanges.Where(r => r.Period == range.Period.Code && r.Track == range.Track).ToListAsync(ct))
                .Select(ToRange).ToList();
            if (NumberRangeRules.FirstOverlap(range, existing) is { } clash)
                return Conflict("Range overlaps a registered range", $"{range} overlaps the registered range {clash}.");
            var row = new InvoiceNumberRange { Period = range.Period.Code, Track = range.Track, From = range.From, To = range.To, RegisteredAt = time.GetUtcNow() };
            db.InvoiceNumberRanges.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return Conflict("Range overlaps a registered range", $"A range of {range.Period.Code} {range.Track} starting at {range.First} is already registered.");
            }
            return (Results<Created<InvoiceRangeView>, ValidationProblem, ProblemHttpResult>)TypedResults.Created($"/api/v1/invoice-ranges/{row.Id}", View(row));
        }, ct);
    }

    internal static async Task<Ok<List<InvoiceRangeView>>> ListRanges(string? period, CloudDbContext db, CancellationToken ct)
    {
        var rows = await db.InvoiceNumberRanges.AsNoTracking().Where(r => period == null || r.Period == period)
            .OrderBy(r => r.Period).ThenBy(r => r.Track).ThenBy(r => r.From).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    internal static async Task<Results<Created<InvoiceRangeView>, ValidationProblem, ProblemHttpResult>> AssignBlock(
        string registerId, AssignInvoiceBlockRequest request, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!InvoicePeriod.TryParse(request.Period, out var period))
            errors["period"] = [$"'{request.Period}' is not a period code: ROC year (3 digits) + even end month, e.g. 11512."];
        else if (NumberRangeRules.IsClosed(period, TaiwanTime.Today(time)))
            // A register could never issue from it: a track is valid only in its own period.
            errors["period"] = [$"Period {period.Code} ({period.Label}) ended on {period.LastDay:yyyy-MM-dd} (Taiwan); no block can be assigned for a closed period."];
        if (request.Track is not null && !InvoiceNumber.IsValid(request.Track + "00000000"))
            errors["track"] = [$"'{request.Track}' is not a track (字軌): two upper-case letters."];
        var explicitBlock = request.From is not null || request.To is not null;
        int? from = null, to = null;
        if (explicitBlock)
        {
            from = Serial(request.From);
            to = Serial(request.To);
            if (request.Track is null) errors["track"] = ["track is required with from and to."];
            if (from is null) errors["from"] = [$"'{request.From}' is not an 8-digit number (give both from and to, or neither)."];
            if (to is null) errors["to"] = [$"'{request.To}' is not an 8-digit number (give both from and to, or neither)."];
            if (from > to) errors["to"] = [$"to {request.To} is before from {request.From}."];
        }
        var size = request.Size ?? NumberRangeRules.DefaultBlockSize;
        if (size is < 1 or > NumberRangeRules.MaxBlockSize) errors["size"] = [$"size must be 1–{NumberRangeRules.MaxBlockSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid invoice block");
        if (!await db.Registers.AnyAsync(r => r.Id == registerId, ct))
            return TypedResults.Problem(title: "Register not found", detail: $"No register {registerId}.", statusCode: 404);

        return await Serialized(db, async () =>
        {
            var ranges = (await db.InvoiceNumberRanges.Where(r => r.Period == period.Code).ToListAsync(ct)).Select(ToRange).ToList();
            var blocks = (await db.InvoiceBlocks.Where(b => b.Period == period.Code).ToListAsync(ct)).Select(ToRange).ToList();
            InvoiceRange block;
            if (explicitBlock)
            {
                block = new InvoiceRange(period, request.Track!, from!.Value, to!.Value);
                if (!ranges.Any(r => NumberRangeRules.LiesInside(block, r)))
                    return Conflict("Block outside the registered ranges", $"{block} does not lie inside one registered range of {period.Code} ({(ranges.Count == 0 ? "none registered" : string.Join(", ", ranges))}).");
                if (NumberRangeRules.FirstOverlap(block, blocks) is { } clash)
                    return Conflict("Block overlaps an assigned block", $"{block} overlaps the block {clash} already assigned.");
            }
            else if (NumberRangeRules.NextFreeBlock(ranges, blocks, size, request.Track) is { } free)
                block = free;
            else
                return Conflict("No free numbers", $"No registered range of {period.Code}{(request.Track is null ? "" : " track " + request.Track)} has {size} consecutive unassigned numbers left; register a new range first.");

            var row = new InvoiceBlock { Period = block.Period.Code, Track = block.Track, From = block.From, To = block.To, RegisterId = registerId };
            db.InvoiceBlocks.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return Conflict("Block overlaps an assigned block", $"A block of {block.Period.Code} {block.Track} starting at {block.First} is already assigned.");
            }
            return (Results<Created<InvoiceRangeView>, ValidationProblem, ProblemHttpResult>)TypedResults.Created($"/api/v1/registers/{registerId}/invoice-blocks/{row.Id}", View(row));
        }, ct);
    }

    internal static async Task<Results<Ok<List<InvoiceRangeView>>, ProblemHttpResult>> ListBlocks(string registerId, CloudDbContext db, CancellationToken ct)
    {
        if (!await db.Registers.AnyAsync(r => r.Id == registerId, ct))
            return TypedResults.Problem(title: "Register not found", detail: $"No register {registerId}.", statusCode: 404);
        var rows = await db.InvoiceBlocks.AsNoTracking().Where(b => b.RegisterId == registerId)
            .OrderBy(b => b.Period).ThenBy(b => b.Track).ThenBy(b => b.From).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    private static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: 409);

    /// <summary>Check-then-insert made safe: serializable, retried by the execution strategy on a serialization failure.</summary>
    private static Task<T> Serialized<T>(CloudDbContext db, Func<Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await work();
            // Commit unless a save failed (its entries are still Added): a failed statement aborts the transaction.
            if (db.ChangeTracker.Entries().All(e => e.State == EntityState.Unchanged))
                await tx.CommitAsync(ct);
            return result;
        });
}
