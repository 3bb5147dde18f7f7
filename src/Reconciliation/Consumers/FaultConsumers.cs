using MassTransit;
using PosCloud.Contracts;
using PosCloud.Contracts.Messages;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation.Consumers;

/// <summary>
/// The bus gave up on a batch (retries exhausted; the message itself is in the _error queue).
/// MassTransit publishes Fault&lt;BatchAccepted&gt; on every transport; here the batch's orders that
/// are not final become Failed with the reason, visible in the status API, and HQ can re-run them.
/// </summary>
public sealed class BatchAcceptedFaultConsumer(OrderReconciliationService reconciliation, Returns.ReturnProcessing returns) : IConsumer<Fault<BatchAccepted>>
{
    public async Task Consume(ConsumeContext<Fault<BatchAccepted>> context)
    {
        var batchId = context.Message.Message.BatchId;
        await reconciliation.MarkReceivedFailedAsync(r => r.BatchId == batchId, FaultReason.Of(context.Message), context.CancellationToken);
        await reconciliation.MarkFailedAsync(
            o => o.BatchId == batchId && (o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling),
            FaultReason.Of(context.Message),
            context.CancellationToken);
        // Returns waiting for these orders are decided now (NeedsReview: the original failed), not after the wait limit.
        await returns.ResolveWaitingForAsync(context.Message.Message.OrderIds, context.CancellationToken);
    }
}

/// <summary>
/// A re-run that the bus gave up on: only its orders that are not final (Received, Reconciling) become Failed
/// with the reason. A NeedsReview or Failed order keeps its status and its own reason: a re-run never erases
/// the reason of an order it did not fail (a bad order among them is isolated by the service, not here).
/// </summary>
public sealed class ReconciliationRequestedFaultConsumer(OrderReconciliationService reconciliation) : IConsumer<Fault<ReconciliationRequested>>
{
    public async Task Consume(ConsumeContext<Fault<ReconciliationRequested>> context)
    {
        var ids = context.Message.Message.OrderIds.ToArray();
        await reconciliation.MarkReceivedFailedAsync(r => ids.Contains(r.Id), FaultReason.Of(context.Message), context.CancellationToken);
        await reconciliation.MarkFailedAsync(
            o => ids.Contains(o.Id) && (o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling),
            FaultReason.Of(context.Message),
            context.CancellationToken);
    }
}

public static class FaultReason
{
    /// <summary>
    /// "Reconciliation failed: Type: message → inner message", within the column's length. The inner
    /// messages matter: a DbUpdateException's own message only says "see the inner exception".
    /// </summary>
    public static string Of(Fault fault)
    {
        var parts = new List<string>();
        foreach (var ex in fault.Exceptions.Take(1))
            for (var e = ex; e is not null && parts.Count < 4; e = e.InnerException)
                parts.Add($"{ShortName(e.ExceptionType)}: {e.Message}");
        return Text(parts);
    }

    /// <summary>
    /// The same text for an exception caught in the worker (an order isolated as the cause of a refused save):
    /// EF's wrapper ("see the inner exception") is skipped, PostgreSQL's error is its code and message.
    /// </summary>
    public static string Of(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            if (e is Microsoft.EntityFrameworkCore.DbUpdateException && e.InnerException is not null) continue;
            parts.Add(e is Npgsql.PostgresException pg ? $"PostgreSQL {pg.SqlState}: {pg.MessageText}" : $"{e.GetType().Name}: {e.Message}");
        }
        return Text(parts);
    }

    private static string Text(List<string> parts)
    {
        var text = "Reconciliation failed: " + (parts.Count == 0 ? "unknown error" : string.Join(" → ", parts));
        return text.Length <= OrderReconciler.MaxReasonLength ? text : text[..(OrderReconciler.MaxReasonLength - 1)] + "…";
    }

    private static string ShortName(string type) => type[(type.LastIndexOf('.') + 1)..];
}
