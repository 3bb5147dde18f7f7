using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PosCloud.Core.Persistence;

// Used only by `dotnet ef migrations add` (see README): no running database is needed to generate migrations.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteCloudDbContext>
{
    public SqliteCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCloudDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresCloudDbContext>
{
    public PostgresCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerCloudDbContext>
{
    public SqlServerCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCloudDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=True").Options);
}
