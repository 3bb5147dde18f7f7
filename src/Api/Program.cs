using PosCloud.Api.Returns;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PosCloud.Api.Batches;
using PosCloud.Api.Hosting;
using PosCloud.Api.Orders;
using PosCloud.Api.Stores;
using PosCloud.Api.Sync;
using PosCloud.Api.Catalog;
using PosCloud.Api.Admin;
using PosCloud.Api.Hq;
using PosCloud.Api.Invoices;
using PosCloud.Api.Dashboard;
using PosCloud.Api.Dashboard.Users;
using PosCloud.Api.Readiness;
using PosCloud.Core.Hosting;

// Content root = the app's folder, so its appsettings.json is read from any working directory (see CloudHost).
var builder = WebApplication.CreateBuilder(CloudHost.Options(args));
builder.AddPosCloudApi();

var app = builder.Build();
// Wrong settings (e.g. an Invoicing:SellerId that is not a 統一編號): one line each, exit code 2, no stack trace.
if (!CloudHost.SettingsAreValid(app.Services, "The PosCloud Api", typeof(PosCloud.Api.ApiHost).Assembly)) return 2;
await app.PrepareDatabaseAsync();

// The edge first: the real client (trusted proxies only) and the security headers of every response.
app.UseEdgeSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Before authentication: a flood of missing or made-up keys (or sign-ins) is refused without a database lookup.
app.UseRateLimiter();
app.Use(UploadSizeLimit.Middleware);
// Swagger UI and JSON: off in Production unless Swagger:Enabled=true.
if (SwaggerSettings.IsEnabled(app.Configuration, app.Environment))
{
    app.UseSwagger(o => o.PreSerializeFilters.Add((doc, req) =>
        doc.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = $"{req.Scheme}://{req.Host}", Description = "This PosCloud" }]));
    app.UseSwaggerUI(o => o.DocumentTitle = "PosCloud API");
}
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

var v1 = app.MapGroup("/api/v1");
v1.MapBatchesApi();
v1.MapOrdersApi();
v1.MapReturnsApi();
v1.MapStoresApi();
v1.MapSyncStatusApi();
v1.MapCatalogApi();
v1.MapAdminApi();
v1.MapDashboardUsersApi();
v1.MapMasterDataApi();
v1.MapHqActionsApi();
v1.MapInvoicesApi();
v1.MapPlatformMessagesApi();
v1.MapReadinessApi();
app.MapDashboard();
app.MapReadinessDashboard();
app.MapPlatformMessagesDashboard();

app.Run();
return 0;

namespace PosCloud.Api
{
    /// <summary>Names this assembly for tests (WebApplicationFactory&lt;ApiHost&gt;); .NET's generated Program exists in Workers too.</summary>
    public sealed class ApiHost;
}
