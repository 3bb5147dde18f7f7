using MassTransit;
using PosCloud.Contracts.Messages;

namespace PosCloud.Reconciliation.Consumers;

/// <summary>
/// Reconciles one accepted batch, then resolves the returns that were waiting for its orders (a return that arrived
/// before its original). Redelivery is harmless: final orders and final returns are skipped.
/// </summary>
public sealed class BatchAcceptedConsumer(OrderReconciliationService reconciliation, Returns.ReturnProcessing returns) : IConsumer<BatchAccepted>
{
    public async Task Consume(ConsumeContext<BatchAccepted> context)
    {
        await reconciliation.ReconcileBatchAsync(context.Message.BatchId, context.CancellationToken);
        await returns.ResolveWaitingForAsync(context.Message.OrderIds, context.CancellationToken);
    }
}

/// <summary>HQ asked for orders to be reconciled again (after adding or mapping a SKU, or by hand).</summary>
public sealed class ReconciliationRequestedConsumer(OrderReconciliationService reconciliation) : IConsumer<ReconciliationRequested>
{
    public Task Consume(ConsumeContext<ReconciliationRequested> context) =>
        reconciliation.RerunAsync(context.Message.OrderIds, context.CancellationToken);
}
