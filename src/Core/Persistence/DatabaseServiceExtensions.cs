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
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<CloudDbContext, SqliteCloudDbContext>(o => o.UseSqlite(options.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<CloudDbContext, PostgresCloudDbContext>(o =>
                    o.UseNpgsql(PostgresConnectionDefaults.Apply(options.ConnectionString), n => n.EnableRetryOnFailure(3)));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CloudDbContext, SqlServerCloudDbContext>(o =>
                    o.UseSqlServer(options.ConnectionString, s => s.EnableRetryOnFailure(3)));
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
