using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The library's invoice (what F0401Message writes) from a stored invoice. The items are the invoice as issued —
/// what the proof, the detail slip and the QR codes said — never the catalog's names from reconciliation
/// (an F0401 that differs from what was printed is 未據實傳輸).
/// </summary>
public static class F0401Content
{
    /// <param name="order">The order's lines, used only for an invoice a register sent without its printed items
    /// (registers before the as-issued field): then the typed name and charged price, which is what such a register printed.</param>
    public static InvoiceDocument From(IssuedInvoice row, Order? order, InvoiceParty seller)
    {
        var total = (long)Math.Round(row.Total, MidpointRounding.AwayFromZero);
        var items = AsIssued(row, order);
        // B2B (格式 25) carries sales before tax and the 5% tax; B2C cannot separate it on the proof.
        var buyer = row.BuyerTaxId is { } ban ? new InvoiceParty(ban, ban) : null;
        var (sales, tax) = buyer is null ? ((long?)null, 0L)
            : row is { AsIssued: true, SalesAmount: { } s, TaxAmount: { } t } ? (s, t)
            : TaxSplit.FromTaxIncluded(total);
        var carrier = row.CarrierType is { } type && row.CarrierId is { } id ? new InvoiceCarrier(type, id, id) : null;
        return new InvoiceDocument(
            InvoiceNumber.Parse(row.Number),
            TaiwanTime.Local(row.IssuedAt),
            row.RandomCode ?? throw new ArgumentException($"{row.Number} has no random code.", nameof(row)),
            seller, buyer, items, sales, tax, total, carrier, row.DonationCode);
    }

    /// <summary>
    /// The seller as the proof said: the id (and name) the register printed, when it sent them; otherwise
    /// <paramref name="fromMasterData"/> (the store's seller, or the business's), which is what such a register printed.
    /// </summary>
    public static InvoiceParty SellerAsIssued(IssuedInvoice row, InvoiceParty fromMasterData) =>
        row.SellerTaxId is { } id
            ? new InvoiceParty(id, row.SellerName ?? (id == fromMasterData.Identifier ? fromMasterData.Name : id))
            : fromMasterData;

    public static IReadOnlyList<InvoiceItem> AsIssued(IssuedInvoice row, Order? order) =>
        row.AsIssued
            ? row.Items.OrderBy(i => i.Sequence).Select(i => new InvoiceItem(i.Description, i.Quantity, i.UnitPrice, i.Amount, TaxType: i.TaxType)).ToList()
            : (order?.Lines ?? []).OrderBy(l => l.LineNumber)
                .Select(l => new InvoiceItem(l.TypedName ?? l.Sku, l.Quantity, l.ChargedUnitPrice, l.Quantity * l.ChargedUnitPrice)).ToList();
}
