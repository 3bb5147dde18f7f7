using System.Diagnostics.Metrics;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Observability;

namespace PosCloud.Api.Readiness;

/// <summary>
/// poscloud.registers.not_ready{reason}: registers not ready for an outage, one series per reason (a register
/// with two reasons counts in both), sampled by <see cref="ReadinessSampler"/> so a scrape never queries the database.
/// </summary>
public static class ReadinessMetrics
{
    private static volatile IReadOnlyDictionary<NotReadyReason, long> _counts = new Dictionary<NotReadyReason, long>();

    public static readonly ObservableGauge<long> NotReady = PosCloudTelemetry.Meter.CreateObservableGauge("poscloud.registers.not_ready",
        () => Enum.GetValues<NotReadyReason>().Select(r => new Measurement<long>(_counts.GetValueOrDefault(r), new KeyValuePair<string, object?>("reason", r.ToString()))),
        "{register}", "Registers not ready for an outage, by reason");

    /// <summary>Pure: registers per reason.</summary>
    public static IReadOnlyDictionary<NotReadyReason, long> Count(IEnumerable<RegisterReadinessView> registers) =>
        Enum.GetValues<NotReadyReason>().ToDictionary(r => r, r => (long)registers.Count(v => v.Issues.Any(i => i.Reason == r)));

    public static void Publish(IReadOnlyDictionary<NotReadyReason, long> counts) => _counts = counts;
}

public sealed class ReadinessSampler(IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<ReadinessOptions> options, ILogger<ReadinessSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ReadinessMetrics.NotReady; // the gauge exists from the start
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<ReadinessQuery>().RunAsync(null, true, stoppingToken);
                ReadinessMetrics.Publish(ReadinessMetrics.Count(report.Items));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Could not sample register readiness; trying again later");
            }
            try { await Task.Delay(options.Value.MetricInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class ReadinessServiceExtensions
{
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ReadinessQuery>();
        services.AddScoped<SaleImports>();
        services.AddHostedService<ReadinessSampler>();
        services.AddAuthorizationBuilder().AddPolicy(ReadinessApi.ReadPolicy, p => p.RequireRole(Auth.Roles.Hq, Auth.Roles.Integrator));
        return services;
    }
}
