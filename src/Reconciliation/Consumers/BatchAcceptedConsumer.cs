using MassTransit;
using PosCloud.Contracts.Messages;

namespace PosCloud.Reconciliation.Consumers;

/// <summary>Reconciles one accepted batch. Redelivery is harmless: final orders are skipped.</summary>
public sealed class BatchAcceptedConsumer(OrderReconciliationService reconciliation) : IConsumer<BatchAccepted>
{
    public Task Consume(ConsumeContext<BatchAccepted> context) =>
        reconciliation.ReconcileBatchAsync(context.Message.BatchId, context.CancellationToken);
}

/// <summary>HQ asked for orders to be reconciled again (after adding or mapping a SKU, or by hand).</summary>
public sealed class ReconciliationRequestedConsumer(OrderReconciliationService reconciliation) : IConsumer<ReconciliationRequested>
{
    public Task Consume(ConsumeContext<ReconciliationRequested> context) =>
        reconciliation.RerunAsync(context.Message.OrderIds, context.CancellationToken);
}
