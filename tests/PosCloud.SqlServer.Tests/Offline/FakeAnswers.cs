using Parameters = System.Collections.Generic.IReadOnlyDictionary<string, object?>;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>
/// Shapes the answer to a command from the statement itself (parsed with ScriptDom) and the fake world:
/// a SELECT gets the world's rows of the table its columns come from that pass the WHERE equalities it can decide,
/// projected onto the columns it names, joined tables' columns from the row the ON clause links (aggregates and
/// EXISTS get one row); writes are never applied to the world; an INSERT/UPDATE/DELETE/MERGE with an OUTPUT clause (what EF
/// sends to read back identities and check rows affected) gets one row per row it writes; anything else no result set.
/// </summary>
public sealed class FakeAnswers(FakeWorld world)
{
    private static readonly Parameters NoParameters = new Dictionary<string, object?>();

    private long _identity = 1000;

    public FakeDataReader Reader(string sql, Parameters? parameters = null)
    {
        var script = TSql.Parse(sql, out _);
        var sets = new List<FakeResultSet>();
        var affected = 0;
        foreach (var statement in TSql.Statements(script))
        {
            switch (statement)
            {
                case SelectStatement select when select.Into is null:
                    sets.Add(Select(select.QueryExpression, select, parameters ?? NoParameters));
                    break;
                case InsertStatement insert:
                    affected += Written(insert.InsertSpecification.OutputClause, RowCount(insert.InsertSpecification.InsertSource), sets);
                    break;
                case UpdateStatement update:
                    affected += Written(update.UpdateSpecification.OutputClause, 1, sets);
                    break;
                case DeleteStatement delete:
                    affected += Written(delete.DeleteSpecification.OutputClause, 1, sets);
                    break;
                case MergeStatement merge:
                    affected += Written(merge.MergeSpecification.OutputClause, merge.MergeSpecification.TableReference is InlineDerivedTable t ? t.RowValues.Count : 1, sets);
                    break;
            }
        }
        return new FakeDataReader(sets, affected);
    }

    /// <summary>Rows affected: one per row written (so EF's and the product's own checks see their write succeed).</summary>
    public int NonQuery(string sql)
    {
        var script = TSql.Parse(sql, out _);
        var n = 0;
        foreach (var statement in TSql.Statements(script))
            n += statement switch
            {
                InsertStatement i => RowCount(i.InsertSpecification.InsertSource),
                UpdateStatement or DeleteStatement => 1,
                MergeStatement m => m.MergeSpecification.TableReference is InlineDerivedTable t ? t.RowValues.Count : 1,
                _ => 0,
            };
        return n;
    }

    /// <summary>
    /// A scalar: the first column of the first row a SELECT would get, else 0 (EF's migration lock reads sp_getapplock's
    /// result, where 0 means granted, and the history table check reads OBJECT_ID, where anything but NULL means it exists).
    /// </summary>
    public object Scalar(string sql, Parameters? parameters = null)
    {
        using var reader = Reader(sql, parameters);
        do
        {
            if (reader.FieldCount > 0 && reader.Read() && !reader.IsDBNull(0) && reader.GetValue(0) is var v && v != FakeDataReader.Computed) return v;
        } while (reader.NextResult());
        return 0;
    }

    private int Written(OutputClause? output, int rows, List<FakeResultSet> sets)
    {
        if (output is null) return rows;
        var columns = output.SelectColumns.Select(ColumnName).ToList();
        var values = new List<object?[]>();
        for (var r = 0; r < rows; r++)
            values.Add(output.SelectColumns.Select(c => OutputValue(c, r)).ToArray());
        sets.Add(new FakeResultSet(columns, values));
        return rows;
    }

    private object? OutputValue(SelectElement element, int row) => element switch
    {
        SelectScalarExpression { Expression: IntegerLiteral literal } => int.Parse(literal.Value),
        SelectScalarExpression { Expression: ColumnReferenceExpression c } when LastName(c) is "_Position" => row,
        _ => Interlocked.Increment(ref _identity),
    };

    private static int RowCount(InsertSource? source) => source is ValuesInsertSource values ? values.RowValues.Count : 1;

