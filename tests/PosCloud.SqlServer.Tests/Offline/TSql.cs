using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>A parse error of one statement text, with where it is.</summary>
public sealed record TSqlError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>Microsoft's own T-SQL parser at SQL Server 2022's level (compatibility level 160), quoted identifiers on (as SqlClient sends).</summary>
public static class TSql
{
    public static TSqlScript Parse(string sql, out IReadOnlyList<TSqlError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(sql), out var parseErrors);
        errors = parseErrors.Select(e => new TSqlError(e.Line, e.Column, e.Message)).ToList();
        return fragment as TSqlScript ?? new TSqlScript();
    }

    public static IReadOnlyList<TSqlError> Errors(string sql)
    {
        Parse(sql, out var errors);
        return errors;
    }

    public static IEnumerable<TSqlStatement> Statements(TSqlScript script) => script.Batches.SelectMany(b => b.Statements);
}
