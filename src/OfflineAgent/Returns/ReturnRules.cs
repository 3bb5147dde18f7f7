using PosCloud.Contracts.Limits;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Checkout;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>What a return does to the invoice (EINVOICE.md "Cancel, allowance and Turnkey").</summary>
public enum ReturnDocument
{
    /// <summary>The sale had no invoice: money back only.</summary>
    None,
    /// <summary>作廢 (F0501): the whole invoice, before its period is filed.</summary>
    Cancel,
    /// <summary>作廢 + a new invoice for the kept items (B2C partial return before filing).</summary>
    CancelAndReissue,
    /// <summary>折讓 (G0401): after filing, or a company buyer's partial return, or an invoice that already has one.</summary>
    Allowance,
}

/// <summary>A line of the original sale, by its 0-based index in the order's lines (the wire's LineIndex).</summary>
public sealed record SoldLine(int Index, string Sku, string? Name, decimal Quantity, decimal UnitPrice);

/// <summary>How many of a line come back (asked) or came back before (any register).</summary>
public sealed record LineQuantity(int LineIndex, decimal Quantity);

/// <summary>A return of the sale the cloud reported (any register), by id so this register's own are not counted twice.</summary>
/// <param name="Undone">Its allowance was cancelled (作廢折讓): its quantities no longer count.</param>
public sealed record CloudReturnSeen(Guid ReturnId, IReadOnlyList<LineQuantity> Lines, bool Allowance, bool Undone = false);

/// <summary>What the rules need to know about the invoice being returned against.</summary>
/// <param name="Period">Its period code (e.g. 11512); null: the sale had no invoice.</param>
/// <param name="HasAllowance">An allowance was already issued on it (then it can no longer be cancelled: E0403/E0213).</param>
public sealed record CurrentInvoice(string? Period, string? Number, string? BuyerTaxId, bool HasAllowance);

/// <summary>A problem with the return the clerk asked for, naming the field, in zh-TW and English.</summary>
public sealed record ReturnError(string Field, string Code, string Message);

/// <summary>
/// The return's rules as pure functions. Sources (checked 2026-11-30, search tool, ntbt.gov.tw quoting 統一發票使用辦法 §20):
/// before the period is filed a B2C invoice is cancelled (the 收執聯 collected) and, when items are kept, reissued for
/// them; a company buyer's invoice that shows its tax id may instead take a 折讓證明單 (§20 一(一) 但書); after filing,
/// an allowance. Filing is due by the 15th of the month after the period (營業稅法 §35); a business may cut off earlier.
/// </summary>
public static class ReturnRules
{
    /// <summary>The first instant at which the period counts as filed: 00:00 (Taipei) the day after the cutoff day of the month after the period.</summary>
    public static DateTimeOffset FiledFrom(InvoicePeriod period, int cutoffDay)
    {
        var next = new DateOnly(period.GregorianYear, period.EndMonth, 1).AddMonths(1);
        var day = next.AddDays(Math.Clamp(cutoffDay, 1, 15));
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
    }

    public static bool IsFiled(string periodCode, DateTimeOffset now, int cutoffDay) =>
        now >= FiledFrom(InvoicePeriod.Parse(periodCode), cutoffDay);

    /// <summary>
    /// Which document the return produces. <paramref name="returnsAllThatIsLeft"/>: nothing of the current invoice
    /// stays with the buyer after this return.
    /// </summary>
    /// <param name="canReissueHere">False when this register cannot issue the kept items' new invoice (another seller's
    /// sale, or a carrier it does not know): a partial return then takes an allowance.</param>
    public static ReturnDocument Decide(CurrentInvoice invoice, bool filed, bool returnsAllThatIsLeft, bool canReissueHere = true)
    {
        if (invoice.Number is null || invoice.Period is null) return ReturnDocument.None;
        if (filed || invoice.HasAllowance) return ReturnDocument.Allowance;
        if (returnsAllThatIsLeft) return ReturnDocument.Cancel;
        if (!canReissueHere) return ReturnDocument.Allowance;
        // §20 一(一) 但書: an invoice carrying the buyer's tax id may keep standing with a 折讓證明單.
        return invoice.BuyerTaxId is not null ? ReturnDocument.Allowance : ReturnDocument.CancelAndReissue;
    }

