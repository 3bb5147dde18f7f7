using PosCloud.Api.Hq;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using PosCloud.Api.Dashboard.Actions;
using PosCloud.Api.Dashboard.Auth;

namespace PosCloud.Api.Readiness;

/// <summary>
/// The dashboard's readiness page data (viewer) and the import of a register's export file (operator,
/// antiforgery-checked, audited). Same query and import path as the public API.
/// </summary>
public static class ReadinessDashboard
{
    public static WebApplication MapReadinessDashboard(this WebApplication app)
    {
        var api = app.MapGroup("/dashboard/api").RequireAuthorization(DashboardPolicies.View).ExcludeFromDescription();
        api.MapGet("/readiness", (ReadinessQuery q, bool? notReadyOnly, CancellationToken ct) => q.RunAsync(null, notReadyOnly ?? false, ct));
        var act = api.MapGroup("").RequireAuthorization(DashboardPolicies.Operate).AddEndpointFilter<AntiforgeryCheck>().DisableAntiforgery();
        act.MapPost("/registers/{registerId}/imports", ImportAsync);
        return app;
    }

    private static async Task<IResult> ImportAsync(string registerId, HttpRequest request, ClaimsPrincipal user, SaleImports imports, AuditLog audit,
        IOptions<ReadinessOptions> options, CancellationToken ct)
    {
        var (file, problem) = await ReadinessApi.ReadFileAsync(request, options.Value.MaxImportBytes, ct);
        if (problem is not null) return problem;
        var outcome = await imports.ImportAsync(registerId, file!, "dashboard:" + user.Identity!.Name, ct);
        var storeId = registerId.Contains("-R", StringComparison.Ordinal) ? registerId[..registerId.LastIndexOf("-R", StringComparison.Ordinal)] : null;
        await audit.RecordAsync(user.Identity.Name!, "import-sales", registerId, storeId, null,
            new ActionOutcome(outcome.Status, outcome.Code, outcome.Result?.Accepted ?? 0, outcome.Result is null ? $"{outcome.Code}: {outcome.Reason}" : outcome.Reason), ct);
        return ReadinessApi.Answer(outcome);
    }
}
