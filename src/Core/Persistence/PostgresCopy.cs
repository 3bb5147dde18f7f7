using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace PosCloud.Core.Persistence;

/// <summary>
/// Binary COPY of new entities into PostgreSQL, with the table, the columns and the value
/// conversions read from the EF model, so the bulk path cannot drift from the model when a column
/// is added (an entity property is always written; only store-generated identities are left to the
/// database). Used where profiling showed EF's per-row INSERTs dominating (the Api's batch
/// ingestion, the worker's final write): COPY is one statement per table and needs no parsing or planning per row.
/// Each entity type's row writer is compiled once from the model: typed calls with the converter inlined, into
/// <see cref="PostgresCopyRows"/>, which encodes PostgreSQL's binary COPY format itself; the rows then go to the
/// server through Npgsql's raw binary COPY stream in one write. Issue 15's profile: Npgsql's typed importer binds a
/// parameter per value (type resolution, size, an async write): a fifth of the workers' CPU in the storm.
/// Runs on the context's connection, inside its current transaction; a duplicate key surfaces as a
/// <see cref="PostgresException"/> with SqlState 23505, like any insert, and a value the column refuses (too long,
/// numeric overflow) as the class-22 error an INSERT gets: the server checks COPY's fields as it checks any input.
/// SQL Server counterpart: none by design; the same rows go through EF's SaveChanges (batched INSERT/MERGE …
/// OUTPUT), whose T-SQL tests/PosCloud.SqlServer.Tests captures and parses (docs/operations.md §7).
/// </summary>
public static class PostgresCopy
{
    public static async Task WriteAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var copy = CopyOf<T>(db.Model);
        // Encoded whole before the COPY starts: a value that cannot be encoded fails here, with nothing sent.
        using var buffer = new PostgresCopyRows();
        foreach (var row in rows)
        {
            buffer.StartRow(copy.ColumnCount);
            copy.WriteRow(buffer, row);
        }
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var stream = await conn.BeginRawBinaryCopyAsync(copy.Command, ct);
        await stream.WriteAsync(buffer.Complete(), ct);
        // Disposing the stream ends the COPY and reads the server's answer: a refused row throws there.
    }

    private sealed record Copy<T>(string Command, short ColumnCount, Action<PostgresCopyRows, T> WriteRow);

    private static readonly ConcurrentDictionary<(IModel, Type), object> Copies = new();

    private static Copy<T> CopyOf<T>(IModel model) => (Copy<T>)Copies.GetOrAdd((model, typeof(T)), key => Build<T>(key.Item1));

    private static Copy<T> Build<T>(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => NpgsqlPropertyExtensions.GetValueGenerationStrategy(p, table) is NpgsqlValueGenerationStrategy.None)
            .ToArray();
        var schema = entity.GetSchema() is { } name ? Quote(name) + "." : "";
        var command = $"COPY {schema}{Quote(entity.GetTableName()!)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";

        var rows = Expression.Parameter(typeof(PostgresCopyRows), "rows");
        var row = Expression.Parameter(typeof(T), "row");
        var body = columns.Select(p => WriteColumn(rows, row, p, BaseTypeName(p.GetColumnType(table)))).ToList();
        var writeRow = Expression.Lambda<Action<PostgresCopyRows, T>>(Expression.Block(body), rows, row).Compile();
        return new Copy<T>(command, checked((short)columns.Length), writeRow);
    }

    /// <summary><c>value == null ? rows.WriteNull() : rows.Write…(convert(value))</c>, the encoding chosen by the column's type.</summary>
    private static Expression WriteColumn(ParameterExpression rows, ParameterExpression row, IProperty property, string dataTypeName)
    {
        // The member EF itself reads (its backing field by default), so COPY writes what SaveChanges would.
        var member = property.IsShadowProperty() ? null : property.GetMemberInfo(forMaterialization: false, forSet: false);
        Expression value = member is PropertyInfo pi ? Expression.Property(row, pi)
            : member is FieldInfo fi ? Expression.Field(row, fi)
            : Expression.Convert(Expression.Call(Expression.Constant(property.GetGetter(), typeof(IClrPropertyGetter)), nameof(IClrPropertyGetter.GetClrValue), null, row), property.ClrType);
        var nullable = !value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null;
        var variable = Expression.Variable(value.Type, "value");
        Expression nonNull = Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(variable, "Value") : variable;
        if (property.GetRelationalTypeMapping().Converter is { } converter)
            nonNull = Expression.Invoke(converter.ConvertToProviderExpression, Coerce(nonNull, converter.ModelClrType));
        var write = Expression.Call(rows, PostgresCopyRows.WriterFor(nonNull.Type, dataTypeName, $"{property.DeclaringType.DisplayName()}.{property.Name}"), nonNull);
        Expression body = nullable
            ? Expression.IfThenElse(Expression.Equal(variable, Expression.Constant(null, value.Type)),
                Expression.Call(rows, nameof(PostgresCopyRows.WriteNull), null), write)
            : write;
        return Expression.Block([variable], Expression.Assign(variable, value), body);
    }

    private static Expression Coerce(Expression e, Type type) => e.Type == type ? e : Expression.Convert(e, type);

    /// <summary>"character varying(64)" → "character varying": COPY needs the type, not its facets.</summary>
    private static string BaseTypeName(string columnType)
    {
        var paren = columnType.IndexOf('(');
        return paren < 0 ? columnType : columnType[..paren].TrimEnd();
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
