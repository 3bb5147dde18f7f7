using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosCloud.Reconciliation.Turnkey;

/// <summary>
/// The poll loop of <see cref="TurnkeyDelivery"/>: hand over what is pending, follow up what was handed over (ERR,
/// recovery), read Turnkey's result files; then wait Turnkey:PollInterval. A failed round is logged and retried.
/// </summary>
public sealed partial class TurnkeyDeliveryService(
    TurnkeyDelivery delivery,
    IOptions<TurnkeyOptions> options,
    IOptions<WorkerTestHooks> hooks,
    TimeProvider time,
    ILogger<TurnkeyDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopAfterRecord = hooks.Value.TestTurnkeyStopAfterRecord;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handed = await delivery.HandOverPendingAsync(stopAfterRecord, stoppingToken);
                if (stopAfterRecord && handed > 0)
                {
                    LogStoppedByTestHook(handed);
                    return; // a test's stand-in for a worker killed between the record and the rename
                }
                await delivery.FollowUpAsync(stoppingToken);
                await delivery.ReadResultsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
            }
            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turnkey delivery round failed; retrying on the next poll")]
    private partial void LogRoundFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnkey delivery stopped after recording {Count} hand-over(s) without renaming them (Workers:TestTurnkeyStopAfterRecord)")]
    private partial void LogStoppedByTestHook(int count);
}

public static class TurnkeyServiceExtensions
{
    /// <summary>
    /// The Turnkey settings (validated at start: Turnkey:Root must exist when enabled) and, when Turnkey:Enabled, the
    /// delivery worker. Called by the Workers host, and by the Api when it hosts the workers (embedded default).
    /// </summary>
    public static IServiceCollection AddTurnkeyDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<TurnkeyOptions>().BindConfiguration(TurnkeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!config.GetValue<bool>($"{TurnkeyOptions.Section}:{nameof(TurnkeyOptions.Enabled)}")) return services;
        services.AddSingleton<TurnkeyDelivery>();
        services.AddHostedService<TurnkeyDeliveryService>();
        return services;
    }
}
