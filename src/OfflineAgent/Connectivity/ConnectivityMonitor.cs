using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Connectivity;

/// <summary>
/// Probes {Cloud:BaseUrl}/health/live with a short timeout and feeds each answer to
/// <see cref="ConnectivityRules"/>. The screen polls the verdict; the queue uploads only when online.
/// </summary>
public sealed class ConnectivityMonitor(CloudRegisterClient cloud, IOptions<CloudOptions> options, TimeProvider time, ILogger<ConnectivityMonitor> log) : BackgroundService
{
    private ConnectivityState _state = ConnectivityState.Initial(time.GetUtcNow());
    private readonly SemaphoreSlim _changed = new(0);

    public ConnectivityState State => _state;
    public bool IsOnline => _state.Status == Reachability.Online;

    /// <summary>Raised when the verdict changes (not on every probe).</summary>
    public event Action<ConnectivityState>? Changed;

    /// <summary>A failed upload is evidence too: it counts like a failed probe, so the screen does not lag.</summary>
    public void ReportFailure(string error) => Apply(false, error);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        log.LogInformation("Watching the cloud at {Url} every {Interval} s ({Failures} failures → offline, {Successes} successes → online).",
            cloud.ProbeUrl, o.ProbeInterval.TotalSeconds, o.FailuresToOffline, o.SuccessesToOnline);
        while (!stoppingToken.IsCancellationRequested)
        {
            var (ok, error) = await ProbeAsync(stoppingToken);
            if (stoppingToken.IsCancellationRequested) break;
            Apply(ok, error);
            try { await Task.Delay(o.ProbeInterval, time, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }

    private void Apply(bool ok, string? error)
    {
        var o = options.Value;
        ConnectivityState before, after;
        lock (_changed)
        {
            before = _state;
            after = ConnectivityRules.Next(before, ok, error, o.FailuresToOffline, o.SuccessesToOnline, time.GetUtcNow());
            _state = after;
        }
        if (after.Status == before.Status) return;
        if (after.Status == Reachability.Offline)
            log.LogWarning("Cloud unreachable ({Error}); OFFLINE — sales are kept on this register and uploaded later.", after.LastError);
        else if (after.Status == Reachability.Online)
            log.LogInformation("Cloud reachable again; ONLINE — queued sales will upload now.");
        Changed?.Invoke(after);
    }

    private async Task<(bool Ok, string? Error)> ProbeAsync(CancellationToken ct)
    {
        try
        {
            var status = await cloud.ProbeAsync(options.Value.ProbeTimeout, ct);
            return (int)status is >= 200 and < 300 ? (true, null) : (false, $"health answered {(int)status}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (false, "stopping");
        }
        catch (Exception e)
        {
            // Any failure of a probe (refused, reset mid-answer, timed out) means "not reachable";
            // letting one escape would stop the host, and the clerk with it.
            return (false, e.Message);
        }
    }
}
