using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PosCloud.Core.Persistence;

namespace PosCloud.Migrations.PostgreSql;

// Used only by `dotnet ef migrations add` (see README): no running database is needed to generate migrations.
internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresCloudDbContext>
{
    public PostgresCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
