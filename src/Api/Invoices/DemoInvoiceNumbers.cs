using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The demo's e-invoice numbers. The store agent refuses a sale it cannot give an invoice number (no
/// sale without its invoice), so a demo without number blocks could not sell at all: every demo
/// register gets a block of <see cref="BlockSize"/> numbers of track <see cref="Track"/> in the
/// current and the next two-month period. Runs at every start with the demo data (a period that
/// already has a demo range is left alone), so a demo left running crosses into a new period with
/// numbers. Production registers get their blocks from HQ through /api/v1/registers/{id}/invoice-blocks.
/// </summary>
public static class DemoInvoiceNumbers
{
    public const string Track = "ZZ";
    public const int BlockSize = 1000;
    private const long FirstNumber = 10_000_000;

    /// <returns>How many periods were given demo numbers.</returns>
    public static async Task<int> SeedAsync(CloudDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var current = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(now)));
        var registers = await db.Registers.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        if (registers.Count == 0) return 0;
        var seeded = 0;
        foreach (var period in new[] { current, current.Next() })
        {
            if (await db.InvoiceNumberRanges.AnyAsync(r => r.Period == period.Code && r.Track == Track, ct)) continue;
            db.InvoiceNumberRanges.Add(new InvoiceNumberRange
            {
                Period = period.Code, Track = Track, From = FirstNumber, To = FirstNumber + registers.Count * BlockSize - 1, RegisteredAt = now,
            });
            for (var i = 0; i < registers.Count; i++)
                db.InvoiceBlocks.Add(new InvoiceBlock
                {
                    Period = period.Code, Track = Track, RegisterId = registers[i],
                    From = FirstNumber + i * BlockSize, To = FirstNumber + (i + 1) * BlockSize - 1,
                });
            seeded++;
        }
        await db.SaveChangesAsync(ct);
        return seeded;
    }
}
