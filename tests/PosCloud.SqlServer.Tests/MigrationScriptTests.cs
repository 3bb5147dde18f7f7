using Microsoft.SqlServer.Dac.Model;
using PosCloud.SqlServer.Tests.Offline;
using Xunit.Abstractions;

namespace PosCloud.SqlServer.Tests;

/// <summary>
/// deploy/sqlserver/migrate.sql without a server: parsed by TSql160Parser, checked to be idempotent statement by statement,
/// and its schema loaded into a DacFx model for SQL Server 2022 and validated (every reference resolves).
/// (tests/PosCloud.DeployTests checks that the committed script is exactly what the migrations generate.)
/// </summary>
public sealed class MigrationScriptTests(ITestOutputHelper output)
{
    [Fact]
    public void Committed_script_parses_as_TSql160()
    {
        var script = MigrationScript.Committed();
        var parsed = TSql.Parse(script, out var errors);
        Assert.True(errors.Count == 0, $"{MigrationScript.RelativePath} does not parse: {string.Join("; ", errors)}");
        output.WriteLine($"{MigrationScript.RelativePath}: {parsed.Batches.Count} batches, {TSql.Statements(parsed).Count()} top-level statements, 0 parse errors");
    }

    [Fact]
    public void Committed_script_is_idempotent_statement_by_statement()
    {
        var unguarded = MigrationScript.Unguarded(MigrationScript.Committed());
        Assert.True(unguarded.Count == 0, $"{MigrationScript.RelativePath} has statements outside a __EFMigrationsHistory guard (a second run would repeat them):\n{string.Join("\n", unguarded)}");
    }

    /// <summary>The idempotency check can fail: EF's plain (non-idempotent) script of the same migrations is caught.</summary>
    [Fact]
    public void A_script_that_is_not_idempotent_is_caught()
    {
        var plain = MigrationScript.Generate(idempotent: false);
        var unguarded = MigrationScript.Unguarded(plain);
        Assert.NotEmpty(unguarded);
        Assert.Contains(unguarded, u => u.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(MigrationScript.Unguarded(MigrationScript.Generate(idempotent: true)));
    }

    // Was three (ProductPrices.Sku, Registers.StoreId, Staff.StoreId at nvarchar(200)); the model now sizes each
    // foreign key as its key. Keep this empty: a new entry is a schema SQL Server would refuse.
    private static readonly string[] KnownForeignKeyLengthMismatches = [];

    /// <summary>
    /// A DacFx model is declarative: it takes CREATE statements, not the ALTER TABLE … ADD/ALTER COLUMN steps of later
    /// migrations. So two schemas are validated: the first migration's script (the tables as created, where a
    /// foreign key of the wrong length would stop a new database) and the model's whole schema as EF creates it now
    /// (what the migrations end at; that they do is checked by the script-equals-migrations test and by
    /// `dotnet ef migrations has-pending-model-changes`).
    /// </summary>
    [Theory]
    [InlineData("initial migration")]
    [InlineData("current model")]
    public void Schema_loads_into_a_DacFx_SQL_Server_2022_model_without_errors(string schema)
    {
        var script = schema == "initial migration" ? MigrationScript.GenerateFirstMigration() : MigrationScript.GenerateCreate();
        var statements = MigrationScript.SchemaStatements(script);
        Assert.NotEmpty(statements);
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        for (var i = 0; i < statements.Count; i++)
            model.AddObjects(statements[i]);
        var messages = model.Validate();
        foreach (var m in messages) output.WriteLine($"{m.MessageType} {m.Prefix}{m.Number}: {m.Message}");
        var tables = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table).ToList();
        var indexes = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Index).ToList();
        output.WriteLine($"DacFx model (Sql160): {statements.Count} schema statements, {tables.Count} tables, {indexes.Count} indexes, {messages.Count} messages");
        var unexpected = messages.Where(m => !KnownForeignKeyLengthMismatches.Any(k => m.Number == 71515 && m.Message.Contains(k, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "DacFx reports:\n" + string.Join("\n", unexpected.Select(m => $"{m.MessageType} {m.Prefix}{m.Number}: {m.Message}")));
        Assert.Contains(tables, t => t.Name.Parts[^1] == "Orders");
        Assert.Contains(tables, t => t.Name.Parts[^1] == "StoreStatusCounts");
    }

    /// <summary>The DacFx check can fail: a foreign key to a table the script never creates is reported.</summary>
    [Fact]
    public void DacFx_reports_an_unresolved_reference()
    {
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        model.AddObjects("CREATE TABLE [Lines] ([Id] int NOT NULL PRIMARY KEY, [OrderId] int NOT NULL, CONSTRAINT [FK_Lines_Orders] FOREIGN KEY ([OrderId]) REFERENCES [NoSuchOrders] ([Id]));");
        var messages = model.Validate();
        output.WriteLine(string.Join("\n", messages.Select(m => $"{m.MessageType} {m.Prefix}{m.Number}: {m.Message}")));
        Assert.Contains(messages, m => m.MessageType == Microsoft.SqlServer.Dac.DacMessageType.Error && m.Message.Contains("NoSuchOrders", StringComparison.Ordinal));
    }
}
