using System.ComponentModel.DataAnnotations;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>Section "Returns": the business's own return rules.</summary>
public sealed class ReturnsOptions
{
    public const string Section = "Returns";

    /// <summary>
    /// The day of the month after an invoice period up to which (inclusive, Asia/Taipei) its invoices are still cancelled:
    /// the law's filing deadline is the 15th; a business that files earlier (or whose provider cuts off earlier, e.g. the
    /// 13th) sets that day. From the next day a return issues an allowance instead.
    /// </summary>
    [Range(1, 15, ErrorMessage = "Returns:FilingCutoffDay must be 1-15 (the 15th is the legal filing deadline).")]
    public int FilingCutoffDay { get; set; } = 15;

    /// <summary>A return refunding more than this needs a manager's PIN. 0 turns it off. Unset: 1,000 when a manager PIN is configured, else off.</summary>
    [Range(typeof(decimal), "0", "100000000")] public decimal? ManagerApprovalAbove { get; set; }

    public const decimal DefaultApprovalAbove = 1_000m;

    /// <summary>A limit nobody can approve would only stop returns at the counter: refused at start, as the sale cap is.</summary>
    public IEnumerable<string> Problems(bool pinConfigured)
    {
        if (ManagerApprovalAbove > 0 && !pinConfigured)
            yield return $"Returns:ManagerApprovalAbove is {ManagerApprovalAbove} but no manager PIN is set: set Agent:ManagerPin (or Agent:StaffPins:{{staffId}}), or Returns:ManagerApprovalAbove=0.";
    }

    public decimal EffectiveApprovalAbove(bool pinConfigured) => ManagerApprovalAbove ?? (pinConfigured ? DefaultApprovalAbove : 0m);
}
