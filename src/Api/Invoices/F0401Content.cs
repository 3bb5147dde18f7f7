using PosCloud.Core.Orders;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;
using StoredInvoice = PosCloud.Core.Invoices.IssuedInvoice;

namespace PosCloud.Api.Invoices;

/// <summary>The library's invoice (what F0401Message writes) from a stored invoice and its order.</summary>
public static class F0401Content
{
    public static IssuedInvoice From(StoredInvoice row, Order order, InvoiceParty seller)
    {
        var total = (long)Math.Round(row.Total, MidpointRounding.AwayFromZero);
        var items = order.Lines.OrderBy(l => l.LineNumber)
            .Select(l => new InvoiceItem(l.CatalogName ?? l.TypedName ?? l.Sku, l.Quantity, l.ChargedUnitPrice, l.Quantity * l.ChargedUnitPrice))
            .ToList();
        // B2B (格式 25) carries sales before tax and the 5% tax; B2C cannot separate it on the proof.
        var buyer = row.BuyerTaxId is { } ban ? new InvoiceParty(ban, ban) : null;
        var (sales, tax) = buyer is null ? ((long?)null, 0L) : TaxSplit.FromTaxIncluded(total);
        var carrier = row.CarrierType is { } type && row.CarrierId is { } id ? new InvoiceCarrier(type, id, id) : null;
        return new IssuedInvoice(
            InvoiceNumber.Parse(row.Number),
            TaiwanTime.Local(row.IssuedAt),
            row.RandomCode ?? throw new ArgumentException($"{row.Number} has no random code.", nameof(row)),
            seller, buyer, items, sales, tax, total, carrier, row.DonationCode);
    }
}