    /// <summary>What is left of each line: sold minus returned before (this register's and the cloud's).</summary>
    public static IReadOnlyDictionary<int, decimal> Left(IReadOnlyList<SoldLine> sold, IEnumerable<LineQuantity> returnedBefore)
    {
        var left = sold.ToDictionary(l => l.Index, l => l.Quantity);
        foreach (var r in returnedBefore)
            if (left.ContainsKey(r.LineIndex)) left[r.LineIndex] -= r.Quantity;
        return left;
    }

    /// <summary>Every problem with the asked lines: unknown line, quantity not positive, more than is left (never more returned than sold).</summary>
    public static IReadOnlyList<ReturnError> Validate(IReadOnlyList<SoldLine> sold, IEnumerable<LineQuantity> returnedBefore, IReadOnlyList<LineQuantity> asked, string? reason)
    {
        var errors = new List<ReturnError>();
        if (string.IsNullOrWhiteSpace(reason))
            errors.Add(new("reason", "reason.required", "請選擇或輸入退貨原因 (choose or type a reason)."));
        else if (reason.Trim().Length > ContractLimits.ReturnReasonMaxLength)
            errors.Add(new("reason", "reason.tooLong", $"退貨原因最多 {ContractLimits.ReturnReasonMaxLength} 字 (at most {ContractLimits.ReturnReasonMaxLength} characters)."));
        if (asked.Count == 0)
        {
            errors.Add(new("lines", "lines.empty", "請選擇要退的品項 (choose what comes back)."));
            return errors;
        }
        var left = Left(sold, returnedBefore);
        foreach (var group in asked.GroupBy(a => a.LineIndex))
        {
            var qty = group.Sum(a => a.Quantity);
            if (!left.TryGetValue(group.Key, out var remaining))
                errors.Add(new($"lines[{group.Key}]", "line.unknown", "原交易沒有這個品項 (the sale has no such line)."));
            else if (group.Any(a => a.Quantity <= 0))
                errors.Add(new($"lines[{group.Key}]", "line.quantity", "退貨數量須大於 0 (the quantity must be more than 0)."));
            else if (qty > remaining)
                errors.Add(new($"lines[{group.Key}]", "line.overReturn",
                    $"退貨數量超過可退數量：已售 {sold.First(s => s.Index == group.Key).Quantity:0.##}，尚可退 {Math.Max(0, remaining):0.##} (more than is left: sold {sold.First(s => s.Index == group.Key).Quantity:0.##}, {Math.Max(0, remaining):0.##} left)."));
        }
        return errors;
    }

    /// <summary>Nothing of the sale stays with the buyer after this return.</summary>
    public static bool ReturnsAllThatIsLeft(IReadOnlyList<SoldLine> sold, IEnumerable<LineQuantity> returnedBefore, IReadOnlyList<LineQuantity> asked) =>
        Kept(sold, returnedBefore, asked).Count == 0;

    /// <summary>The lines the buyer keeps after this return (what a replacement invoice is issued for).</summary>
    public static IReadOnlyList<SoldLine> Kept(IReadOnlyList<SoldLine> sold, IEnumerable<LineQuantity> returnedBefore, IReadOnlyList<LineQuantity> asked)
    {
        var left = Left(sold, returnedBefore.Concat(asked));
        return sold.Where(l => left[l.Index] > 0).Select(l => l with { Quantity = left[l.Index] }).ToList();
    }

    /// <summary>What one returned line refunds: its charged unit price × quantity, whole NT$ (invoices are in dollars).</summary>
    public static decimal Amount(SoldLine line, decimal quantity) => decimal.Round(line.UnitPrice * quantity, 0, MidpointRounding.AwayFromZero);

    /// <summary>Above the setting (0: off) a manager's PIN approves the return.</summary>
    public static bool NeedsManagerApproval(decimal refundTotal, decimal approvalAbove) => approvalAbove > 0 && refundTotal > approvalAbove;

