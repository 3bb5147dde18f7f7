using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace PosCloud.OfflineAgent.Hosting;

/// <summary>A random token made when the agent starts; its own pages carry it, nothing else can read it.</summary>
public sealed class AgentSessionToken
{
    public string Value { get; } = RandomNumberGenerator.GetHexString(64, lowercase: true);

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Value));
}

/// <summary>
/// The agent's front door (see <see cref="LocalRequestRules"/>): refuses foreign Host names (421), refuses
/// state-changing calls without the agent's own Origin or its token (403), serves the HTML pages with the
/// token written in, and puts the browser security headers on every answer.
/// </summary>
public static class LocalRequestGuard
{
    public static IApplicationBuilder UseLocalRequestGuard(this WebApplication app, bool allowNonLoopback)
    {
        var token = app.Services.GetRequiredService<AgentSessionToken>();
        var pages = app.Environment.WebRootFileProvider;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PosCloud.OfflineAgent.LocalApi");
        return app.Use(async (http, next) =>
        {
            SecurityHeaders(http.Response);
            var request = http.Request;
            if (!LocalRequestRules.IsLoopbackHost(request.Host.Value, http.Connection.LocalPort, anyPort: allowNonLoopback))
            {
                log.LogWarning("Refused {Method} {Path} for Host {Host}: the agent answers only its own loopback address.", request.Method, request.Path, request.Host.Value);
                await Refuse(http, StatusCodes.Status421MisdirectedRequest, "agent.host",
                    "此收銀程式只接受本機位址（127.0.0.1 / localhost）。", "This agent answers only its own address on this machine (127.0.0.1 / localhost).");
                return;
            }
            if (LocalRequestRules.ChangesState(request.Method))
            {
                var origin = request.Headers.Origin.ToString();
                if (!LocalRequestRules.IsOwnOrigin(origin, request.Scheme, request.Host.Value!))
                {
                    log.LogWarning("Refused {Method} {Path} from Origin '{Origin}': not the agent's own page.", request.Method, request.Path, origin);
                    await Refuse(http, StatusCodes.Status403Forbidden, "agent.origin",
                        "只接受本收銀畫面送出的操作。", "Only this register's own screen may do this (wrong or missing Origin).");
                    return;
                }
                if (!token.Matches(request.Headers[LocalRequestRules.TokenHeader].ToString()))
                {
                    log.LogWarning("Refused {Method} {Path}: missing or wrong agent token.", request.Method, request.Path);
                    await Refuse(http, StatusCodes.Status403Forbidden, "agent.token",
                        "畫面已過期，請重新整理頁面後再試。", "The screen is out of date: reload the page and try again.");
                    return;
                }
            }
            else if (PageFile(request.Path) is { } name && pages.GetFileInfo(name) is { Exists: true } file)
            {
                await ServePage(http, file, token.Value);
                return;
            }
            await next(http);
        });
    }

    /// <summary>"/" and "/x.html": the pages that get the token. Everything else is served as it is.</summary>
    private static string? PageFile(PathString path) =>
        path.Value is null or "/" ? "index.html"
        : path.Value.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !path.Value.Contains("..", StringComparison.Ordinal) ? path.Value.TrimStart('/')
        : null;

    private static async Task ServePage(HttpContext http, IFileInfo file, string token)
    {
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        var html = LocalRequestRules.InjectToken(await reader.ReadToEndAsync(http.RequestAborted), token);
        // The token changes with every start of the agent: a cached page would carry a dead one.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>No framing (clickjacking of the checkout), no MIME sniffing, no referrer to other sites.</summary>
    private static void SecurityHeaders(HttpResponse response)
    {
        var h = response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";
    }

    private static Task Refuse(HttpContext http, int status, string code, string zh, string en)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new
        {
            type = "about:blank", title = en, status, code, messageZh = zh, messageEn = en, detail = $"{zh} / {en}",
        }, options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json", cancellationToken: http.RequestAborted);
    }
}
