using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The <see cref="PlatformMessage"/> rows this side owes the platform: an F0401 for every issued invoice (added with
/// the invoice, in its transaction) and an E0402 per track of a closed period. The XML is built when the message
/// becomes due, from the invoice as issued; a correction (HQ's resend) builds it again.
/// </summary>
public static class PlatformMessageBuilder
{
    /// <summary>The F0401 message of an issued invoice. Null XML when the invoice cannot make one (no valid random
    /// code was sent): the delivery then marks it Error, visible on the dashboard, instead of inventing content.</summary>
    /// <param name="storeSeller">The store's seller from master data, for an invoice whose register did not send the seller it
    /// printed (registers before seller-per-store); null: the business's.</param>
    public static PlatformMessage Issue(IssuedInvoice invoice, Order? order, InvoicingOptions options, DateTimeOffset now, InvoiceParty? storeSeller = null) => new()
    {
        Kind = PlatformMessageKinds.Issue,
        Period = invoice.Period,
        DocumentNumber = invoice.Number,
        StoreId = invoice.StoreId,
        Xml = F0401Xml(invoice, order, options, storeSeller),
        DueAt = invoice.UploadDeadline ?? now,
        CreatedAt = now,
    };

    public static string? F0401Xml(IssuedInvoice invoice, Order? order, InvoicingOptions options, InvoiceParty? storeSeller = null)
    {
        if (invoice.RandomCode is null || invoice.OrderId is null) return null;
        // The seller the proof said (sent with the invoice), else the store's from master data, else the business's.
        var seller = F0401Content.SellerAsIssued(invoice, storeSeller ?? new InvoiceParty(options.SellerId, options.SellerName));
        var content = F0401Content.From(invoice, order, seller);
        // PrintMark Y unless a carrier or a donation took the place of the paper proof.
        var printed = content.Carrier is null && content.DonationCode is null;
        return F0401Message.ToXml(content, printed, options.Mig);
    }

    /// <summary>One E0402 per track of a closed period (DocumentNumber = the track), due 10 days after the next period starts.</summary>
    /// <summary>
    /// One E0402 per (seller, track). Its document number is the track for the business's own blanks and
    /// track-BranchBan (e.g. "ZZ-24634102", 11 characters) for a branch's, so both fit the unique (kind, period, document).
    /// </summary>
    public static IEnumerable<PlatformMessage> BlankNumbers(InvoicePeriod period, IReadOnlyList<(BlankRange Run, string Owner)> blanks, InvoicingOptions options, DateTimeOffset now)
    {
        var due = TaiwanTime.Instant(UploadDeadline.ForBlankNumbers(period));
        var head = options.SellerId;
        return blanks.GroupBy(b => (b.Owner, b.Run.Track))
            .OrderBy(g => g.Key.Track, StringComparer.Ordinal).ThenBy(g => g.Key.Owner != head).ThenBy(g => g.Key.Owner, StringComparer.Ordinal)
            .Select(g => new PlatformMessage
            {
                Kind = PlatformMessageKinds.BlankNumbers,
                Period = period.Code,
                DocumentNumber = BlankNumbersDocument(g.Key.Track, g.Key.Owner, head),
                StoreId = null,
                Xml = Invoicing.Mig.BlankNumbers.ToXml(head, g.Key.Owner, g.Select(x => x.Run), options.Mig).Single(),
                DueAt = due,
                CreatedAt = now,
            });
    }

    public static string BlankNumbersDocument(string track, string owner, string headBan) => owner == headBan ? track : $"{track}-{owner}";
}
