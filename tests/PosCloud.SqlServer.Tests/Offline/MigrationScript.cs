using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>deploy/sqlserver/migrate.sql read with ScriptDom: its batches, its guards, and the schema statements in it.</summary>
public static class MigrationScript
{
    public const string RelativePath = "deploy/sqlserver/migrate.sql";

    public static string Committed() => File.ReadAllText(Path.Combine(RepoRoot(), RelativePath));

    /// <summary>What EF generates from the SQL Server migrations now, idempotent (as committed) or not.</summary>
    public static string Generate(bool idempotent)
    {
        using var context = OfflineApi.NewContext();
        return context.GetService<IMigrator>().GenerateScript(options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>The first migration alone: every table as a new database first gets it.</summary>
    public static string GenerateFirstMigration()
    {
        using var context = OfflineApi.NewContext();
        var first = context.Database.GetMigrations().First();
        return context.GetService<IMigrator>().GenerateScript(toMigration: first);
    }

    /// <summary>The model's whole schema as CREATE statements (what the migrations end at).</summary>
    public static string GenerateCreate()
    {
        using var context = OfflineApi.NewContext();
        return context.Database.GenerateCreateScript();
    }

    /// <summary>
    /// Statements that would run again on a second application: every top-level statement must be a guard
    /// (IF … [__EFMigrationsHistory] …) or transaction control. Empty for an idempotent script.
    /// </summary>
    public static IReadOnlyList<string> Unguarded(string script)
    {
        var parsed = TSql.Parse(script, out var errors);
        if (errors.Count > 0) return errors.Select(e => "parse error " + e).ToList();
        return TSql.Statements(parsed)
            .Where(s => s is not (BeginTransactionStatement or CommitTransactionStatement or RollbackTransactionStatement)
                        && !(s is IfStatement guard && Text(guard.Predicate).Contains("__EFMigrationsHistory", StringComparison.OrdinalIgnoreCase)))
            .Select(s => $"line {s.StartLine}: {Text(s).Split('\n')[0].Trim()}")
            .ToList();
    }

    /// <summary>
    /// The schema statements of the script (CREATE TABLE, CREATE INDEX, ALTER TABLE …) taken out of their guards, with
    /// EF's EXEC(N'…') wrappers (used for filtered indexes) unwrapped, each as T-SQL text for a DacFx model.
    /// </summary>
    public static IReadOnlyList<string> SchemaStatements(string script)
    {
        var found = new List<string>();
        Collect(TSql.Statements(TSql.Parse(script, out _)), found);
        return found;
    }

    private static void Collect(IEnumerable<TSqlStatement> statements, List<string> found)
    {
        foreach (var s in statements)
        {
            switch (s)
            {
                case IfStatement i:
                    Collect([i.ThenStatement], found);
                    if (i.ElseStatement is not null) Collect([i.ElseStatement], found);
                    break;
                case BeginEndBlockStatement block:
                    Collect(block.StatementList.Statements, found);
                    break;
                case ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableStringList list }:
                    var inner = string.Concat(list.Strings.OfType<StringLiteral>().Select(l => l.Value));
                    Collect(TSql.Statements(TSql.Parse(inner, out _)), found);
                    break;
                case CreateTableStatement or CreateIndexStatement or AlterTableStatement or CreateViewStatement
                    or CreateProcedureStatement or CreateFunctionStatement or CreateSchemaStatement or CreateSequenceStatement:
                    found.Add(Text(s));
                    break;
            }
        }
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PosCloud.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("PosCloud.sln not found above " + AppContext.BaseDirectory);
    }
}
