using PosCloud.Api.Dashboard.Actions;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Api.Dashboard.Charts;
using PosCloud.Api.Dashboard.Export;
using PosCloud.Api.Dashboard.Orders;
using PosCloud.Api.Dashboard.Overview;

namespace PosCloud.Api.Dashboard;

public static class DashboardServiceExtensions
{
    /// <summary>The dashboard's options, cookie sign-in, antiforgery and queries.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = config.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        services.AddDashboardAuth(options);
        services.AddScoped<OverviewQuery>();
        services.AddSingleton<OverviewCache>();
        services.AddSingleton<Auth.LoginThrottle>();
        services.AddScoped<ChartsQuery>();
        services.AddScoped<StoreOrdersQuery>();
        services.AddScoped<ExportQueries>();
        services.AddScoped<AuditLog>();
        return services;
    }
}
