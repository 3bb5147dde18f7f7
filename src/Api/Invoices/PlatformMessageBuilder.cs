using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;
using StoredInvoice = PosCloud.Core.Invoices.IssuedInvoice;

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
    public static PlatformMessage Issue(StoredInvoice invoice, Order? order, InvoicingOptions options, DateTimeOffset now) => new()
    {
        Kind = PlatformMessageKinds.Issue,
        Period = invoice.Period,
        DocumentNumber = invoice.Number,
        StoreId = invoice.StoreId,
        Xml = F0401Xml(invoice, order, options),
        DueAt = invoice.UploadDeadline ?? now,
        CreatedAt = now,
    };

    public static string? F0401Xml(StoredInvoice invoice, Order? order, InvoicingOptions options)
    {
        if (invoice.RandomCode is null || invoice.OrderId is null) return null;
        var content = F0401Content.From(invoice, order, new InvoiceParty(options.SellerId, options.SellerName));
        // PrintMark Y unless a carrier or a donation took the place of the paper proof.
        var printed = content.Carrier is null && content.DonationCode is null;
        return F0401Message.ToXml(content, printed, options.Mig);
    }

    /// <summary>One E0402 per track of a closed period (DocumentNumber = the track), due 10 days after the next period starts.</summary>
    public static IEnumerable<PlatformMessage> BlankNumbers(InvoicePeriod period, IReadOnlyList<BlankRange> blanks, InvoicingOptions options, DateTimeOffset now)
    {
        var due = TaiwanTime.Instant(UploadDeadline.ForBlankNumbers(period));
        return blanks.GroupBy(b => b.Track).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PlatformMessage
        {
            Kind = PlatformMessageKinds.BlankNumbers,
            Period = period.Code,
            DocumentNumber = g.Key,
            StoreId = null,
            Xml = Invoicing.Mig.BlankNumbers.ToXml(options.SellerId, options.SellerId, g, options.Mig).Single(),
            DueAt = due,
            CreatedAt = now,
        });
    }
}
