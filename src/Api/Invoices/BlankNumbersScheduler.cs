using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;
using static PosCloud.Api.Invoices.InvoiceApiMapping;

namespace PosCloud.Api.Invoices;

/// <summary>
/// Adds the E0402 (blank numbers) messages of the period that just closed, one per track, once its blanks are known:
/// the period is over and <see cref="InvoicingOptions.BlankNumbersAfterDays"/> days of the next one have passed (an
/// offline register's last sales of the period arrive late). E0402 is due 10 days after the next period starts, so
/// the default (3) leaves a week to deliver and correct. Any Api replica may add them: the unique (Kind, Period,
/// DocumentNumber) index lets exactly one in.
/// </summary>
public sealed partial class BlankNumbersScheduler(IServiceScopeFactory scopes, IOptions<InvoicingOptions> options, TimeProvider time, ILogger<BlankNumbersScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await AddDueAsync(scope.ServiceProvider.GetRequiredService<CloudDbContext>(), options.Value, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }
            await Task.Delay(options.Value.BlankNumbersCheckInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The closed period whose E0402 should exist by now, if any: the previous one once the grace days have passed.</summary>
    public static InvoicePeriod? Due(DateOnly today, int afterDays)
    {
        var current = InvoicePeriod.Of(today);
        return today >= current.FirstDay.AddDays(afterDays) ? current.Previous() : null;
    }

    /// <summary>Adds the missing E0402 messages of the period <see cref="Due"/> names; returns how many were added.</summary>
    public static async Task<int> AddDueAsync(CloudDbContext db, InvoicingOptions options, TimeProvider time, CancellationToken ct)
    {
        if (Due(TaiwanTime.Today(time), options.BlankNumbersAfterDays) is not { } period) return 0;
        var present = await db.PlatformMessages.AsNoTracking()
            .Where(m => m.Kind == PlatformMessageKinds.BlankNumbers && m.Period == period.Code).Select(m => m.DocumentNumber).ToListAsync(ct);
        var now = time.GetUtcNow();
        var missing = PlatformMessageBuilder.BlankNumbers(period, await BlanksAsync(db, period, options.SellerId, ct), options, now)
            .Where(m => !present.Contains(m.DocumentNumber)).ToList();
        if (missing.Count == 0) return 0;
        db.PlatformMessages.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(ct);
            return missing.Count;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another replica added them first
            return 0;
        }
    }

    /// <summary>
    /// The blank runs of a period, each with the seller it belongs to: every received number (assigned to a register or
    /// not) never issued or voided in THIS period (the same number in another period is another invoice and says nothing
    /// about this one). Numbers of a block assigned to a store with its own 統一編號 are that branch's (BranchBan); the
    /// rest, and numbers never assigned, are the business's (<paramref name="headBan"/>).
    /// </summary>
    public static async Task<IReadOnlyList<(BlankRange Run, string Owner)>> BlanksAsync(CloudDbContext db, InvoicePeriod period, string headBan, CancellationToken ct)
    {
        var ranges = (await db.InvoiceNumberRanges.AsNoTracking().Where(r => r.Period == period.Code).ToListAsync(ct)).Select(ToRange).ToList();
        if (ranges.Count == 0) return [];
        var tracks = ranges.Select(r => r.Track).Distinct().ToList();
        var accounted = (await db.IssuedInvoices.AsNoTracking().Where(i => i.Period == period.Code && tracks.Contains(i.Track)).Select(i => i.Number).ToListAsync(ct))
            .Select(InvoiceNumber.Parse).Where(n => ranges.Any(r => r.Contains(n))).ToList();
        var blanks = BlankNumbers.Find(ranges.OrderBy(r => r.Track, StringComparer.Ordinal).ThenBy(r => r.From), accounted);
        var blocks = await db.InvoiceBlocks.AsNoTracking().Where(b => b.Period == period.Code && b.RegisterId != null && tracks.Contains(b.Track)).ToListAsync(ct);
        var registerStores = await db.Registers.AsNoTracking().Select(r => new { r.Id, r.StoreId }).ToDictionaryAsync(r => r.Id, r => r.StoreId, ct);
        var storeSellers = await db.Stores.AsNoTracking().Where(s => s.SellerTaxId != null).ToDictionaryAsync(s => s.Id, s => s.SellerTaxId!, ct);
        var owned = blocks.Where(b => registerStores.TryGetValue(b.RegisterId!, out var store) && storeSellers.ContainsKey(store))
            .Select(b => (ToRange(b), storeSellers[registerStores[b.RegisterId!]])).ToList();
        return BlankNumbers.SplitBy(blanks, owned, headBan);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Adding the E0402 messages of the closed period failed; retrying later")]
    private partial void LogFailed(Exception ex);
}
