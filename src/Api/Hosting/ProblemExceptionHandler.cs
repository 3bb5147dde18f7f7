using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Hosting;

/// <summary>Turns every unhandled error into problem details: malformed JSON names its position, anything else hides the stack trace.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Malformed JSON", $"The body is not valid JSON for this request at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): {FirstSentence(json.Message)}"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ when exception.IsTransientDatabaseFailure() =>
                (503, "Temporarily unavailable", "The database is busy or unreachable. Nothing was saved from this request; send it again (same batchId) after the Retry-After delay."),
            _ => (500, "Unexpected error", "The server could not finish this request. It was logged with the trace id below; nothing was half-saved."),
        };
        if (status == 503)
        {
            logger.LogWarning(exception, "Transient failure on {Method} {Path}; answered 503", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = "5";
        }
        else if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] + "." : message;
    }
}
