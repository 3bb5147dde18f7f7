using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>
/// The real <see cref="ISaleInvoiceStep"/>: inside the sale's SQLite transaction it takes the next number of
/// this register's block for the sale's period (NumberAllocator over the snapshot's blocks and the stored
/// last-used serials), draws the random code, and records the proof to print. Order and block state commit
/// together or not at all, so a crash can neither reuse nor silently skip a number. No number → the sale is
/// refused (<see cref="InvoiceRefusedException"/>) and rolled back.
/// </summary>
public sealed class InvoiceIssuer(SnapshotCache snapshot, IOptions<PrinterOptions> printer, IOptions<InvoicingOptions> invoicing, TimeProvider time) : ISaleInvoiceStep
{
    public async Task IssueAsync(AgentDbContext db, LocalOrder order, CancellationToken ct)
    {
        var (number, randomCode) = await TakeNumberAsync(db, order.RegisterId, order.SoldAt, ct);
        order.InvoiceNumber = number;
        order.InvoiceIssuedAt = order.SoldAt;
        order.InvoiceRandomCode = randomCode;
        // The seller as printed, kept with the sale: a reprint and the upload say what this proof said even when the
        // store's master data changes later.
        var seller = InvoiceRules.SellerFor(snapshot.Current, invoicing.Value);
        order.SellerTaxId = seller.Identifier;
        order.SellerName = seller.Name;

        // Written with the sale, so a crash right after the commit still prints at the next start.
        if (printer.Value.Configured && InvoiceRules.PrintsProof(order))
            db.PrintJobs.Add(new PrintJobRow { Id = Guid.CreateVersion7(time.GetUtcNow()), OrderId = order.Id, CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() });
    }

    /// <summary>
    /// Takes the next number of this register's block for the period of <paramref name="at"/> and records it in the
    /// caller's transaction (sales, and a return's replacement invoice). Throws <see cref="InvoiceRefusedException"/> when none is left.
    /// </summary>
    public async Task<(string Number, string RandomCode)> TakeNumberAsync(AgentDbContext db, string registerId, DateTimeOffset at, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(TaiwanTime.Local(at));
        var period = InvoicePeriod.Of(date);
        var blocks = NumberRangeRules.RegisterBlocks(snapshot.Current, registerId);
        var states = await db.InvoiceBlocks.Where(s => s.Period == period.Code).ToListAsync(ct);
        InvoiceBlockState? StateOf(InvoiceRange b) => states.FirstOrDefault(s => s.Track == b.Track && s.From == b.From);

        var allocation = NumberAllocator.Next(blocks, b => StateOf(b) is { } s ? new InvoiceNumber(s.Track, s.LastUsedSerial) : null, date);
        if (allocation is not NumberAllocation.Allocated taken) throw InvoiceRules.Refusal(allocation);

        var state = StateOf(taken.Block);
        if (state is null)
        {
            state = new InvoiceBlockState { Period = period.Code, Track = taken.Block.Track, From = taken.Block.From, To = taken.Block.To };
            db.InvoiceBlocks.Add(state);
        }
        state.To = taken.Block.To;
        state.LastUsedSerial = taken.Number.Serial;
        state.UpdatedAt = time.GetUtcNow();
        return (taken.Number.ToString(), RandomCode.New());
    }
}

/// <summary>What /api/status says about the numbers of the current period.</summary>
/// <param name="Remaining">Numbers left in this register's blocks of the period.</param>
/// <param name="Low">Fewer than the warning threshold remain (the screen shows a banner).</param>
/// <param name="Exhausted">None remain (or no block): sales are refused until HQ assigns a block.</param>
public sealed record InvoiceNumbersStatus(string Period, string PeriodLabel, int Remaining, int Threshold, bool Low, bool Exhausted, bool HasBlock, string? NextNumber);

public static class InvoiceNumbersQuery
{
    public static async Task<InvoiceNumbersStatus> GetAsync(AgentDbContext db, SnapshotCache snapshot, string registerId, DateTimeOffset now, int threshold, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(TaiwanTime.Local(now));
        var period = InvoicePeriod.Of(date);
        var blocks = NumberRangeRules.RegisterBlocks(snapshot.Current, registerId);
        var states = await db.InvoiceBlocks.AsNoTracking().Where(s => s.Period == period.Code).ToListAsync(ct);
        InvoiceNumber? LastUsed(InvoiceRange b) =>
            states.FirstOrDefault(s => s.Track == b.Track && s.From == b.From) is { } s ? new InvoiceNumber(s.Track, s.LastUsedSerial) : null;
        var remaining = NumberRangeRules.Remaining(blocks, period, LastUsed);
        var next = NumberAllocator.Next(blocks, LastUsed, date) as NumberAllocation.Allocated;
        return new InvoiceNumbersStatus(period.Code, period.Label, remaining, threshold, threshold > 0 && remaining < threshold, remaining == 0,
            blocks.Any(b => b.Period == period), next?.Number.ToString());
    }
}
