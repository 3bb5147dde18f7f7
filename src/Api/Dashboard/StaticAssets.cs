using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

namespace PosCloud.Api.Dashboard;

/// <summary>
/// The dashboard's HTML, CSS and JS, embedded in the Api assembly (Dashboard/Web/*): served the same
/// way by dotnet run, tests, and a published container, with no CDN and no build step.
/// </summary>
public static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)?> Cache = new();

    public static (byte[] Bytes, string ETag)? Read(string name) => Cache.GetOrAdd(name, n =>
    {
        using var stream = Assembly.GetManifestResourceStream("PosCloud.Dashboard." + n);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"");
    });

    public static string ReadText(string name) =>
        Read(name) is { } asset ? System.Text.Encoding.UTF8.GetString(asset.Bytes) : throw new InvalidOperationException($"Dashboard asset {name} is not embedded.");

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>Pages run only our own scripts and styles; nothing may frame them.</summary>
    public static void PageHeaders(HttpContext http)
    {
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        h.XContentTypeOptions = "nosniff";
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "same-origin";
    }

    /// <summary>GET /dashboard/assets/{name}: public (they hold no data), cached by ETag.</summary>
    public static IResult Serve(string name, HttpContext http)
    {
        if (name.Contains('/') || name.Contains("..", StringComparison.Ordinal) || name.EndsWith(".html", StringComparison.Ordinal) || Read(name) is not { } asset)
            return TypedResults.NotFound();
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag) return TypedResults.StatusCode(304);
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Bytes, ContentType(name));
    }
}
