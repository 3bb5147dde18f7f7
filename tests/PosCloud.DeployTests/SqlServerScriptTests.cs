using Microsoft.EntityFrameworkCore;
using PosCloud.DeployTests.Support;

namespace PosCloud.DeployTests;

/// <summary>deploy/sqlserver/migrate.sql is exactly what the SQL Server migrations generate now.</summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void Committed_script_equals_what_the_migrations_generate()
    {
        Assert.True(File.Exists(Repo.PathOf(SqlServerModel.ScriptPath)), $"{SqlServerModel.ScriptPath} is missing. Generate it with: {SqlServerModel.RegenerateCommand}");
        var committed = SqlServerModel.Normalize(Repo.ReadText(SqlServerModel.ScriptPath));
        var generated = SqlServerModel.Normalize(SqlServerModel.GenerateIdempotentScript());
        if (committed == generated) return;

        var a = committed.Split('\n');
        var b = generated.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"{SqlServerModel.ScriptPath} is out of date with the SQL Server migrations (first difference at line {line + 1}:\n" +
                    $"  committed: {(line < a.Length ? a[line] : "<end of file>")}\n  generated: {(line < b.Length ? b[line] : "<end of file>")}).\n" +
                    $"Regenerate it and commit the result: {SqlServerModel.RegenerateCommand}");
    }

    [Fact]
    public void Script_is_idempotent_and_covers_every_migration()
    {
        var script = Repo.ReadText(SqlServerModel.ScriptPath);
        using var context = SqlServerModel.NewContext("Server=none;Database=none;TrustServerCertificate=True");
        var migrations = context.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        foreach (var id in migrations)
        {
            Assert.Contains($"WHERE [MigrationId] = N'{id}'", script);           // guarded: applied only if not yet recorded
            Assert.Contains($"VALUES (N'{id}'", script);                         // and recorded once applied
        }
        Assert.Contains("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", script);
    }
}
