using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PosCloud.Core.Persistence;

public static class DatabaseServiceExtensions
{
    /// <summary>Registers <see cref="CloudDbContext"/> on the provider chosen by Database:Provider.</summary>
    public static IServiceCollection AddCloudDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        // The options are built once (Singleton): per scope, every request and message parsed the connection string
        // and built them anew, a visible share of the Api's and the workers' CPU in the storm profile (issue 15).
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<CloudDbContext, SqliteCloudDbContext>(o => o.UseSqlite(options.ConnectionString),
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.PostgreSql:
                var connectionString = PostgresConnectionDefaults.Apply(options.ConnectionString);
                services.AddDbContext<CloudDbContext, PostgresCloudDbContext>(o => o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure(3)),
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CloudDbContext, SqlServerCloudDbContext>(o => o.UseSqlServer(options.ConnectionString, s => s.EnableRetryOnFailure(3)),
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not one of Sqlite, PostgreSql, SqlServer.");
        }
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        var cs = configuration.GetConnectionString("PosCloud");
        if (!string.IsNullOrWhiteSpace(cs)) options.ConnectionString = cs;
        return options;
    }
}