    private FakeResultSet Select(QueryExpression query, TSqlFragment statement, Parameters parameters)
    {
        var spec = FirstSpecification(query);
        if (spec is null) return new FakeResultSet([], []);
        var columns = spec.SelectElements.Select(ColumnName).ToList();
        var aliases = TableAliases(statement);
        var (driving, drivingAlias, rows) = ListedRows(spec, statement, aliases, parameters);

        // No FROM, or only aggregates without GROUP BY: exactly one row (COUNT, MAX, CASE WHEN EXISTS …).
        if (spec.FromClause is null || (spec.GroupByClause is null && spec.SelectElements.All(IsAggregate)))
            return new FakeResultSet(columns, [spec.SelectElements.Select(e => SingleRowValue(e, rows, statement, parameters)).ToArray()]);
        if (driving is null) return new FakeResultSet(columns, []);

        IEnumerable<IReadOnlyDictionary<string, object?>> selected = rows;
        if (spec.GroupByClause is { } groupBy)
        {
            var keys = groupBy.GroupingSpecifications.OfType<ExpressionGroupingSpecification>()
                .Select(g => g.Expression).OfType<ColumnReferenceExpression>().Select(LastName).ToList();
            selected = rows.DistinctBy(r => string.Join("\u0001", keys.Select(k => r.GetValueOrDefault(k)?.ToString())));
        }
        if (Top(spec) is { } top) selected = selected.Take(top == 2 ? 1 : top); // TOP(2) is EF's Single: one row is the good answer
        var joins = JoinLinks(statement);
        var projected = selected.Select(row => spec.SelectElements.Select(e => Project(e, row, driving, drivingAlias, aliases, joins)).ToArray()).ToList();
        return new FakeResultSet(columns, projected);
    }

    /// <summary>The listed table, its alias and its rows that pass the WHERE (and, through a derived table, the inner query's WHERE and TOP).</summary>
    private (string? Table, string? Alias, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows) ListedRows(
        QuerySpecification spec, TSqlFragment statement, IReadOnlyDictionary<string, string> aliases, Parameters parameters)
    {
        var (table, alias) = DrivingTable(spec, aliases);
        if (table is null) return (null, null, []);
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows;
        var derived = new Find<QueryDerivedTable>();
        spec.FromClause?.Accept(derived);
        if (derived.Found.FirstOrDefault(d => string.Equals(d.Alias?.Value, alias, StringComparison.OrdinalIgnoreCase)) is { } inner
            && FirstSpecification(inner.QueryExpression) is { } innerSpec)
        {
            rows = ListedRows(innerSpec, statement, aliases, parameters).Rows;
            if (Top(innerSpec) is { } top) rows = rows.Take(top == 2 ? 1 : top).ToList();
        }
        else rows = world.Rows(table);
        return (table, alias, Filter(rows, spec.WhereClause?.SearchCondition, alias, parameters));
    }

    /// <summary>
    /// The WHERE conditions a fake can decide: column = parameter/literal, column IN (…), column IS [NOT] NULL on the
    /// listed table, combined with AND/OR. Anything else (ranges, other tables' columns, subqueries) keeps the row.
    /// </summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Filter(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, BooleanExpression? where, string? alias, Parameters parameters) =>
        where is not null && Decide(where, alias, parameters) is { } test ? rows.Where(test).ToList() : rows;

