using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Messages;
using PosCloud.Core.Observability;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Outbox;

/// <summary>
/// Publishes committed outbox rows to the bus, oldest first, and marks each one only after the
/// broker accepted it. While the broker is down the rows stay and are retried on every poll, so a
/// batch accepted during an outage is reconciled once RabbitMQ is back. Publishing is at least
/// once; consumers are idempotent.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly Dictionary<string, Type> MessageTypes = typeof(BatchAccepted).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(BatchAccepted).Namespace)
        .ToDictionary(t => t.FullName!);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(ex);
                published = 0;
            }
            if (published < options.Value.BatchSize)
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Claims and publishes up to one page of pending rows in one transaction; returns how many were published.
    /// The claim (<see cref="OutboxClaim"/>) keeps another replica's dispatcher off these rows until the commit.
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        // A user transaction must run inside the provider's retrying strategy; a retry may publish a row
        // again (at least once; consumers are idempotent), never lose one.
        var published = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // SQLite (one process) needs no claim, and its write lock would stop uploads while publishing.
            await using var tx = OutboxClaim.NeedsTransaction(db) ? await db.Database.BeginTransactionAsync(ct) : null;
            var pending = await OutboxClaim.PendingAsync(db, options.Value.BatchSize, ct);
            var count = await PublishAsync(pending, ct);
            await db.SaveChangesAsync(CancellationToken.None);
            if (tx is not null) await tx.CommitAsync(CancellationToken.None);
            return count;
        });
        if (published > 0) LogPublished(published);
        await PruneIfDueAsync(db, ct);
        return published;
    }

    private async Task<int> PublishAsync(List<OutboxMessage> pending, CancellationToken ct)
    {
        var published = 0;
        foreach (var row in pending)
        {
            row.Attempts++;
            try
            {
                if (!MessageTypes.TryGetValue(row.MessageType, out var type))
                    throw new InvalidOperationException($"Unknown outbox message type {row.MessageType}");
                var message = JsonSerializer.Deserialize(row.Payload, type, OutboxWriter.Json)!;
                using var span = PosCloudTelemetry.Source.StartActivity("outbox publish " + type.Name, ActivityKind.Producer, row.TraceParent);
                span?.SetTag("messaging.message.id", row.Id);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.Value.PublishTimeout);
                await bus.Publish(message, type, ctx => ctx.MessageId = row.Id, timeout.Token);
                row.DispatchedAt = time.GetUtcNow();
                row.LastError = null;
                published++;
                PosCloudTelemetry.OutboxPublished.Add(1);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                LogPublishFailed(row.Id, row.MessageType, row.Attempts, ex.Message);
                break; // keep order: the broker is likely down, try the rest on the next poll
            }
        }
        return published;
    }

    /// <summary>
    /// Deletes rows dispatched longer ago than <see cref="OutboxOptions.Retention"/>, at most once per
    /// <see cref="OutboxOptions.PruneInterval"/>; they are kept that long only to look into a publish.
    /// </summary>
    private async Task PruneIfDueAsync(CloudDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < _nextPruneAt) return;
        _nextPruneAt = now + options.Value.PruneInterval;
        var cutoff = now - options.Value.Retention;
        var pruned = await db.OutboxMessages.Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff).ExecuteDeleteAsync(ct);
        if (pruned > 0) LogPruned(pruned, options.Value.Retention);
    }

    private DateTimeOffset _nextPruneAt = DateTimeOffset.MinValue;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox pruned {Count} row(s) dispatched more than {Retention} ago")]
    private partial void LogPruned(int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox published {Count} message(s)")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox could not publish {MessageId} ({MessageType}, attempt {Attempts}): {Error}. It stays in the outbox and will be retried.")]
    private partial void LogPublishFailed(Guid messageId, string messageType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; retrying on the next poll")]
    private partial void LogDispatchFailed(Exception ex);
}
