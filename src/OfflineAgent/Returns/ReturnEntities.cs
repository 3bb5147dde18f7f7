using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>
/// A return (退貨) or cancel (作廢) taken at this register. Written in ONE transaction with its lines, its refund, the
/// cancel mark on the original sale and the replacement invoice's number (block state): all or nothing. Pending
/// until the cloud has it, like a sale; it travels in the batch after its sale.
/// </summary>
public sealed class LocalReturn
{
    public Guid Id { get; set; }
    /// <summary>The register's own return number 1, 2, 3 … (unique, from register_state).</summary>
    public long LocalNumber { get; set; }
    public Guid OrderId { get; set; }
    /// <summary>The original sale is another register's (looked up in the cloud); its lines are copied in OriginalJson.</summary>
    public bool OriginalIsRemote { get; set; }
    /// <summary>The original sale's lines and invoice as they were when the return was taken (JSON of ReturnSale).</summary>
    public string OriginalJson { get; set; } = "";
    public DateTimeOffset ReturnedAt { get; set; }
    public string StaffId { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? ApprovedBy { get; set; }
    public bool MadeOffline { get; set; }

    /// <summary>"cash" or "card".</summary>
    public string RefundMethod { get; set; } = "cash";
    public string? RefundReference { get; set; }
    public decimal RefundTotal { get; set; }

    /// <summary>ReturnDocument as text: None, Cancel, CancelAndReissue, Allowance.</summary>
    public string Document { get; set; } = "None";
    public string? OriginalInvoicePeriod { get; set; }
    public string? OriginalInvoiceNumber { get; set; }
    public DateTimeOffset? OriginalInvoiceIssuedAt { get; set; }
    /// <summary>The printed proof (證明聯) must be collected back: a paper invoice (not carrier, not donated) was cancelled or allowed.</summary>
    public bool CollectPaperProof { get; set; }

    /// <summary>The invoice cancelled (作廢) — unique: an invoice is cancelled once.</summary>
    public string? CancelledInvoiceNumber { get; set; }
    public string? CancelledInvoicePeriod { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The new invoice for the kept items; the number is taken from this register's block in this transaction (unique).</summary>
    public string? ReplacementInvoiceNumber { get; set; }
    public string? ReplacementRandomCode { get; set; }
    public DateTimeOffset? ReplacementIssuedAt { get; set; }
    /// <summary>The kept lines the replacement invoice carries (JSON of SoldLine[]), as printed and uploaded.</summary>
    public string? ReplacementLinesJson { get; set; }

    /// <summary>The allowance (折讓) number, period + invoice + place (unique).</summary>
    public string? AllowanceNumber { get; set; }
    public long? AllowanceTax { get; set; }
    public long? AllowanceNet { get; set; }
    /// <summary>"signed" (paper 折讓證明單) or "electronic" (B2C, recorded at the counter).</summary>
    public string? BuyerConsent { get; set; }

    /// <summary>
    /// The allowance cancelled (作廢折讓, G0501) because it was issued by mistake: the return is undone (its quantities
    /// can be returned again) and the refund was taken back. Set once, in one transaction; travels to the cloud by the
    /// return being sent again (<see cref="AllowanceCancelState"/> Pending), exactly once by <see cref="AllowanceCancelId"/>.
    /// </summary>
    public Guid? AllowanceCancelId { get; set; }
    public DateTimeOffset? AllowanceCancelledAt { get; set; }
    /// <summary>G0501 CancelReason, 1–20 characters.</summary>
    public string? AllowanceCancelReason { get; set; }
    public string? AllowanceCancelStaffId { get; set; }
    public string? AllowanceCancelApprovedBy { get; set; }
    /// <summary>The refund taken back from the buyer, by the refund's own method.</summary>
    public decimal? RefundTakenBack { get; set; }
    /// <summary>"Pending" (not yet answered by the cloud), "Accepted" (stored, or already stored), "Rejected" (see <see cref="AllowanceCancelErrors"/>).</summary>
    public string? AllowanceCancelState { get; set; }
    public string? AllowanceCancelErrors { get; set; }

    public AgentOrderState State { get; set; }
    public Contracts.OrderStatus? CloudStatus { get; set; }
    public string? Reasons { get; set; }
    public Guid? BatchId { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<LocalReturnLine> Lines { get; set; } = [];
}

/// <summary>One returned line, by the original order's 0-based line index.</summary>
public sealed class LocalReturnLine
{
    public Guid ReturnId { get; set; }
    public int LineIndex { get; set; }
    public string Sku { get; set; } = "";
    public string? Name { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}
