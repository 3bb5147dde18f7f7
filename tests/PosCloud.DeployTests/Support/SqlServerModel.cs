using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PosCloud.Core.Persistence;

namespace PosCloud.DeployTests.Support;

public static class SqlServerModel
{
    public const string ScriptPath = "deploy/sqlserver/migrate.sql";
    public const string RegenerateCommand = "scripts/generate-sqlserver-script.sh  (= dotnet tool restore && dotnet ef migrations script --idempotent --context SqlServerCloudDbContext --project src/Migrations/SqlServer -o deploy/sqlserver/migrate.sql)";

    public static SqlServerCloudDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<SqlServerCloudDbContext>().UseSqlServer(connectionString).Options);

    /// <summary>The idempotent script of every SQL Server migration, generated in-process (no server is contacted).</summary>
    public static string GenerateIdempotentScript()
    {
        using var context = NewContext("Server=none;Database=none;TrustServerCertificate=True");
        return context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    public static string Normalize(string sql) => sql.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n', ' ') + "\n";

    /// <summary>Splits a script into the batches sqlcmd would send (separated by lines holding only GO).</summary>
    public static IEnumerable<string> Batches(string script) =>
        System.Text.RegularExpressions.Regex.Split(Normalize(script), @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Where(b => !string.IsNullOrWhiteSpace(b));
}
