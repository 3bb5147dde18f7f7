using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Orders;

/// <summary>What the status reads show of an order, whichever table holds it (see <see cref="OrderHeaders"/>).</summary>
public sealed class OrderHeader
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public string StoreId { get; init; } = "";
    public string RegisterId { get; init; } = "";
    public long LocalNumber { get; init; }
    public DateTimeOffset SoldAt { get; init; }
    public decimal Total { get; init; }
    public OrderStatus Status { get; init; }
    public string? StatusReason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int OverrideCount { get; init; }
    public bool ChainBroken { get; init; }
}

/// <summary>An order that arrived and is not final yet: a <see cref="ReceivedOrder"/> or a legacy Received/Reconciling order row.</summary>
public sealed class WaitingOrder
{
    public Guid Id { get; init; }
    public string StoreId { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>A sale number that arrived from a register, whichever table holds its order.</summary>
public sealed class ArrivedNumber
{
    public string RegisterId { get; init; } = "";
    public long LocalNumber { get; init; }
    public bool ChainBroken { get; init; }
}

/// <summary>
/// The one place the reads see both homes of an order (issue 15): an order is a <see cref="ReceivedOrder"/> until its
/// worker writes it final into Orders and deletes the ReceivedOrder in the same transaction. Each query here is
/// one SQL statement (UNION ALL), so the database filters, sorts and pages across both tables and an order moving
/// between them is seen exactly once. A ReceivedOrder shows as Received with no reason, no overrides, not finished.
/// Old databases may still hold Orders rows in Received/Reconciling: they are read as they are.
/// </summary>
public static class OrderHeaders
{
    public static IQueryable<OrderHeader> All(CloudDbContext db) =>
        db.Orders.AsNoTracking().Select(o => new StoredHeader
        {
            Id = o.Id, BatchId = o.BatchId, StoreId = o.StoreId, RegisterId = o.RegisterId, LocalNumber = o.LocalNumber,
            SoldAt = o.SoldAt, Total = o.Total, Status = o.Status, StatusReason = o.StatusReason, ReceivedAt = o.ReceivedAt,
            FinishedAt = o.FinishedAt, OverrideCount = o.Overrides.Count, ChainBroken = o.ChainBroken,
        }).Concat(db.ReceivedOrders.AsNoTracking().Select(r => new StoredHeader
        {
            Id = r.Id, BatchId = r.BatchId, StoreId = r.StoreId, RegisterId = r.RegisterId, LocalNumber = r.LocalNumber,
            SoldAt = r.SoldAt, Total = r.Total, Status = null, StatusReason = null, ReceivedAt = r.ReceivedAt,
            FinishedAt = null, OverrideCount = 0, ChainBroken = r.ChainBroken,
        })).Select(h => new OrderHeader
        {
            Id = h.Id, BatchId = h.BatchId, StoreId = h.StoreId, RegisterId = h.RegisterId, LocalNumber = h.LocalNumber,
            SoldAt = h.SoldAt, Total = h.Total, Status = h.Status ?? OrderStatus.Received, StatusReason = h.StatusReason,
            ReceivedAt = h.ReceivedAt, FinishedAt = h.FinishedAt, OverrideCount = h.OverrideCount, ChainBroken = h.ChainBroken,
        });

    /// <summary>
    /// The UNION ALL's row. A ReceivedOrder's status is NULL there and becomes Received above, as COALESCE(Status, 'Received'):
    /// a constant enum inside the union would be sent as its number (0), since only the Orders column carries the
    /// string conversion — PostgreSQL refuses text UNION integer, SQLite would silently never match 'Received'.
    /// </summary>
    private sealed class StoredHeader
    {
        public Guid Id { get; init; }
        public Guid BatchId { get; init; }
        public string StoreId { get; init; } = "";
        public string RegisterId { get; init; } = "";
        public long LocalNumber { get; init; }
        public DateTimeOffset SoldAt { get; init; }
        public decimal Total { get; init; }
        public OrderStatus? Status { get; init; }
        public string? StatusReason { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public int OverrideCount { get; init; }
        public bool ChainBroken { get; init; }
    }

    /// <summary>Orders not final: every ReceivedOrder and the legacy Received/Reconciling rows (the backlog).</summary>
    public static IQueryable<WaitingOrder> Waiting(CloudDbContext db) =>
        db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling)
            .Select(o => new WaitingOrder { Id = o.Id, StoreId = o.StoreId, ReceivedAt = o.ReceivedAt })
            .Concat(db.ReceivedOrders.AsNoTracking().Select(r => new WaitingOrder { Id = r.Id, StoreId = r.StoreId, ReceivedAt = r.ReceivedAt }));

    /// <summary>Every register number that arrived (for completeness and broken chains).</summary>
    public static IQueryable<ArrivedNumber> Numbers(CloudDbContext db) =>
        db.Orders.AsNoTracking().Select(o => new ArrivedNumber { RegisterId = o.RegisterId, LocalNumber = o.LocalNumber, ChainBroken = o.ChainBroken })
            .Concat(db.ReceivedOrders.AsNoTracking().Select(r => new ArrivedNumber { RegisterId = r.RegisterId, LocalNumber = r.LocalNumber, ChainBroken = r.ChainBroken }));

    /// <summary>True when the order arrived (either table). ReceivedOrders is read first: an order only ever moves from there to Orders.</summary>
    public static async Task<bool> ExistsAsync(CloudDbContext db, Guid orderId, CancellationToken ct) =>
        await db.ReceivedOrders.AnyAsync(r => r.Id == orderId, ct) || await db.Orders.AnyAsync(o => o.Id == orderId, ct);

    /// <summary>
    /// One order with its lines, overrides and history (and payments when asked), untracked: the final row, or the
    /// ReceivedOrder as uploaded (<see cref="ReceivedOrder.ToOrder"/>: Received, lines without reconciliation, one
    /// history entry). ReceivedOrders is read first, since an order only moves from there to Orders: read the other
    /// way round, an order written final between the two reads would be found in neither.
    /// </summary>
    public static async Task<Order?> FindAsync(CloudDbContext db, Guid orderId, bool withPayments, CancellationToken ct)
    {
        var received = await db.ReceivedOrders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == orderId, ct);
        if (received is not null) return received.ToOrder();
        var query = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Overrides).Include(o => o.History).AsQueryable();
        if (withPayments) query = query.Include(o => o.Payments);
        return await query.AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, ct);
    }
}
