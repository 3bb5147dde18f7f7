using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PosCloud.Core.Persistence;

namespace PosCloud.Migrations.Sqlite;

// Used only by `dotnet ef migrations add` (see README): no running database is needed to generate migrations.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteCloudDbContext>
{
    public SqliteCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCloudDbContext>().UseSqlite("Data Source=design.db").Options);
}
