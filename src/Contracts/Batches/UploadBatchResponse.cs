namespace PosCloud.Contracts.Batches;

/// <summary>The answer to an upload: one result per order, in the order they were sent.</summary>
/// <param name="Returns">One result per return sent, in the order sent (additive; empty when none were sent).</param>
public sealed record UploadBatchResponse(
    Guid BatchId,
    IReadOnlyList<OrderUploadResult> Results,
    IReadOnlyList<ReturnUploadResult>? Returns = null);

/// <param name="Status">The order's cloud status now; for a rejected order, Failed.</param>
public sealed record OrderUploadResult(
    Guid OrderId,
    UploadOutcome Outcome,
    OrderStatus Status,
    IReadOnlyList<FieldError> Errors);

/// <param name="Field">JSON path of the offending field, e.g. <c>orders[2].lines[0].unitPrice</c>.</param>
public sealed record FieldError(string Field, string Message);

/// <param name="Status">The return's cloud status now (statuses as for orders); for a rejected return, Failed.</param>
/// <param name="AllowanceCancel">What the cloud did with the return's <c>cancelledAllowance</c> (additive; null when none was sent).</param>
public sealed record ReturnUploadResult(
    Guid ReturnId,
    UploadOutcome Outcome,
    OrderStatus Status,
    IReadOnlyList<FieldError> Errors,
    AllowanceCancelUploadResult? AllowanceCancel = null);

/// <summary>The cloud's answer to an allowance cancel (作廢折讓): accepted, duplicate (the same CancelId again) or rejected with the fields.</summary>
public sealed record AllowanceCancelUploadResult(
    Guid CancelId,
    UploadOutcome Outcome,
    IReadOnlyList<FieldError> Errors);
