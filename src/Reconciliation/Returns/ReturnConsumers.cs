using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Messages;

namespace PosCloud.Reconciliation.Returns;

/// <summary>Processes the returns of an accepted batch. Redelivery is harmless: only Received returns are touched.</summary>
public sealed class ReturnsAcceptedConsumer(ReturnProcessing returns) : IConsumer<ReturnsAccepted>
{
    public Task Consume(ConsumeContext<ReturnsAccepted> context) =>
        returns.ProcessAsync(context.Message.ReturnIds, context.CancellationToken);
}

/// <summary>
/// Every <see cref="ReturnsOptions.SweepInterval"/>: returns that waited longer than the setting for their original
/// become NeedsReview. Safe on many workers at once (each write is conditional on the return still waiting).
/// </summary>
public sealed partial class ReturnWaitSweeper(IServiceScopeFactory scopes, IOptions<ReturnsOptions> options, TimeProvider time, ILogger<ReturnWaitSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<ReturnProcessing>().ExpireWaitingAsync(stoppingToken);
                if (expired > 0) LogExpired(expired);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down: the next tick tries again.
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} return(s) waited too long for their original sale and need review")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of waiting returns failed; retrying on the next tick")]
    private partial void LogSweepFailed(Exception ex);
}
