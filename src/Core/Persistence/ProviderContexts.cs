using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PosCloud.Core.Persistence;

/// <summary>The embedded default. SQLite cannot compare DateTimeOffset or sum decimal in SQL, so both are stored as numbers.</summary>
public sealed class SqliteCloudDbContext(DbContextOptions<SqliteCloudDbContext> options) : CloudDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double>();
    }
}

public sealed class PostgresCloudDbContext(DbContextOptions<PostgresCloudDbContext> options) : CloudDbContext(options);

/// <summary>The production database as chosen. Its migrations are generated and built here; they run where SQL Server runs.</summary>
public sealed class SqlServerCloudDbContext(DbContextOptions<SqlServerCloudDbContext> options) : CloudDbContext(options);
