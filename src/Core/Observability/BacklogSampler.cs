using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Observability;

/// <summary>Samples the backlog and the outbox lag every 15 s, so the gauges never query the database on a scrape.</summary>
public sealed class BacklogSampler(IServiceScopeFactory scopes, TimeProvider time, ILogger<BacklogSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
                Volatile.Write(ref PosCloudTelemetry.Backlog,
                    await OrderHeaders.Waiting(db).LongCountAsync(stoppingToken));
                var oldest = await db.OutboxMessages.Where(m => m.DispatchedAt == null).OrderBy(m => m.CreatedAt)
                    .Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(stoppingToken);
                Volatile.Write(ref PosCloudTelemetry.OutboxLagSeconds, oldest is { } o ? (time.GetUtcNow() - o).TotalSeconds : 0);
                await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not sample the backlog; retrying in 15 s");
                await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
