using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Readiness;

namespace PosCloud.Api.Readiness;

/// <summary>The public routes: heartbeat (register key), readiness (HQ/integrator), imports (HQ).</summary>
public static class ReadinessApi
{
    /// <summary>HQ and integrator keys read every register's readiness.</summary>
    public const string ReadPolicy = "readiness-read";

    public static RouteGroupBuilder MapReadinessApi(this RouteGroupBuilder api)
    {
        api.MapPost("/registers/{registerId}/heartbeat", HeartbeatApi.PostHeartbeat)
            .WithTags("Readiness").RequireAuthorization(Policies.Register)
            .WithName("PostRegisterHeartbeat")
            .WithSummary("A register reports its readiness for an outage (every minute while online)")
            .WithDescription("Snapshot age, invoice numbers left this period and for the next, printer, queue, clock offset, agent version. Own register only. The answer carries the cloud's time (the register measures its clock against it) and what HQ sees.")
            .ProducesProblem(400).ProducesProblem(403);
        api.MapGet("/readiness", GetReadiness)
            .WithTags("Readiness").RequireAuthorization(ReadPolicy)
            .WithName("GetReadiness")
            .WithSummary("Every register's readiness for an outage, with the reasons and since when (?notReadyOnly=true&storeId=)")
            .WithDescription("Not ready when the snapshot is older than Readiness:MaxSnapshotAge, invoice numbers are under Readiness:LowNumbersMark, there is no next-period block within Readiness:NextPeriodBlockLeadTime of the period end, the printer is in error, or the clock is off by more than Readiness:MaxClockOffset; NoHeartbeat when it has not reported for Readiness:HeartbeatMissingAfter. HQ and integrator keys.")
            .ProducesProblem(401).ProducesProblem(403);
        api.MapPost("/registers/{registerId}/imports", PostImport)
            .WithTags("Readiness").RequireAuthorization(Policies.Hq)
            .Accepts<object>("application/json")
            .Produces<SaleImportResult>(StatusCodes.Status200OK)
            .WithName("ImportRegisterSales")
            .WithSummary("Import a register's escape-hatch export file (its unsynced sales, signed with its key)")
            .WithDescription("The body is the file exactly as the register wrote it. A file changed after export, or of another register, is refused with 422 and the reason. Each sale takes the upload's exactly-once path: already in the cloud → duplicate; a later upload of an imported sale → duplicate.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(413).ProducesProblem(422);
        return api;
    }

    internal static async Task<Ok<ReadinessReport>> GetReadiness(ReadinessQuery query, bool? notReadyOnly, string? storeId, CancellationToken ct) =>
        TypedResults.Ok(await query.RunAsync(storeId, notReadyOnly ?? false, ct));

    internal static async Task<IResult> PostImport(string registerId, HttpRequest request, ClaimsPrincipal user, SaleImports imports, IOptions<ReadinessOptions> options, CancellationToken ct)
    {
        var (file, problem) = await ReadFileAsync(request, options.Value.MaxImportBytes, ct);
        if (problem is not null) return problem;
        return Answer(await imports.ImportAsync(registerId, file!, "api:" + user.Identity?.Name, ct));
    }

    internal static IResult Answer(SaleImportOutcome outcome) => outcome.Result is { } result
        ? TypedResults.Ok(result)
        : TypedResults.Problem(title: "Import refused", detail: outcome.Reason, statusCode: outcome.Status,
            extensions: new Dictionary<string, object?> { ["code"] = outcome.Code });

    /// <summary>The body, at most <paramref name="max"/> bytes (413 above).</summary>
    internal static async Task<(byte[]? File, IResult? Problem)> ReadFileAsync(HttpRequest request, long max, CancellationToken ct)
    {
        IResult TooLarge() => TypedResults.Problem(title: "File too large", detail: $"An import may be at most {max} bytes (Readiness:MaxImportBytes).", statusCode: 413);
        if (request.ContentLength > max) return (null, TooLarge());
        // Kestrel's own cap (30 MB by default) would cut a large export short; this endpoint's cap is the setting.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = max;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, TypedResults.Problem(title: "file is empty", detail: "Send the export file as the body.", statusCode: 400));
        return (buffer.ToArray(), null);
    }
}
