using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Connectivity;

/// <summary>
/// The one HTTP client to the cloud: base address and the register's X-Api-Key. Timeouts are per
/// request (probe short, upload longer), so the HttpClient's own timeout is off.
/// </summary>
public sealed class CloudClient
{
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    public CloudClient(HttpClient http, IOptions<CloudOptions> cloud, IOptions<AgentOptions> agent)
    {
        _http = http;
        var baseUrl = cloud.Value.BaseUrl.EndsWith('/') ? cloud.Value.BaseUrl : cloud.Value.BaseUrl + "/";
        _http.BaseAddress = new Uri(baseUrl);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.Add("X-Api-Key", agent.Value.RegisterKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"PosCloud-OfflineAgent/1.0 ({agent.Value.RegisterId})");
        _requestTimeout = cloud.Value.RequestTimeout;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Sends with a timeout; a timeout surfaces as TimeoutException so callers can tell it from shutdown.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? _requestTimeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The cloud did not answer {request.Method} {request.RequestUri} within {(timeout ?? _requestTimeout).TotalSeconds:0.#} s.");
        }
    }
}
