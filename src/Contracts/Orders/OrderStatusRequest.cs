namespace PosCloud.Contracts.Orders;

/// <summary>The body of <c>POST /api/v1/orders/status</c>: up to 500 order ids (a GET with 500 ids is over common URL limits).</summary>
public sealed record OrderStatusRequest(IReadOnlyList<Guid> Ids);
