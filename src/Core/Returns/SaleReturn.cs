using PosCloud.Contracts;

namespace PosCloud.Core.Returns;

/// <summary>
/// A return (退貨) or cancel (作廢) taken at a register, stored exactly once by the agent-made ReturnId (the primary
/// key). It names its original sale by OrderId without a foreign key: the return may arrive before its original,
/// and then waits (Pending) until the original is reconciled.
/// </summary>
public sealed class SaleReturn
{
    public Guid Id { get; init; }
    /// <summary>The original sale (any register or store of the business); it may not be stored yet.</summary>
    public Guid OrderId { get; init; }
    public Guid BatchId { get; init; }
    /// <summary>The store and register that took the return (not necessarily the original's).</summary>
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    public long LocalNumber { get; init; }
    public DateTimeOffset ReturnedAt { get; init; }
    public required string StaffId { get; init; }
    public required string Reason { get; init; }
    public decimal RefundTotal { get; init; }
    public string? ApprovedBy { get; init; }
    public string? OriginalInvoicePeriod { get; init; }
    public string? OriginalInvoiceNumber { get; init; }
    /// <summary>"cancelled", "cancelledAndReissued", "allowance" or "none" (<see cref="ReturnInvoiceOutcomes"/>).</summary>
    public required string InvoiceOutcome { get; init; }
    public string? CancelledInvoiceNumber { get; init; }
    public string? ReplacementInvoiceNumber { get; init; }
    public string? AllowanceNumber { get; init; }
    /// <summary>What was wrong with the invoice change it sent (e.g. an allowance number already used); makes it NeedsReview.</summary>
    public string? InvoiceProblem { get; init; }
    /// <summary>True once its quantities were taken back from the original's lines (it then counts in the sale's net total).</summary>
    public bool QuantitiesTakenBack { get; set; }
    public OrderStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<ReturnLine> Lines { get; init; } = [];
    public List<ReturnRefund> Refunds { get; init; } = [];
    /// <summary>Its allowance cancelled (作廢折讓) and the return undone; null while it stands.</summary>
    public ReturnAllowanceCancel? AllowanceCancel { get; set; }
}

/// <summary>One returned line, by the original order's 0-based line index (OrderLine.LineNumber − 1).</summary>
public sealed class ReturnLine
{
    public Guid ReturnId { get; init; }
    public int LineIndex { get; init; }
    public required string Sku { get; init; }
    public decimal Quantity { get; init; }
    public decimal Amount { get; init; }
    /// <summary>
    /// The returned share of the line's 店長改價, set when the return is reconciled: the override's difference ×
    /// returned ÷ sold quantity, sign reversed (a −178 discount on 2 units, one returned: +89). Net override totals are
    /// the overrides' differences plus these reversals; the override rows themselves are never changed.
    /// </summary>
    public decimal? OverrideReversal { get; set; }
}

public sealed class ReturnRefund
{
    public Guid ReturnId { get; init; }
    public int RefundNumber { get; init; }
    public required string Method { get; init; }
    public decimal Amount { get; init; }
    public string? Reference { get; init; }
}

public static class ReturnInvoiceOutcomes
{
    public const string Cancelled = "cancelled";
    public const string CancelledAndReissued = "cancelledAndReissued";
    public const string Allowance = "allowance";
    public const string None = "none";
    public const int MaxLength = 24;
}
