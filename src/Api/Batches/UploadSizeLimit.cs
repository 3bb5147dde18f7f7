using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PosCloud.Api.Batches;

/// <summary>
/// Refuses an upload body larger than Upload:MaxBodyBytes with 413 naming the limit. A declared
/// Content-Length is checked before reading; a chunked body is cut off by the server's own limit,
/// which is set to the same value for this endpoint.
/// </summary>
internal static class UploadSizeLimit
{
    /// <summary>Middleware: it must run before model binding reads the body, which endpoint filters cannot.</summary>
    public static async Task Middleware(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/api/v1/batches"))
        {
            var max = http.RequestServices.GetRequiredService<IOptions<UploadLimits>>().Value.MaxBodyBytes;
            if (http.Request.ContentLength > max)
            {
                await Results.Problem(title: "Batch too large", statusCode: 413,
                    detail: $"The body is {http.Request.ContentLength} bytes; an upload may be at most {max} bytes. Split the batch.").ExecuteAsync(http);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = max;
        }
        await next();
    }
}