    /// <summary>A row test for a condition the fake can decide, null for one it cannot (which then keeps every row).</summary>
    private static Func<IReadOnlyDictionary<string, object?>, bool>? Decide(BooleanExpression condition, string? alias, Parameters parameters)
    {
        switch (condition)
        {
            case BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and:
            {
                var tests = new[] { Decide(and.FirstExpression, alias, parameters), Decide(and.SecondExpression, alias, parameters) }.OfType<Func<IReadOnlyDictionary<string, object?>, bool>>().ToList();
                return tests.Count == 0 ? null : r => tests.All(t => t(r));
            }
            case BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.Or } or:
            {
                var (a, b) = (Decide(or.FirstExpression, alias, parameters), Decide(or.SecondExpression, alias, parameters));
                return a is null || b is null ? null : r => a(r) || b(r);
            }
            case BooleanParenthesisExpression p:
                return Decide(p.Expression, alias, parameters);
            case BooleanComparisonExpression { ComparisonType: BooleanComparisonType.Equals } c
                when OwnColumn(c.FirstExpression, alias) is { } column && Constant(c.SecondExpression, parameters, out var value):
                return r => Same(r.GetValueOrDefault(column), value);
            case BooleanComparisonExpression { ComparisonType: BooleanComparisonType.Equals } c
                when OwnColumn(c.SecondExpression, alias) is { } column && Constant(c.FirstExpression, parameters, out var value):
                return r => Same(r.GetValueOrDefault(column), value);
            case InPredicate { NotDefined: false, Subquery: null } i when OwnColumn(i.Expression, alias) is { } column:
            {
                var values = new List<object?>();
                return i.Values.All(v => Constant(v, parameters, out var x) && Add(values, x)) ? r => values.Any(v => Same(r.GetValueOrDefault(column), v)) : null;
            }
            case BooleanIsNullExpression n when OwnColumn(n.Expression, alias) is { } column:
                return r => (r.GetValueOrDefault(column) is null) != n.IsNot;
            default:
                return null;
        }
    }

    private static bool Add(List<object?> values, object? value)
    {
        values.Add(value);
        return true;
    }

    private static string? OwnColumn(ScalarExpression e, string? alias) =>
        e is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: > 0 } ids }
        && (ids.Count == 1 || string.Equals(ids[^2].Value, alias, StringComparison.OrdinalIgnoreCase))
            ? ids[^1].Value : null;

    private static bool Constant(ScalarExpression e, Parameters parameters, out object? value)
    {
        value = null;
        switch (e)
        {
            case VariableReference v when parameters.TryGetValue(v.Name.TrimStart('@'), out var p):
                value = p is DBNull ? null : p;
                return true;
            case StringLiteral s:
                value = s.Value;
                return true;
            case IntegerLiteral i:
                value = long.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case ParenthesisExpression p:
                return Constant(p.Expression, parameters, out value);
            default:
                return false;
        }
    }

    /// <summary>SQL Server's equality as far as the fake needs it: case-insensitive text without trailing blanks, numbers and ids by value.</summary>
    private static bool Same(object? stored, object? wanted)
    {
        if (stored is null || wanted is null) return false;
        if (stored is string s) return string.Equals(s.TrimEnd(), Convert.ToString(wanted, System.Globalization.CultureInfo.InvariantCulture)?.TrimEnd(), StringComparison.OrdinalIgnoreCase);
        try
        {
            return Equals(stored, FakeDataReader.As(wanted, stored.GetType()));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return true; // undecidable here: keep the row
        }
    }

    private object? Project(SelectElement element, IReadOnlyDictionary<string, object?> row, string driving, string? drivingAlias,
        IReadOnlyDictionary<string, string> aliases, IReadOnlyList<JoinLink> joins)
    {
        if (element is SelectScalarExpression { Expression: ColumnReferenceExpression c })
        {
            var name = LastName(c);
            var table = c.MultiPartIdentifier?.Identifiers.Count > 1 && aliases.TryGetValue(c.MultiPartIdentifier.Identifiers[^2].Value, out var t) ? t : driving;
            if (string.Equals(table, driving, StringComparison.OrdinalIgnoreCase))
                return row.TryGetValue(name, out var own) ? own : FakeDataReader.Computed;
            // A joined table: its row that the ON clause links to this one ([o].[Id] = [o0].[OrderId]), else one that shares a
            // column value (ProductPrices.Sku = Products.Sku), else none (a LEFT JOIN without a match).
            var alias = c.MultiPartIdentifier!.Identifiers[^2].Value;
            var links = joins.Where(j => j.Links(alias, drivingAlias)).ToList();
            var candidates = world.Rows(table);
            var joined = links.Count > 0
                ? candidates.FirstOrDefault(o => links.All(l => Same(o.GetValueOrDefault(l.ColumnOf(alias)), row.GetValueOrDefault(l.ColumnOf(drivingAlias)))))
                : candidates.FirstOrDefault(o => o.Any(kv => kv.Value is not null && row.TryGetValue(kv.Key, out var v) && Equals(v, kv.Value)));
            return joined is null ? null : joined.TryGetValue(name, out var value) ? value : FakeDataReader.Computed;
        }
        return row.TryGetValue(ColumnName(element), out var named) && named is not null ? named : FakeDataReader.Computed;
    }

    private object? SingleRowValue(SelectElement element, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, TSqlFragment statement, Parameters parameters)
    {
        if (element is not SelectScalarExpression { Expression: var expression }) return null;
        if (expression is FunctionCall f && IsCount(f)) return rows.Count;
        if (expression is FunctionCall) return rows.Count == 0 ? null : FakeDataReader.Computed;
        var exists = new Find<ExistsPredicate>();
        expression.Accept(exists);
        if (exists.Found.FirstOrDefault() is { } e) return Select(e.Subquery.QueryExpression, e.Subquery, parameters).Rows.Count > 0;
        return FakeDataReader.Computed;
    }

    /// <summary>One equality of a JOIN's ON clause between two tables' columns.</summary>
    private sealed record JoinLink(string LeftAlias, string LeftColumn, string RightAlias, string RightColumn)
    {
        public bool Links(string a, string? b) =>
            (Is(LeftAlias, a) && Is(RightAlias, b)) || (Is(LeftAlias, b) && Is(RightAlias, a));
        public string ColumnOf(string? alias) => Is(LeftAlias, alias) ? LeftColumn : RightColumn;
        private static bool Is(string x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }

    private static List<JoinLink> JoinLinks(TSqlFragment statement)
    {
        var joins = new Find<QualifiedJoin>();
        statement.Accept(joins);
        var links = new List<JoinLink>();
        foreach (var j in joins.Found)
        {
            var equalities = new Find<BooleanComparisonExpression>();
            j.SearchCondition?.Accept(equalities);
            foreach (var e in equalities.Found.Where(e => e.ComparisonType == BooleanComparisonType.Equals))
                if (e is { FirstExpression: ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: 2 } l }, SecondExpression: ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: 2 } r } })
                    links.Add(new JoinLink(l[0].Value, l[1].Value, r[0].Value, r[1].Value));
        }
        return links;
    }

    private static string? FirstTable(TSqlFragment fragment, IReadOnlyDictionary<string, string> aliases)
    {
        var tables = new Find<NamedTableReference>();
        fragment.Accept(tables);
        return tables.Found.Select(t => t.SchemaObject.BaseIdentifier.Value).FirstOrDefault()
               ?? aliases.Values.FirstOrDefault();
    }

    /// <summary>The table whose rows the query lists (and its alias): the one its first qualified column comes from, else the first in FROM.</summary>
    private static (string? Table, string? Alias) DrivingTable(QuerySpecification spec, IReadOnlyDictionary<string, string> aliases)
    {
        foreach (var e in spec.SelectElements)
            if (e is SelectScalarExpression { Expression: ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: > 1 } ids } }
                && aliases.TryGetValue(ids[^2].Value, out var table))
                return (table, ids[^2].Value);
        if (spec.FromClause is null) return (null, null);
        var named = new Find<NamedTableReference>();
        spec.FromClause.Accept(named);
        if (named.Found.FirstOrDefault() is { } first) return (first.SchemaObject.BaseIdentifier.Value, first.Alias?.Value ?? first.SchemaObject.BaseIdentifier.Value);
        var derived = new Find<QueryDerivedTable>();
        spec.FromClause.Accept(derived);
        return derived.Found.FirstOrDefault() is { Alias: { } alias } d && aliases.TryGetValue(alias.Value, out var inner) ? (inner, alias.Value) : (null, null);
    }

    /// <summary>Alias (or bare name) → table, for named tables and for derived tables (the first table inside them).</summary>
    private static Dictionary<string, string> TableAliases(TSqlFragment statement)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var named = new Find<NamedTableReference>();
        statement.Accept(named);
        foreach (var t in named.Found)
        {
            var name = t.SchemaObject.BaseIdentifier.Value;
            map.TryAdd(t.Alias?.Value ?? name, name);
        }
        var derived = new Find<QueryDerivedTable>();
        statement.Accept(derived);
        foreach (var d in derived.Found)
            if (d.Alias is { } alias && FirstTable(d.QueryExpression, new Dictionary<string, string>()) is { } inner)
                map.TryAdd(alias.Value, inner);
        return map;
    }

    private static QuerySpecification? FirstSpecification(QueryExpression? query) => query switch
    {
        QuerySpecification q => q,
        BinaryQueryExpression b => FirstSpecification(b.FirstQueryExpression),
        QueryParenthesisExpression p => FirstSpecification(p.QueryExpression),
        _ => null,
    };

    private static int? Top(QuerySpecification spec) =>
        spec.TopRowFilter?.Expression switch
        {
            IntegerLiteral i => int.Parse(i.Value),
            ParenthesisExpression { Expression: IntegerLiteral i } => int.Parse(i.Value),
            _ => null,
        };

    private static bool IsAggregate(SelectElement e) =>
        e is SelectScalarExpression { Expression: FunctionCall f } && f.FunctionName.Value.ToUpperInvariant() is "COUNT" or "COUNT_BIG" or "SUM" or "MIN" or "MAX" or "AVG";

    private static bool IsCount(FunctionCall f) => f.FunctionName.Value.ToUpperInvariant() is "COUNT" or "COUNT_BIG";

    private static string ColumnName(SelectElement e) => e switch
    {
        SelectScalarExpression { ColumnName: { } alias } => alias.Value,
        SelectScalarExpression { Expression: ColumnReferenceExpression c } => LastName(c),
        _ => "",
    };

    private static string LastName(ColumnReferenceExpression c) => c.MultiPartIdentifier?.Identifiers[^1].Value ?? "";

    private sealed class Find<T> : TSqlFragmentVisitor where T : TSqlFragment
    {
        public List<T> Found { get; } = [];
        public override void Visit(TSqlFragment fragment)
        {
            if (fragment is T t) Found.Add(t);
        }
    }
}
