using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace PosCloud.Core.Persistence;

/// <summary>
/// Binary COPY of new entities into PostgreSQL, with the table, the columns and the value
/// conversions read from the EF model, so the bulk path cannot drift from the model when a column
/// is added (an entity property is always written; only store-generated identities are left to the
/// database). Used where profiling showed EF's per-row INSERTs dominating (the Api's batch
/// ingestion): COPY is one statement per table and needs no parsing or planning per row.
/// Runs on the context's connection, inside its current transaction; a duplicate key surfaces as a
/// <see cref="PostgresException"/> with SqlState 23505, like any insert.
/// SQL Server counterpart: none by design; the same rows go through EF's SaveChanges (batched INSERT/MERGE …
/// OUTPUT), whose T-SQL tests/PosCloud.SqlServer.Tests captures and parses (docs/operations.md §7).
/// </summary>
public static class PostgresCopy
{
    public static async Task WriteAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var columns = ColumnsOf<T>(db.Model);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var table = db.Model.FindEntityType(typeof(T))!;
        var schema = table.GetSchema() is { } name ? Quote(name) + "." : "";
        var copy = $"COPY {schema}{Quote(table.GetTableName()!)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await conn.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var c in columns)
            {
                var value = c.Property.GetGetter().GetClrValue(row);
                if (value is not null && c.Converter is not null) value = c.Converter.ConvertToProvider(value);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, c.DataTypeName, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private sealed record Column(string Name, IProperty Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, string DataTypeName);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), Column[]> Columns = new();

    private static Column[] ColumnsOf<T>(IModel model) => Columns.GetOrAdd((model, typeof(T)), key =>
    {
        var entity = key.Item1.FindEntityType(key.Item2) ?? throw new InvalidOperationException($"{key.Item2.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties()
            .Where(p => NpgsqlPropertyExtensions.GetValueGenerationStrategy(p, table) is NpgsqlValueGenerationStrategy.None)
            .Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                return new Column(p.GetColumnName(table)!, p, mapping.Converter, BaseTypeName(p.GetColumnType(table)));
            })
            .ToArray();
    });

    /// <summary>"character varying(64)" → "character varying": COPY needs the type, not its facets.</summary>
    private static string BaseTypeName(string columnType)
    {
        var paren = columnType.IndexOf('(');
        return paren < 0 ? columnType : columnType[..paren].TrimEnd();
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
