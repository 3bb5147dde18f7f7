using PosCloud.Contracts;

namespace PosCloud.Core.Orders;

/// <summary>A batch as it arrived; BatchId is made by the agent and unique.</summary>
public sealed class Batch
{
    public Guid Id { get; init; }
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public int AcceptedCount { get; set; }
    public int DuplicateCount { get; set; }
    public int RejectedCount { get; set; }
}

/// <summary>An offline order uploaded to the cloud. OrderId is made by the agent; a unique key makes it exactly once.</summary>
public sealed class Order
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    public long LocalNumber { get; init; }
    public DateTimeOffset SoldAt { get; init; }
    public required string StaffId { get; init; }
    public string? CustomerPhone { get; init; }
    public decimal Total { get; init; }
    public string? PreviousHash { get; init; }
    public string? Hash { get; init; }
    public string? InvoiceNumber { get; init; }
    /// <summary>The manager who approved a sale above the register's offline cap (staff id or "store-manager-pin").</summary>
    public string? ApprovedBy { get; init; }
    public const int ApprovedByMaxLength = PosCloud.Contracts.Limits.ContractLimits.ApprovedByMaxLength;
    /// <summary>Set when this sale's PreviousHash is not the Hash of the register's sale before it.</summary>
    public bool ChainBroken { get; set; }
    public OrderStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Optimistic concurrency: two workers reconciling the same order cannot both win.</summary>
    public int Version { get; set; }
    public List<OrderLine> Lines { get; init; } = [];
    public List<Payment> Payments { get; init; } = [];
    public List<PriceOverride> Overrides { get; init; } = [];
    public List<OrderStatusChange> History { get; init; } = [];

    public void MoveTo(OrderStatus status, string? reason, DateTimeOffset at)
    {
        Status = status;
        StatusReason = reason;
        FinishedAt = status.IsFinal() ? at : null;
        History.Add(new OrderStatusChange { OrderId = Id, Status = status, At = at, Reason = reason });
        Version++;
    }
}

public sealed class OrderLine
{
    public Guid OrderId { get; init; }
    public int LineNumber { get; init; }
    public required string Sku { get; init; }
    public string? TypedName { get; init; }
    public LineType Type { get; init; }
    public decimal Quantity { get; init; }
    public decimal ChargedUnitPrice { get; init; }
    public string? PriceSource { get; init; }
    public string? SnapshotVersion { get; init; }
    /// <summary>
    /// How many of this line the reconciled returns took back (any register). Moved only by a conditional update
    /// (<c>… SET ReturnedQuantity = ReturnedQuantity + q WHERE ReturnedQuantity + q &lt;= Quantity</c>), so two
    /// registers returning the same sale can never take back more than was sold.
    /// </summary>
    public decimal ReturnedQuantity { get; set; }
    // Set by reconciliation:
    public string? MatchedSku { get; set; }
    public string? CatalogName { get; set; }
    public decimal? ExpectedUnitPrice { get; set; }
    /// <summary>Comma-separated reconciliation flags (unknownSku, inactiveProduct, …).</summary>
    public string? Flags { get; set; }
}

public sealed class Payment
{
    public Guid OrderId { get; init; }
    public int PaymentNumber { get; init; }
    public required string Method { get; init; }
    public decimal Amount { get; init; }
    public string? Reference { get; init; }
}

/// <summary>店長改價: one per order line whose charged price differs from the expected one.</summary>
public sealed class PriceOverride
{
    public Guid OrderId { get; init; }
    public int LineNumber { get; init; }
    public required string Sku { get; set; }
    public decimal ExpectedUnitPrice { get; set; }
    public decimal ChargedUnitPrice { get; set; }
    public decimal Difference { get; set; }
    public decimal Quantity { get; set; }
    public required string Reason { get; set; }
    public string? ManagerStaffId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class OrderStatusChange
{
    public long Id { get; init; }
    public Guid OrderId { get; init; }
    public OrderStatus Status { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Reason { get; init; }
}
