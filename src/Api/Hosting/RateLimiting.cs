using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PosCloud.Api.Auth;
using PosCloud.Core.Stores;

namespace PosCloud.Api.Hosting;

/// <summary>
/// Section "RateLimit": a token bucket per client address, then one per API key (per address when no key
/// is sent). Both run before authentication, so a flood of made-up keys is refused without a database lookup.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";
    [Range(1, 100_000)] public int PermitsPerSecond { get; set; } = 20;
    [Range(1, 100_000)] public int Burst { get; set; } = 60;
    /// <summary>
    /// Requests a second from one client address (after forwarded headers from trusted proxies), whatever key
    /// it sends or none: API, dashboard and its sign-in. Generous, since a store's registers share its address.
    /// </summary>
    [Range(1, 100_000)] public int PerAddressPermitsPerSecond { get; set; } = 100;
    [Range(1, 100_000)] public int PerAddressBurst { get; set; } = 200;
    /// <summary>
    /// Uploads processed at once; the rest wait in line (oldest first) instead of all grabbing database
    /// connections when a region comes back online. Beyond the line, 429 with Retry-After.
    /// </summary>
    [Range(1, 10_000)] public int ConcurrentUploads { get; set; } = 16;
    [Range(0, 100_000)] public int UploadQueue { get; set; } = 5_000;
}

public static class RateLimiting
{
    public const string UploadPolicy = "uploads";

    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Health probes (the orchestrator's) are never limited. No address only happens in-process (tests' TestServer).
                if (http.Request.Path.StartsWithSegments("/health") || http.Connection.RemoteIpAddress is not { } address)
                    return RateLimitPartition.GetNoLimiter("unlimited");
                return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(options.PerAddressBurst, options.PerAddressPermitsPerSecond));
            });
            var perKey = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString();
                if (!http.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("pages");
                var partition = string.IsNullOrWhiteSpace(key) ? "ip:" + http.Connection.RemoteIpAddress : "key:" + ApiKeyHash.Of(key);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(options.Burst, options.PermitsPerSecond));
            });
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, perKey);
            limiter.AddConcurrencyLimiter(UploadPolicy, c =>
            {
                c.PermitLimit = options.ConcurrentUploads;
                c.QueueLimit = options.UploadQueue;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                ctx.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Results.Problem(title: "Too many requests", statusCode: 429,
                    detail: $"This key may make {options.PermitsPerSecond} requests a second (bursts of {options.Burst}), one client address {options.PerAddressPermitsPerSecond} " +
                        $"(bursts of {options.PerAddressBurst}). Retry after {retryAfter} s.")
                    .ExecuteAsync(ctx.HttpContext);
            };
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
