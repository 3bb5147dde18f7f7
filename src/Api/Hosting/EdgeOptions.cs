using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PosCloud.Api.Hosting;

/// <summary>
/// Section "ForwardedHeaders": the reverse proxies (TLS terminators, load balancers) whose X-Forwarded-For
/// and X-Forwarded-Proto are believed. Nothing else's are: anyone can send those headers, and believing
/// them would let a client pick the address the sign-in throttle and the rate limit count.
/// Empty (the default): the connection's own address and scheme are used.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. ["10.0.0.5", "::1"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. ["10.0.0.0/24"] (a Kubernetes ingress's pod network).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are unwound (X-Forwarded-For entries read from the right).</summary>
    [Range(1, 10)] public int ForwardLimit { get; set; } = 1;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));
    public IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var p in KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _)))
            yield return new($"'{p}' is not an IP address (e.g. 10.0.0.5).", [nameof(KnownProxies)]);
        foreach (var n in KnownNetworks.Where(n => !IPNetwork.TryParse(n?.Trim(), out _)))
            yield return new($"'{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24).", [nameof(KnownNetworks)]);
    }
}

/// <summary>Section "Swagger": the Swagger UI and JSON at /swagger.</summary>
public sealed class SwaggerSettings
{
    public const string Section = "Swagger";

    /// <summary>Serve /swagger. Default: on, except in Production (the API's map is not for every visitor).</summary>
    public bool? Enabled { get; set; }

    public static bool IsEnabled(IConfiguration config, IHostEnvironment env) =>
        config.GetValue<bool?>(Section + ":Enabled") ?? !env.IsProduction();
}
