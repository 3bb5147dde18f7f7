using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PosCloud.Core.Persistence;

namespace PosCloud.Migrations.SqlServer;

// Used only by `dotnet ef migrations add` (see README): no running database is needed to generate migrations.
internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerCloudDbContext>
{
    public SqlServerCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCloudDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=True").Options);
}
