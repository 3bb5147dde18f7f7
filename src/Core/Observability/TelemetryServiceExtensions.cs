using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PosCloud.Core.Observability;

public enum TelemetryExporter { Console, Otlp, None }

/// <summary>Section "Telemetry": Exporter = Console (default), Otlp (endpoint from Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT) or None.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.Console;
    public string? OtlpEndpoint { get; set; }
    /// <summary>How often metrics go to the console exporter.</summary>
    public int ConsoleMetricsIntervalSeconds { get; set; } = 60;
}

public static class TelemetryServiceExtensions
{
    /// <summary>
    /// Traces (ASP.NET Core, HttpClient, MassTransit, PosCloud) and metrics (PosCloud, ASP.NET Core).
    /// On the console only PosCloud's own spans are written, so the demo's output stays readable;
    /// over OTLP everything is sent.
    /// </summary>
    public static IServiceCollection AddPosCloudTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? configureTracing = null)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddHostedService<BacklogSampler>();
        if (options.Exporter == TelemetryExporter.None && configureTracing is null) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource(PosCloudTelemetry.SourceName);
                if (options.Exporter != TelemetryExporter.Console)
                    t.AddSource("MassTransit")
                        .AddAspNetCoreInstrumentation(a => a.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                        .AddHttpClientInstrumentation();
                switch (options.Exporter)
                {
                    case TelemetryExporter.Otlp:
                        t.AddOtlpExporter(o => { if (options.OtlpEndpoint is { } e) o.Endpoint = new Uri(e); });
                        break;
                    case TelemetryExporter.Console:
                        t.AddConsoleExporter();
                        break;
                }
                configureTracing?.Invoke(t);
            })
            .WithMetrics(m =>
            {
                m.AddMeter(PosCloudTelemetry.SourceName).AddAspNetCoreInstrumentation();
                switch (options.Exporter)
                {
                    case TelemetryExporter.Otlp:
                        m.AddOtlpExporter(o => { if (options.OtlpEndpoint is { } e) o.Endpoint = new Uri(e); });
                        break;
                    case TelemetryExporter.Console:
                        m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ConsoleMetricsIntervalSeconds * 1000);
                        break;
                }
            });
        return services;
    }
}
