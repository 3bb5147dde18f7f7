using PosCloud.Contracts.Batches;
using PosCloud.Invoicing.Mig;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>A local sale as the wire contract wants it.</summary>
public static class OrderMapping
{
    public static OfflineOrder ToWire(LocalOrder o) => new(
        o.Id,
        o.LocalNumber,
        o.SoldAt,
        o.StaffId,
        o.CustomerPhone,
        o.Lines.OrderBy(l => l.LineNumber).Select(l => new OfflineOrderLine(l.Sku, l.Name, l.Type, l.Quantity, l.UnitPrice, l.PriceSource, l.SnapshotVersion)).ToList(),
        o.Payments.OrderBy(p => p.Sequence).Select(p => new OfflinePayment(p.Method, p.Amount, p.Reference)).ToList(),
        o.Total,
        // Filled by the invoicing seam; RandomCode is required by the contract when an invoice exists.
        o.InvoiceNumber is { } number && o.InvoiceIssuedAt is { } issuedAt ? Invoice(o, number, issuedAt) : null,
        string.IsNullOrEmpty(o.PreviousHash) ? null : o.PreviousHash,
        o.Hash,
        string.IsNullOrEmpty(o.VoidedInvoiceNumbers) ? null : o.VoidedInvoiceNumbers.Split(',', StringSplitOptions.RemoveEmptyEntries),
        o.ApprovedBy);

    /// <summary>The invoice as printed (items and totals from the same function the proof uses), so the cloud uploads what was issued.</summary>
    internal static OfflineInvoice Invoice(LocalOrder o, string number, DateTimeOffset issuedAt)
    {
        var printed = InvoiceRules.AsPrinted(o);
        return new OfflineInvoice(number, issuedAt, o.InvoiceRandomCode ?? "", o.BuyerTaxId, o.CarrierType, o.CarrierId, o.DonationCode,
            printed.Items.Select(i => new OfflineInvoiceItem(i.Description, i.Quantity, i.UnitPrice, i.Amount, i.TaxType ?? F0401Message.TaxableType)).ToList(),
            printed.SalesAmount, printed.TaxAmount, printed.TotalAmount,
            // The seller as printed; null for sales made before seller-per-store (the cloud then uses master data).
            o.SellerTaxId, o.SellerName);
    }
}
