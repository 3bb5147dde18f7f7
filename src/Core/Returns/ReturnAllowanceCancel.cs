namespace PosCloud.Core.Returns;

/// <summary>
/// An allowance cancelled at a register (作廢折讓, G0501), stored exactly once by the register-made CancelId (the
/// primary key); one per return (unique ReturnId: an allowance is cancelled once). Cancelling undoes the return: the
/// worker gives its quantities back to the original's lines (if they were taken) and the refund no longer nets the
/// sale, since the register took the money back.
/// </summary>
public sealed class ReturnAllowanceCancel
{
    public Guid Id { get; init; }
    public Guid ReturnId { get; init; }
    public required string AllowanceNumber { get; init; }
    public Guid BatchId { get; init; }
    public required string StoreId { get; init; }
    public DateTimeOffset CancelledAt { get; init; }
    public required string StaffId { get; init; }
    /// <summary>G0501 CancelReason (1–20 characters).</summary>
    public required string Reason { get; init; }
    public required string ApprovedBy { get; init; }
    /// <summary>What the buyer paid back of the refund.</summary>
    public decimal RefundTakenBack { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>True once the worker undid the return (gave back the quantities it had taken, or finished it without taking any).</summary>
    public bool ReturnUndone { get; set; }
}
