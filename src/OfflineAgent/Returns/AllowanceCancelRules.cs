using PosCloud.Contracts.Limits;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>What the rules need to know about an allowance the clerk wants to cancel.</summary>
/// <param name="AllowanceNumber">The return's allowance; null when the return issued none.</param>
/// <param name="IssuedAt">When the allowance was issued (the return's time).</param>
/// <param name="AlreadyCancelled">It was cancelled before (a cancelled number is never cancelled or used again).</param>
/// <param name="RefusedByCloud">The cloud refused the return (失敗): the platform never gets its allowance, so there is nothing to cancel.</param>
public sealed record AllowanceToCancel(string? AllowanceNumber, DateTimeOffset IssuedAt, bool AlreadyCancelled, bool RefusedByCloud);

/// <summary>
/// Cancelling an allowance (作廢折讓, G0501), as pure functions. What we implement, and why:
/// <list type="bullet">
/// <item>Only an allowance issued by mistake is cancelled, and cancelling it undoes its return: the quantities can be
///   returned again and the refund is taken back (recorded on the return, by its refund method). A corrected
///   allowance is then issued by taking a new, correct return — under a new number (the allowance's place on the
///   invoice moves on; a cancelled number is never issued again, as for invoices: E0201 / E0402).</item>
/// <item>Deadline: until the allowance's own period is filed — the same cutoff as an invoice cancel (統一發票使用辦法
///   §20: cancel before the period is declared; after it, the declared figures stand). An allowance reduces the sales
///   of the period it is issued in, so once that period is filed (the 15th of the next month, or the business's earlier
///   Returns:FilingCutoffDay) a cancel would change a filed return. The platform's exact G0501 cutoff is not published
///   in what we found (a provider's API has a "超過修改期限" code for it); this is the conservative reading.</item>
/// <item>The G0501 is due like the issue (§7④ "作廢…亦同"): B2C 2 days, B2B 7, from the day after the cancel.</item>
/// <item>Always a manager's approval, and a reason (MIG CancelReason, 1–20 characters).</item>
/// <item>Nothing is printed: the MOF has no paper form for a cancelled allowance. The signed 折讓證明單 the store holds
///   is marked 作廢 and kept with the return (the screen says so).</item>
/// </list>
/// </summary>
public static class AllowanceCancelRules
{
    /// <summary>The first instant at which the allowance can no longer be cancelled: its period counts as filed.</summary>
    public static DateTimeOffset CancelUntil(DateTimeOffset issuedAt, int cutoffDay) =>
        ReturnRules.FiledFrom(InvoicePeriod.Of(TaiwanTime.Local(issuedAt)), cutoffDay);

    public static bool CanCancel(AllowanceToCancel a, DateTimeOffset now, int cutoffDay) =>
        a.AllowanceNumber is not null && !a.AlreadyCancelled && !a.RefusedByCloud && now < CancelUntil(a.IssuedAt, cutoffDay);

    /// <summary>Every reason the cancel cannot be done, naming the field, zh-TW and English.</summary>
    public static IReadOnlyList<ReturnError> Check(AllowanceToCancel a, DateTimeOffset now, int cutoffDay, string? reason)
    {
        var errors = new List<ReturnError>();
        if (a.AllowanceNumber is null)
            errors.Add(new("returnId", "allowance.none", "這筆退貨沒有開立折讓證明單 (this return issued no allowance)."));
        else if (a.AlreadyCancelled)
            errors.Add(new("returnId", "allowance.cancelled", "這張折讓證明單已作廢 (this allowance is already cancelled)."));
        else if (a.RefusedByCloud)
            errors.Add(new("returnId", "allowance.refused", "雲端已拒收這筆退貨，折讓未上傳，無需作廢 (the cloud refused this return; its allowance was never filed)."));
        else if (now >= CancelUntil(a.IssuedAt, cutoffDay))
        {
            var until = TaiwanTime.Local(CancelUntil(a.IssuedAt, cutoffDay)).AddDays(-1);
            errors.Add(new("returnId", "allowance.filed",
                $"折讓所屬期別已申報（作廢期限 {until:yyyy-MM-dd}），不能作廢；請洽會計 (the allowance's period is filed: the last day to cancel was {until:yyyy-MM-dd}; ask the accountant)."));
        }
        if (string.IsNullOrWhiteSpace(reason))
            errors.Add(new("reason", "reason.required", "請輸入作廢原因 (type why the allowance is cancelled)."));
        else if (reason.Trim().Length > ContractLimits.CancelReasonMaxLength)
            errors.Add(new("reason", "reason.tooLong", $"作廢原因最多 {ContractLimits.CancelReasonMaxLength} 字 (at most {ContractLimits.CancelReasonMaxLength} characters)."));
        return errors;
    }
}
