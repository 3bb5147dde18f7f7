using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>
/// The rows the fake database "holds", per table, as column → provider value. Rows are made from the product's own
/// entities through the EF model (table and column names, value converters), so a column another change adds to an
/// entity is in the fake rows too. Queries are answered from here (see <see cref="FakeAnswers"/>) without evaluating
/// their WHERE clauses: a scenario puts in only the rows its code path should find.
/// </summary>
public sealed class FakeWorld(IModel model)
{
    private readonly Lock _gate = new();
    private Dictionary<string, List<IReadOnlyDictionary<string, object?>>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public void Clear()
    {
        lock (_gate) _tables = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Adds entities and, through their collection navigations, their children (an order's lines, payments, history).</summary>
    public FakeWorld Add(params object[] entities)
    {
        foreach (var entity in entities) AddGraph(entity);
        return this;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(string table)
    {
        lock (_gate) return _tables.TryGetValue(table, out var rows) ? rows.ToList() : [];
    }

    private void AddGraph(object entity)
    {
        var type = model.FindEntityType(entity.GetType()) ?? throw new ArgumentException($"{entity.GetType().Name} is not an entity of the model.");
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in type.GetProperties())
        {
            var value = p.GetGetter().GetClrValue(entity);
            if (value is not null && p.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
            row[p.GetColumnName()] = value;
        }
        lock (_gate)
        {
            var table = type.GetTableName()!;
            if (!_tables.TryGetValue(table, out var rows)) _tables[table] = rows = [];
            rows.Add(row);
        }
        foreach (var navigation in type.GetNavigations().Where(n => n.IsCollection))
            if (navigation.GetGetter().GetClrValue(entity) is System.Collections.IEnumerable children)
                foreach (var child in children) AddGraph(child);
    }
}
