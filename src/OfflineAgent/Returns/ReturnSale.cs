using PosCloud.OfflineAgent.Invoicing;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>
/// The original sale as a return sees it: its lines, its current invoice (the original, or the replacement an earlier
/// return issued), and what came back before — from this register's returns and those the cloud reports.
/// </summary>
public sealed record ReturnSale(
    Guid OrderId,
    bool Remote,
    string StoreId,
    string RegisterId,
    long LocalNumber,
    DateTimeOffset SoldAt,
    decimal Total,
    IReadOnlyList<SoldLine> Lines,
    string? PaymentMethod,
    string? InvoicePeriod,
    string? InvoiceNumber,
    DateTimeOffset? InvoiceIssuedAt,
    string? BuyerTaxId,
    string? CarrierType,
    string? CarrierId,
    string? DonationCode,
    IReadOnlyList<LineQuantity> ReturnedBefore,
    int AllowancesOnInvoice,
    bool InvoiceCancelled,
    bool Uploaded,
    IReadOnlyList<CloudReturnSeen>? CloudReturns = null,
    string? StoreName = null,
    string? SellerTaxId = null,
    string? SellerName = null)
{
    /// <summary>A paper proof exists (to collect back on cancel): not on a carrier, not donated. (Another store's sale
    /// comes with its carrier's kind only, never the carrier's id.)</summary>
    public bool HasPaperProof => InvoiceNumber is not null && CarrierId is null && CarrierType is null && DonationCode is null;

    /// <summary>
    /// This register can issue the replacement invoice of a cancel-and-reissue: the sale's seller is this register's
    /// (another seller's numbers are not ours to issue) and, on a carrier, the carrier's id is known (the cloud never
    /// gives another store's). Otherwise a partial return takes an allowance, which the original seller issues any time.
    /// </summary>
    public bool CanReissueHere(string? ownSellerTaxId) =>
        (SellerTaxId is null || ownSellerTaxId is null || SellerTaxId == ownSellerTaxId) && !(CarrierType is not null && CarrierId is null);

    public CurrentInvoice Current => new(InvoicePeriod, InvoiceNumber, BuyerTaxId, AllowancesOnInvoice > 0);
}

/// <summary>What the clerk asked: the whole sale, or lines and quantities; the reason; the refund; the PIN when needed.</summary>
public sealed record ReturnAsk(
    bool Whole,
    IReadOnlyList<LineQuantity> Lines,
    string? Reason,
    string? RefundMethod,
    string? CardReference,
    string? BuyerConsent);

/// <summary>One line coming back, with its refund.</summary>
public sealed record PlannedLine(int LineIndex, string Sku, string? Name, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>What a return will do, shown before it is confirmed and done exactly when it is.</summary>
/// <param name="CollectPaperProof">The screen asks for the printed 證明聯 back (作廢 of a paper invoice, or a B2C allowance's 收執聯).</param>
/// <param name="AllowanceCopies">折讓證明單 copies to print: 2 for a company buyer (it stamps both), 1 for a consumer.</param>
public sealed record ReturnPlan(
    IReadOnlyList<ReturnError> Errors,
    ReturnDocument Document,
    IReadOnlyList<PlannedLine> Lines,
    IReadOnlyList<SoldLine> Kept,
    decimal RefundTotal,
    bool NeedsManagerPin,
    bool Filed,
    bool CollectPaperProof,
    int AllowanceCopies,
    string Description)
{
    public bool Ok => Errors.Count == 0;
}

public static class ReturnPlanning
{
    /// <summary>Pure: the plan of a return of <paramref name="sale"/> at <paramref name="now"/>.</summary>
    /// <param name="ownSellerTaxId">This register's seller (the store's own 統一編號 or the business's); null: not known.</param>
    public static ReturnPlan Plan(ReturnSale sale, ReturnAsk ask, DateTimeOffset now, int cutoffDay, decimal approvalAbove, string? ownSellerTaxId = null)
    {
        var left = ReturnRules.Left(sale.Lines, sale.ReturnedBefore);
        var asked = ask.Whole
            ? left.Where(kv => kv.Value > 0).Select(kv => new LineQuantity(kv.Key, kv.Value)).ToList()
            : ask.Lines.ToList();
        var errors = ReturnRules.Validate(sale.Lines, sale.ReturnedBefore, asked, ask.Reason).ToList();
        if (ask.Whole && asked.Count == 0)
        {
            errors.RemoveAll(e => e.Code == "lines.empty");
            errors.Add(new("lines", "lines.nothingLeft", "這筆交易已全部退貨 (everything of this sale has been returned)."));
        }
        if (ReturnRules.ValidateRefund(ask.RefundMethod, ask.CardReference) is { } refundError) errors.Add(refundError);
        if (ask.BuyerConsent is not null and not ("signed" or "electronic"))
            errors.Add(new("buyerConsent", "buyerConsent", "顧客同意方式須為簽收或電子同意 (signed or electronic)."));
        if (sale.InvoiceCancelled && errors.All(e => e.Code is not ("line.overReturn" or "lines.nothingLeft")))
            errors.Add(new("invoice", "invoice.cancelled", "這張發票已作廢 (this invoice is already cancelled)."));

        // A missing reason does not change what the return does: the plan is still shown while the clerk picks one.
        var blocking = errors.Count(e => e.Field != "reason") > 0;
        var planned = blocking ? [] : asked.GroupBy(a => a.LineIndex).Select(g =>
        {
            var line = sale.Lines.First(l => l.Index == g.Key);
            var qty = g.Sum(a => a.Quantity);
            return new PlannedLine(line.Index, line.Sku, line.Name, qty, line.UnitPrice, ReturnRules.Amount(line, qty));
        }).OrderBy(l => l.LineIndex).ToList();
        var kept = ReturnRules.Kept(sale.Lines, sale.ReturnedBefore, blocking ? [] : asked);
        var filed = sale.InvoicePeriod is { } p && ReturnRules.IsFiled(p, now, cutoffDay);
        var document = blocking ? ReturnDocument.None : ReturnRules.Decide(sale.Current, filed, kept.Count == 0, sale.CanReissueHere(ownSellerTaxId));
        var refund = planned.Sum(l => l.Amount);
        var collect = sale.HasPaperProof && document is ReturnDocument.Cancel or ReturnDocument.CancelAndReissue
            || sale.HasPaperProof && document == ReturnDocument.Allowance && sale.BuyerTaxId is null && filed;
        return new ReturnPlan(errors, document, planned, kept, refund, ReturnRules.NeedsManagerApproval(refund, approvalAbove), filed, collect,
            document == ReturnDocument.Allowance ? (sale.BuyerTaxId is null ? 1 : 2) : 0, ReturnRules.Describe(document));
    }
}
