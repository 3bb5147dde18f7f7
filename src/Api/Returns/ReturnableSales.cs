using PosCloud.Contracts;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Core.Returns;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Api.Returns;

/// <summary>
/// What another store's register may see of a sale to take it back, as a pure projection: only the fields a return
/// uses. Leaving a field out here is the privacy rule (no phone, no staff, no carrier id, no whole card reference; a
/// donation code is a charity's public code).
/// </summary>
public static class ReturnableSales
{
    public static ReturnableSaleView View(Order order, string storeName, IssuedInvoice invoice, InvoiceParty seller, IReadOnlyList<SaleReturn> returns)
    {
        // A return the cloud refused (final without taking anything back) took nothing: it neither counts nor shows.
        var counted = returns.Where(Counts).ToList();
        var waiting = counted.Where(r => !r.QuantitiesTakenBack).SelectMany(r => r.Lines)
            .GroupBy(l => l.LineIndex).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var lines = order.Lines.OrderBy(l => l.LineNumber).Select(l =>
        {
            var index = l.LineNumber - 1;
            var returned = Math.Min(l.Quantity, l.ReturnedQuantity + waiting.GetValueOrDefault(index));
            return new ReturnableLineView(index, l.Sku, l.TypedName ?? l.CatalogName, l.Type, l.Quantity, l.ChargedUnitPrice, returned,
                (l.Quantity - returned) * l.ChargedUnitPrice);
        }).ToList();
        return new ReturnableSaleView(
            order.Id, order.StoreId, storeName, order.RegisterId, order.LocalNumber, order.SoldAt, order.Total,
            ReturnsApi.NetTotal(order.Total, returns), order.Status, lines,
            order.Payments.OrderBy(p => p.PaymentNumber).Select(p => new ReturnablePaymentView(p.Method, p.Amount, Last4(p.Reference))).ToList(),
            new ReturnableInvoiceView(invoice.Period, invoice.Number, invoice.IssuedAt, invoice.BuyerTaxId, invoice.CarrierType,
                invoice.DonationCode, invoice.Voided, seller.Identifier, seller.Name),
            counted.Select(r => new ReturnableEarlierReturnView(r.Id, r.StoreId, r.ReturnedAt,
                r.Lines.OrderBy(l => l.LineIndex).Select(l => new ReturnedLineView(l.LineIndex, l.Quantity)).ToList(),
                r.InvoiceOutcome, r.OriginalInvoiceNumber, r.AllowanceNumber, r.Status)).ToList());
    }

    /// <summary>Taken back, or not yet decided (it may still take back: the register must not sell it twice).</summary>
    public static bool Counts(SaleReturn r) => r.QuantitiesTakenBack || !r.Status.IsFinal();

    private static string? Last4(string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? null : reference.Trim() is var t && t.Length <= 4 ? t : t[^4..];
}
