using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.OfflineAgent.Connectivity;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>One upload attempt as the queue needs it: the HTTP status (null: no answer), the answer or the problem.</summary>
public sealed record UploadAttempt(HttpStatusCode? Status, UploadBatchResponse? Answer, string? Problem, TimeSpan? RetryAfter)
{
    /// <summary>The cloud answered and stored none of it, and this batch may be the reason (StuckBatchRules.RefusedWhole).</summary>
    public bool RefusedWhole => Answer is null && Status is { } s && StuckBatchRules.RefusedWhole(s);

    /// <summary>No answer to go by: a timeout or cut, or a 2xx whose body was unreadable (then the cloud DID store it).</summary>
    public bool NoAnswer => Answer is null && (Status is null || (int)Status is >= 200 and < 300);
}

/// <summary>Did the cloud ever receive a batchId?</summary>
public enum BatchPresence { Stored, NeverReceived, Unknown }

/// <summary>
/// The cloud's order endpoints as typed calls (upload, status, one order, one batch); their URLs: CloudRoutes. It says what the cloud answered; UploadQueueService decides what to do about it.
/// </summary>
public sealed class CloudOrdersClient(CloudClient cloud, TimeProvider time, ILogger<CloudOrdersClient> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// 100 ids a request: 500 UUIDs make an 18 KB URL, past Kestrel's 8 KB request line (found by the
    /// 10,000-order benchmark, where every poll failed and nothing ever became final).
    /// </summary>
    internal const int StatusIdsPerRequest = 100;

    private bool _statusBatchEndpointMissing;

    /// <summary>POST api/v1/batches. Never throws for the cloud's trouble: a timeout or cut is Status null.</summary>
    public async Task<UploadAttempt> UploadAsync(UploadBatchRequest request, CancellationToken ct)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, CloudRoutes.Batches) { Content = JsonContent.Create(request, options: Json) };
            using var response = await cloud.SendAsync(message, ct);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return new(response.StatusCode, await response.Content.ReadFromJsonAsync<UploadBatchResponse>(Json, ct), null, null);
                }
                catch (JsonException e)
                {
                    return new(response.StatusCode, null, $"{(int)response.StatusCode} with an unreadable answer: {e.Message}", null);
                }
            }
            TimeSpan? retryAfter = (int)response.StatusCode == 429 ? RetryRules.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) : null;
            return new(response.StatusCode, null, $"{(int)response.StatusCode} {await ShortBodyAsync(response, ct)}", retryAfter);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            return new(null, null, e.Message, null);
        }
    }

    /// <summary>GET api/v1/batches/{id}: 404 means the cloud never stored that batchId (its row commits with its orders).</summary>
    public async Task<(BatchPresence Presence, BatchView? Batch)> GetBatchAsync(Guid batchId, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Batch(batchId));
            using var response = await cloud.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return (BatchPresence.NeverReceived, null);
            if (!response.IsSuccessStatusCode) return (BatchPresence.Unknown, null);
            return (BatchPresence.Stored, await response.Content.ReadFromJsonAsync<BatchView>(Json, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            log.LogInformation("Could not ask the cloud about batch {BatchId}: {Reason}", batchId, e.Message);
            return (BatchPresence.Unknown, null);
        }
    }

    /// <summary>The cloud's short status of each id (found:false for one it does not have). Throws HttpRequestException, TimeoutException or JsonException.</summary>
    public async Task<IReadOnlyList<OrderStatusView>> GetStatusesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (!_statusBatchEndpointMissing)
        {
            var all = new List<OrderStatusView>();
            foreach (var chunk in ids.Chunk(StatusIdsPerRequest))
            {
                var part = await GetStatusChunkAsync(chunk, ct);
                if (part is null) break;
                all.AddRange(part);
            }
            if (!_statusBatchEndpointMissing) return all;
        }
        return await GetStatusesOneByOneAsync(ids.Take(20), ct);
    }

    /// <summary>GET api/v1/orders/{id} for the 詳情 page: the view, or why there is none (notInCloud, cloud503, unreachable).</summary>
    public async Task<(OrderView? View, string? Unavailable)> GetOrderAsync(Guid orderId, CancellationToken ct, TimeSpan? timeout = null)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Order(orderId));
            using var response = await cloud.SendAsync(request, ct, timeout);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<OrderView>(Json, ct), null);
            return (null, response.StatusCode == HttpStatusCode.NotFound ? "notInCloud" : $"cloud{(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            return (null, "unreachable");
        }
    }

    /// <summary>GET api/v1/returns/{id}: one of this store's returns as the cloud has it — the status of a return whose original
    /// sale is not in the cloud (yet) or is another store's (neither comes with an order view). Null when not there or no answer.</summary>
    public async Task<ReturnView?> GetReturnAsync(Guid returnId, CancellationToken ct, TimeSpan? timeout = null)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Return(returnId));
            using var response = await cloud.SendAsync(request, ct, timeout);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReturnView>(Json, ct) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// GET api/v1/returnable-sales/{period}/{number} (or by number alone): a sale of any register or store of the
    /// business, by its invoice, with only what a return needs. Null with why (notInCloud, ambiguous — the number was
    /// used in several periods —, cloud400 …, unreachable).
    /// </summary>
    public async Task<(ReturnableSaleView? View, string? Unavailable)> GetReturnableSaleAsync(string? period, string number, CancellationToken ct, TimeSpan? timeout = null)
    {
        try
        {
            var path = period is null ? $"api/v1/returnable-sales/{Uri.EscapeDataString(number)}" : $"api/v1/returnable-sales/{Uri.EscapeDataString(period)}/{Uri.EscapeDataString(number)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await cloud.SendAsync(request, ct, timeout);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<ReturnableSaleView>(Json, ct), null);
            return (null, response.StatusCode switch { HttpStatusCode.NotFound => "notInCloud", HttpStatusCode.Conflict => "ambiguous", _ => $"cloud{(int)response.StatusCode}" });
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            return (null, "unreachable");
        }
    }

    private async Task<IReadOnlyList<OrderStatusView>?> GetStatusChunkAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.OrderStatuses(ids));
        using var response = await cloud.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // An older cloud without the batch status endpoint: fall back to one order at a time.
            log.LogInformation("The cloud has no /api/v1/orders/status; asking order by order.");
            _statusBatchEndpointMissing = true;
            return null;
        }
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"status poll answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<List<OrderStatusView>>(Json, ct) ?? [];
    }

    /// <summary>Only a 404 means "unknown"; any other failure is no answer (an unknown must never be guessed from an error).</summary>
    private async Task<IReadOnlyList<OrderStatusView>> GetStatusesOneByOneAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new List<OrderStatusView>();
        foreach (var id in ids)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, CloudRoutes.Order(id));
            using var response = await cloud.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) { result.Add(new OrderStatusView(id, false, null, null, null)); continue; }
            if (!response.IsSuccessStatusCode) continue;
            var view = await response.Content.ReadFromJsonAsync<OrderView>(Json, ct);
            if (view is not null) result.Add(new OrderStatusView(id, true, view.Status, view.StatusReason, view.FinishedAt));
        }
        return result;
    }

    /// <summary>A problem document's title and detail (what a person can read on the screen), else the body cut short.</summary>
    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var title = doc.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var detail = doc.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (title is not null || detail is not null) body = string.Join(": ", new[] { title, detail }.Where(x => !string.IsNullOrWhiteSpace(x)));
            }
        }
        catch (JsonException) { /* not JSON: the body as it is */ }
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
