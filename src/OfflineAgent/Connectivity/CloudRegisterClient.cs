using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Readiness;
using PosCloud.Contracts.Stores;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Connectivity;

/// <summary>The snapshot as the cloud answered: 304 (the cached one is current), another status, or the snapshot and its ETag.</summary>
public sealed record SnapshotFetch(HttpStatusCode Status, StoreSnapshot? Snapshot, string? ETag)
{
    public bool NotModified => Status == HttpStatusCode.NotModified;
}

/// <summary>The heartbeat as the cloud answered: its status, its answer (on success) and its Date header.</summary>
public sealed record HeartbeatReply(HttpStatusCode Status, HeartbeatAnswer? Answer, DateTimeOffset? Date)
{
    public bool Accepted => (int)Status is >= 200 and < 300;
}

/// <summary>
/// The cloud's register endpoints as typed calls (health probe, store snapshot, heartbeat). It says what the
/// cloud answered and throws what the transport throws (HttpRequestException, TimeoutException, JsonException);
/// ConnectivityMonitor, SnapshotRefresher and HeartbeatService decide what to send and when. The order
/// endpoints: CloudOrdersClient.
/// </summary>
public sealed class CloudRegisterClient(CloudClient cloud, IOptions<AgentOptions> agent)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Where the probe asks (for the log).</summary>
    public Uri ProbeUrl => new(cloud.BaseAddress, CloudRoutes.Health);

    /// <summary>GET health/live with the probe's own (short) timeout: the status it answered.</summary>
    public async Task<HttpStatusCode> ProbeAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Health);
        using var response = await cloud.SendAsync(request, ct, timeout);
        return response.StatusCode;
    }

    /// <summary>GET this store's snapshot, with If-None-Match when a cached one has an ETag (a 304 costs nothing).</summary>
    public async Task<SnapshotFetch> GetSnapshotAsync(string? cachedETag, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Snapshot(agent.Value.StoreId));
        if (cachedETag is not null && EntityTagHeaderValue.TryParse(cachedETag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        using var response = await cloud.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) return new(response.StatusCode, null, null);
        var snapshot = await response.Content.ReadFromJsonAsync<StoreSnapshot>(SnapshotCache.Json, ct);
        return new(response.StatusCode, snapshot, response.Headers.ETag?.ToString() ?? (snapshot is null ? null : $"\"{snapshot.Version}\""));
    }

    /// <summary>POST this register's heartbeat.</summary>
    public async Task<HeartbeatReply> SendHeartbeatAsync(RegisterHeartbeat heartbeat, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CloudRoutes.Heartbeat(agent.Value.RegisterId))
        {
            Content = JsonContent.Create(heartbeat, options: Json),
        };
        using var response = await cloud.SendAsync(request, ct);
        var answer = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(Json, ct) : null;
        return new(response.StatusCode, answer, response.Headers.Date);
    }
}
