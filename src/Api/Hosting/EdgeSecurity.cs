using Microsoft.AspNetCore.HttpOverrides;

namespace PosCloud.Api.Hosting;

/// <summary>
/// The Api's edge, before anything else runs: the real client address and scheme (from trusted proxies
/// only), and the browser security headers on every response.
/// </summary>
public static class EdgeSecurity
{
    /// <summary>One year; sent only over HTTPS (directly or through a trusted proxy).</summary>
    public const string Hsts = "max-age=31536000";

    /// <summary>JSON, CSV and problem documents: nothing to run, nothing to frame.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Swagger UI (outside Production, or with Swagger:Enabled) needs its own inline styles and bootstrap script.</summary>
    public const string SwaggerPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IServiceCollection AddEdgeSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = config.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = settings.ForwardLimit;
            // ASP.NET trusts loopback by default; here only what the settings name is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list too, in case it still holds the loopback default
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            // Bad entries are reported by the start-up validation (one line each); skip them here so that check gets to run.
            foreach (var p in settings.KnownProxies) if (System.Net.IPAddress.TryParse(p?.Trim(), out var ip)) o.KnownProxies.Add(ip);
            foreach (var n in settings.KnownNetworks) if (System.Net.IPNetwork.TryParse(n?.Trim(), out var net)) o.KnownIPNetworks.Add(net);
        });
        return services;
    }

    /// <summary>Forwarded headers first (so everything after sees the real client), then the headers of every response.</summary>
    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        // With no proxy named the middleware must not run at all: given empty lists it believes every sender.
        var trusted = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (trusted.KnownProxies.Count > 0 || trusted.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                AddSecurityHeaders(http);
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>Headers a handler set itself (the dashboard pages' CSP and Referrer-Policy) are kept.</summary>
    public static void AddSecurityHeaders(HttpContext http)
    {
        var h = http.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        if (!h.ContainsKey("Referrer-Policy")) h["Referrer-Policy"] = "no-referrer";
        if (!h.ContainsKey("Content-Security-Policy"))
            h.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : ApiPolicy;
        if (http.Request.IsHttps) h.StrictTransportSecurity = Hsts;
    }
}
