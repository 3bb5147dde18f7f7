using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PosCloud.Core.Persistence;

// Each provider's generated migrations live in their own assembly (src/Migrations/<Provider>), out of the model.
// The context names it here, so every way of making one (DI, tests, benches, dotnet ef) finds the same migrations.

/// <summary>The embedded default. SQLite cannot compare DateTimeOffset or sum decimal in SQL, so both are stored as numbers.</summary>
public sealed class SqliteCloudDbContext(DbContextOptions<SqliteCloudDbContext> options) : CloudDbContext(options)
{
    public const string MigrationsAssembly = "PosCloud.Migrations.Sqlite";

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(o => o.MigrationsAssembly(MigrationsAssembly));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double>();
    }
}

public sealed class PostgresCloudDbContext(DbContextOptions<PostgresCloudDbContext> options) : CloudDbContext(options)
{
    public const string MigrationsAssembly = "PosCloud.Migrations.PostgreSql";

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(o => o.MigrationsAssembly(MigrationsAssembly));
}

/// <summary>The production database as chosen. Its migrations are generated and built here; they run where SQL Server runs.</summary>
public sealed class SqlServerCloudDbContext(DbContextOptions<SqlServerCloudDbContext> options) : CloudDbContext(options)
{
    public const string MigrationsAssembly = "PosCloud.Migrations.SqlServer";

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlServer(o => o.MigrationsAssembly(MigrationsAssembly));
}
