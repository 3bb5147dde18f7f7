using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Stores;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Snapshot;

/// <summary>
/// While online, keeps the snapshot fresh so the agent is ready before the next outage: asks with
/// If-None-Match (a 304 costs nothing), right after coming online and then every interval.
/// </summary>
public sealed class SnapshotRefresher(
    CloudClient cloud, SnapshotCache cache, ConnectivityMonitor connectivity,
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
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/stores/{Uri.EscapeDataString(agent.Value.StoreId)}/snapshot");
            if (cache.ETag is { } etag && cache.Current is not null && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
            using var response = await cloud.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                await cache.MarkCheckedAsync(ct);
                return true;
            }
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Snapshot refresh: the cloud answered {Status} for store {Store}; keeping the cached snapshot.", (int)response.StatusCode, agent.Value.StoreId);
                return false;
            }
            var snapshot = await response.Content.ReadFromJsonAsync<StoreSnapshot>(SnapshotCache.Json, ct);
            if (snapshot is null) return false;
            var newTag = response.Headers.ETag?.ToString() ?? $"\"{snapshot.Version}\"";
            await cache.SaveAsync(snapshot, newTag, ct);
            log.LogInformation("Snapshot {Version} of {Store} cached: {Staff} staff, {Customers} customers, {Products} products.",
                snapshot.Version, snapshot.StoreId, snapshot.Staff.Count, snapshot.Customers.Count, snapshot.Catalog.Count);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogInformation("Snapshot refresh failed ({Reason}); keeping the cached one.", e.Message);
            return false;
        }
    }
}
