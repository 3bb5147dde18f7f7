using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PosCloud.Api.Dashboard.Overview;

/// <summary>
/// Every open dashboard polls the same overview. With Dashboard:OverviewCacheSeconds &gt; 0 the JSON is
/// computed once per period for all of them (single flight: concurrent misses wait for one query),
/// so a room full of HQ screens costs the database one query per period. 0 computes every request.
/// The answer carries Server-Timing (db work, or a cache hit) so slowness can be located.
/// </summary>
public sealed class OverviewCache(IServiceScopeFactory scopes, TimeProvider time, IOptions<DashboardOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (byte[] Json, DateTimeOffset At)? _current;

    public async Task<IResult> GetAsync(HttpContext http, CancellationToken ct)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.OverviewCacheSeconds);
        if (Fresh(ttl) is { } hit) return Answer(http, hit, "cache;desc=hit");
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(ttl) is { } late) return Answer(http, late, "cache;desc=hit");
            var clock = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<OverviewQuery>().RunAsync(ct);
            var queried = clock.Elapsed.TotalMilliseconds;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions);
            if (ttl > TimeSpan.Zero) _current = (bytes, time.GetUtcNow());
            return Answer(http, bytes, string.Create(CultureInfo.InvariantCulture,
                $"db;dur={queried:F1}, json;dur={clock.Elapsed.TotalMilliseconds - queried:F1}"));
        }
        finally
        {
            _gate.Release();
        }
    }

    private byte[]? Fresh(TimeSpan ttl) =>
        ttl > TimeSpan.Zero && _current is { } c && time.GetUtcNow() - c.At < ttl ? c.Json : null;

    private static IResult Answer(HttpContext http, byte[] body, string timing)
    {
        http.Response.Headers["Server-Timing"] = timing;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
