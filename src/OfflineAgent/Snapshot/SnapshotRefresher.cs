using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Snapshot;

/// <summary>
/// While online, keeps the snapshot fresh so the agent is ready before the next outage: asks with
/// If-None-Match (a 304 costs nothing), right after coming online and then every interval.
/// </summary>
public sealed class SnapshotRefresher(
    CloudRegisterClient cloud, SnapshotCache cache, ConnectivityMonitor connectivity,
    IOptions<AgentOptions> agent, IOptions<CloudOptions> cloudOptions, TimeProvider time, ILogger<SnapshotRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastTry = DateTimeOffset.MinValue;
        var wasOnline = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var online = connectivity.IsOnline;
            var due = time.GetUtcNow() - lastTry >= cloudOptions.Value.SnapshotRefreshInterval || cache.Current is null && time.GetUtcNow() - lastTry >= TimeSpan.FromSeconds(10);
            if (online && (!wasOnline || due))
            {
                lastTry = time.GetUtcNow();
                await RefreshOnceAsync(stoppingToken);
            }
            wasOnline = online;
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }

    public async Task<bool> RefreshOnceAsync(CancellationToken ct)
    {
        try
        {
            var fetch = await cloud.GetSnapshotAsync(cache.Current is not null ? cache.ETag : null, ct);
            if (fetch.NotModified)
            {
                await cache.MarkCheckedAsync(ct);
                return true;
            }
            if ((int)fetch.Status is < 200 or >= 300)
            {
                log.LogWarning("Snapshot refresh: the cloud answered {Status} for store {Store}; keeping the cached snapshot.", (int)fetch.Status, agent.Value.StoreId);
                return false;
            }
            if (fetch.Snapshot is not { } snapshot) return false;
            await cache.SaveAsync(snapshot, fetch.ETag!, ct);
            log.LogInformation("Snapshot {Version} of {Store} cached: {Staff} staff, {Customers} customers, {Products} products.",
                snapshot.Version, snapshot.StoreId, snapshot.Staff.Count, snapshot.Customers.Count, snapshot.Catalog.Count);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A connection cut mid-answer surfaces as IOException or JsonException too: keep the cached snapshot.
            log.LogInformation("Snapshot refresh failed ({Reason}); keeping the cached one.", e.Message);
            return false;
        }
    }
}
