using PosCloud.Contracts;
using PosCloud.Core.Dashboard;

namespace PosCloud.UnitTests.Dashboard;

public class StatusCountDeltasTests
{
    [Fact]
    public void An_upload_then_reconciliation_moves_one_count_per_order()
    {
        var deltas = StatusCountDeltas.From([
            new("S001", null, OrderStatus.Received),
            new("S001", null, OrderStatus.Received),
            new("S002", OrderStatus.Received, OrderStatus.Reconciled),
            new("S002", OrderStatus.Received, OrderStatus.NeedsReview),
        ]);
        Assert.Equal([
            new StatusCountDelta("S001", OrderStatus.Received, 2),
            new StatusCountDelta("S002", OrderStatus.Received, -2),
            new StatusCountDelta("S002", OrderStatus.Reconciled, 1),
            new StatusCountDelta("S002", OrderStatus.NeedsReview, 1),
        ], deltas);
    }

    [Fact]
    public void Unchanged_and_cancelling_moves_write_nothing()
    {
        Assert.Empty(StatusCountDeltas.From([
            new("S001", OrderStatus.Reconciled, OrderStatus.Reconciled),
            new("S001", OrderStatus.NeedsReview, OrderStatus.Reconciled),
            new("S001", OrderStatus.Reconciled, OrderStatus.NeedsReview),
        ]));
    }

    [Fact]
    public void A_deleted_order_leaves_its_status_and_deltas_come_in_lock_order()
    {
        var deltas = StatusCountDeltas.From([new("S9", OrderStatus.Failed, null), new("S10", null, OrderStatus.Received), new("S9", null, OrderStatus.Received)]);
        Assert.Equal(["S10/Received/1", "S9/Received/1", "S9/Failed/-1"], deltas.Select(d => $"{d.StoreId}/{d.Status}/{d.Delta}"));
    }
}
