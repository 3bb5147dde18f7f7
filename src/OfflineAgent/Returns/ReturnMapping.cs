using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>A local return as the wire contract (OfflineReturn) wants it: what came back, the refund and the invoice change it made.</summary>
public static class ReturnMapping
{
    public static OfflineReturn ToWire(LocalReturn r)
    {
        var lines = r.Lines.OrderBy(l => l.LineIndex).ToList();
        return new OfflineReturn(
            r.Id, r.OrderId, r.LocalNumber, r.ReturnedAt, r.StaffId, r.Reason,
            lines.Select(l => new OfflineReturnLine(l.LineIndex, l.Sku, l.Quantity, l.Amount)).ToList(),
            [new OfflinePayment(r.RefundMethod, r.RefundTotal, r.RefundReference)],
            r.RefundTotal,
            r.ApprovedBy,
            r.OriginalInvoicePeriod,
            r.OriginalInvoiceNumber,
            r.CancelledInvoiceNumber is { } cancelled ? Cancel(r, cancelled) : null,
            r.ReplacementInvoiceNumber is { } number ? OrderMapping.Invoice(ReturnDocuments.ReplacementAsOrder(r), number, r.ReplacementIssuedAt!.Value) : null,
            r.AllowanceNumber is { } allowance ? Allowance(r, allowance) : null,
            r.AllowanceCancelId is { } cancelId && r.AllowanceNumber is { } cancelledAllowance
                ? new OfflineAllowanceCancel(cancelId, cancelledAllowance, r.AllowanceCancelledAt!.Value, r.AllowanceCancelStaffId!, r.AllowanceCancelReason!,
                    r.AllowanceCancelApprovedBy!, r.RefundTakenBack ?? 0)
                : null);
    }

    /// <summary>The cancel with the invoice's date and buyer, so the cloud can build the F0501 even before it has the invoice.</summary>
    private static OfflineInvoiceCancel Cancel(LocalReturn r, string number)
    {
        var sale = ReturnDocuments.Original(r);
        return new OfflineInvoiceCancel(r.CancelledInvoicePeriod!, number, r.CancelledAt!.Value, ReturnRules.CancelReason(r.Reason),
            r.OriginalInvoiceIssuedAt ?? sale.InvoiceIssuedAt, sale.BuyerTaxId);
    }

    private static OfflineAllowance Allowance(LocalReturn r, string number)
    {
        var sale = ReturnDocuments.Original(r);
        var (items, tax, net) = ReturnRules.Allowance(r.Lines.OrderBy(l => l.LineIndex).Select(l => (sale.Lines.First(s => s.Index == l.LineIndex), l.Quantity, l.Amount)).ToList());
        return new OfflineAllowance(number, r.ReturnedAt, r.OriginalInvoicePeriod!, r.OriginalInvoiceNumber!, r.OriginalInvoiceIssuedAt ?? sale.SoldAt,
            items.Select(i => new OfflineAllowanceItem(i.OriginalSequence, i.Description, i.Quantity, i.UnitPrice, i.Amount, i.Tax)).ToList(),
            tax, net, sale.BuyerTaxId, r.BuyerConsent ?? "signed");
    }
}