    /// <summary>Refund: cash, or card with the terminal's reference (the card refund is done on the terminal).</summary>
    public static ReturnError? ValidateRefund(string? method, string? cardReference) => method switch
    {
        "cash" => null,
        "card" when string.IsNullOrWhiteSpace(cardReference) => new("cardReference", "refund.cardReference", "刷卡退款請輸入刷卡機的退款序號 (type the card terminal's refund reference)."),
        "card" when cardReference!.Trim().Length > 64 => new("cardReference", "refund.cardReferenceTooLong", "退款序號最多 64 字 (at most 64 characters)."),
        "card" => null,
        _ => new("refundMethod", "refund.method", "請選擇退款方式：現金或信用卡 (choose cash or card)."),
    };

    /// <summary>
    /// The allowance number: the original invoice's period (5) and number (10) and this allowance's place on it
    /// (1–9, then A–Z) = 16 characters, the MIG's maximum. Unique because the invoice is, and readable: whoever
    /// holds the slip sees which invoice it reduces. Two registers issuing the first allowance of the same invoice at
    /// the same time, both offline, is the over-return the cloud flags anyway.
    /// </summary>
    public static string AllowanceNumber(string period, string invoiceNumber, int earlierAllowances)
    {
        const string places = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        if (earlierAllowances < 0 || earlierAllowances >= places.Length)
            throw new InvalidOperationException($"Invoice {invoiceNumber} already has {earlierAllowances} allowances.");
        var number = period + invoiceNumber + places[earlierAllowances];
        return number.Length <= ContractLimits.AllowanceNumberMaxLength ? number : throw new InvalidOperationException($"Allowance number {number} is too long.");
    }

    /// <summary>MIG CancelReason is 1–20 characters: the clerk's reason, cut.</summary>
    public static string CancelReason(string reason)
    {
        var r = reason.Trim();
        return r.Length <= ContractLimits.CancelReasonMaxLength ? r : r[..ContractLimits.CancelReasonMaxLength];
    }

    /// <summary>One item of an allowance: the net amount and its 5% tax (whole NT$), from the tax-included refund.</summary>
    public sealed record AllowanceLine(int OriginalSequence, string Description, decimal Quantity, decimal UnitPrice, decimal Amount, long Tax);

    /// <summary>
    /// The allowance's items and totals from the tax-included refunds: the total's tax is split once (TaxSplit) and
    /// shared over the items, the last item taking the rounding, so the items add up to the totals exactly (E0221 checks them).
    /// </summary>
    public static (IReadOnlyList<AllowanceLine> Items, long Tax, long Net) Allowance(IReadOnlyList<(SoldLine Line, decimal Quantity, decimal Refund)> returned)
    {
        var total = (long)returned.Sum(r => r.Refund);
        var (net, tax) = TaxSplit.FromTaxIncluded(total);
        var items = new List<AllowanceLine>();
        long taxSoFar = 0;
        for (var i = 0; i < returned.Count; i++)
        {
            var (line, qty, refund) = returned[i];
            var itemTax = i == returned.Count - 1 ? tax - taxSoFar : (long)Math.Round(refund - refund / 1.05m, MidpointRounding.AwayFromZero);
            taxSoFar += itemTax;
            var itemNet = refund - itemTax;
            items.Add(new(line.Index + 1, string.IsNullOrWhiteSpace(line.Name) ? line.Sku : line.Name!, qty, qty == 0 ? 0 : decimal.Round(itemNet / qty, 2), itemNet, itemTax));
        }
        return (items, tax, net);
    }

    /// <summary>The screen's words for what will happen.</summary>
    public static string Describe(ReturnDocument document) => document switch
    {
        ReturnDocument.Cancel => "作廢發票 (cancel the invoice)",
        ReturnDocument.CancelAndReissue => "作廢發票並開立新發票 (cancel and reissue for the kept items)",
        ReturnDocument.Allowance => "開立折讓證明單 (issue an allowance)",
        _ => "僅退款 (refund only)",
    };

    /// <summary>The wire's InvoiceOutcome word (ReturnView).</summary>
    public static string Outcome(ReturnDocument document) => document switch
    {
        ReturnDocument.Cancel => "cancelled",
        ReturnDocument.CancelAndReissue => "cancelledAndReissued",
        ReturnDocument.Allowance => "allowance",
        _ => "none",
    };

    public static SaleError AsSaleError(ReturnError e) => new(e.Field, e.Code, e.Message);
}
