using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The I/O edge of <see cref="InvoiceIntake"/>: reads the stored numbers and the register's blocks, puts the new
/// issued/voided rows and their F0401 messages in the upload's <see cref="NewInvoiceRows"/>, and adds flags and the
/// voiding of stored rows to the caller's DbContext, all saved in the same transaction as the accepted orders.
/// The primary key on (period, number) is the guard: when a concurrent upload stores the same pair first, the save
/// fails with a unique violation and the ingestion retries, and the retry then sees the pair and flags it as a
/// duplicate use. A number this upload already recorded (a return's replacement invoice after the sales) counts as
/// known too.
/// </summary>
public sealed class IssuedInvoiceRecorder(CloudDbContext db, Microsoft.Extensions.Options.IOptions<InvoicingOptions> invoicing)
{
    public const int MaxCarrierTypeLength = 10;
    public const int MaxCarrierIdLength = 64;

    /// <param name="acceptedOrders">The orders made of <paramref name="acceptedSales"/>: an F0401 of a register that did
    /// not send its printed items is built from the order's typed names (see F0401Content).</param>
    public async Task AddInvoicesOfAcceptedSalesAsync(string storeId, string registerId, IReadOnlyList<OfflineOrder> acceptedSales, NewInvoiceRows rows,
        DateTimeOffset now, CancellationToken ct, IReadOnlyList<PosCloud.Core.Orders.Order>? acceptedOrders = null)
    {
        var numbers = acceptedSales
            .SelectMany(s => (s.VoidedInvoiceNumbers ?? []).Append(s.Invoice?.Number))
            .Where(InvoiceNumber.IsValid).Select(n => n!).Distinct().ToList();
        if (acceptedSales.All(s => s.Invoice is null && s.VoidedInvoiceNumbers is not { Count: > 0 })) return;

        // Every period's rows of these numbers: the intake keeps only the same period's as earlier uses.
        var stored = await db.IssuedInvoices.Where(i => numbers.Contains(i.Number)).ToDictionaryAsync(i => new InvoiceKey(i.Period, i.Number), ct);
        var blocks = (await db.InvoiceBlocks.AsNoTracking().Where(b => b.RegisterId == registerId).ToListAsync(ct))
            .Select(InvoiceApiMapping.ToRange).ToList();
        var known = stored.ToDictionary(kv => kv.Key, kv => new InvoiceIntake.Known(kv.Key, kv.Value.RegisterId, kv.Value.OrderId, kv.Value.Voided));
        foreach (var made in rows.Invoices.Where(i => numbers.Contains(i.Number)))
        {
            var key = new InvoiceKey(made.Period, made.Number);
            known[key] = new InvoiceIntake.Known(key, made.RegisterId, made.OrderId, made.Voided);
        }
        var steps = InvoiceIntake.Decide(registerId, acceptedSales, known, blocks);
        var orders = acceptedOrders?.ToDictionary(o => o.Id);

        foreach (var step in steps)
        {
            switch (step)
            {
                case InvoiceIntake.Issue issue:
                    var issued = Issued(storeId, registerId, issue, now);
                    rows.Invoices.Add(issued);
                    // The F0401 owed to the platform, in the same transaction: the Turnkey delivery hands it over.
                    var order = issued.AsIssued || issued.OrderId is not { } orderId ? null : orders?.GetValueOrDefault(orderId);
                    rows.Messages.Add(PlatformMessageBuilder.Issue(issued, order, invoicing.Value, now));
                    break;
                case InvoiceIntake.VoidNew v:
                    rows.Invoices.Add(new IssuedInvoice
                    {
                        Number = v.Number.ToString(), Period = v.Period.Code, Track = v.Number.Track, Serial = v.Number.Serial,
                        StoreId = storeId, RegisterId = registerId, OrderId = null, IssuedAt = v.Sale.SoldAt.ToUniversalTime(),
                        Voided = true, VoidedAt = now, RecordedAt = now,
                    });
                    break;
                case InvoiceIntake.VoidExisting v:
                    var row = stored.TryGetValue(v.Key, out var s) ? s
                        : rows.Find(v.Key.Period, v.Key.Number) ?? throw new InvalidOperationException($"Invoice {v.Key.Period}/{v.Key.Number} to void is neither stored nor recorded by this upload.");
                    row.Voided = true;
                    row.VoidedAt = now;
                    break;
                case InvoiceIntake.Flag f:
                    db.InvoiceFlags.Add(new InvoiceFlag
                    {
                        Number = f.Number.Length > 40 ? f.Number[..40] : f.Number, Period = f.Period, Kind = f.Kind, StoreId = storeId, RegisterId = registerId,
                        OrderId = f.Sale.OrderId, Detail = f.Detail.Length > 500 ? f.Detail[..500] : f.Detail, FlaggedAt = now,
                    });
                    break;
            }
        }
    }

    private static IssuedInvoice Issued(string storeId, string registerId, InvoiceIntake.Issue issue, DateTimeOffset now)
    {
        var invoice = issue.Sale.Invoice!;
        var local = TaiwanTime.Local(invoice.IssuedAt);
        // Only a valid 統一編號 makes it B2B (00000000 and bad checksums were flagged and stay B2C).
        var buyer = invoice.BuyerTaxId is { } ban && TaxId.IsValid(ban, DateOnly.FromDateTime(local)) ? ban : null;
        var isB2B = buyer is not null;
        var period = issue.Period.Code;
        var number = issue.Number.ToString();
        // The invoice as printed, when the register sent it (the batch validator held it to InvoiceLimits).
        var items = (invoice.Items ?? []).Select((item, i) => new IssuedInvoiceItem
        {
            Period = period, Number = number, Sequence = i + 1, Description = item.Description,
            Quantity = item.Quantity, UnitPrice = item.UnitPrice, Amount = item.Amount, TaxType = item.TaxType,
        }).ToList();
        return new IssuedInvoice
        {
            Number = number,
            Period = period,
            Track = issue.Number.Track,
            Serial = issue.Number.Serial,
            StoreId = storeId,
            RegisterId = registerId,
            OrderId = issue.Sale.OrderId,
            IssuedAt = invoice.IssuedAt.ToUniversalTime(),
            // Fields that could not be valid are not stored (and were flagged): the row must always fit its columns.
            RandomCode = RandomCode.IsValid(invoice.RandomCode) ? invoice.RandomCode : null,
            BuyerTaxId = buyer,
            CarrierType = invoice.CarrierType is { Length: <= MaxCarrierTypeLength } ct ? ct : null,
            CarrierId = invoice.CarrierId is { Length: <= MaxCarrierIdLength } cid ? cid : null,
            DonationCode = BuyerCodes.IsDonationCode(invoice.DonationCode) ? invoice.DonationCode : null,
            Total = issue.Sale.Total,
            // The seller as printed (a bad id was flagged; F0401 then takes the store's seller from master data).
            SellerTaxId = invoice.SellerTaxId is { } seller && TaxId.IsValid(seller, TaxIdRule.DivisibleBy5) ? seller : null,
            SellerName = invoice.SellerTaxId is { } sid && TaxId.IsValid(sid, TaxIdRule.DivisibleBy5) ? PosCloud.Invoicing.Invoices.StoreSeller.Clean(invoice.SellerName) : null,
            SalesAmount = items.Count > 0 ? invoice.SalesAmount : null,
            TaxAmount = items.Count > 0 ? invoice.TaxAmount : null,
            AsIssued = items.Count > 0,
            Items = items,
            UploadDeadline = TaiwanTime.Instant(UploadDeadline.For(local, isB2B)).ToUniversalTime(),
            RecordedAt = now,
        };
    }
}
