using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>
/// What EF builds a statement into when no server is there. A real <see cref="SqlCommand"/> would refuse the fake
/// transaction (its setter wants a SqlTransaction); parameters are still SqlClient's own, so the provider's type
/// mappings configure them exactly as they would for SQL Server. Never executed: the command interceptor answers.
/// </summary>
public sealed class FakeCommand : DbCommand
{
    private readonly SqlCommand _parameters = new();

    [AllowNull] public override string CommandText { get; set; } = "";
    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }
    protected override DbConnection? DbConnection { get; set; }
    protected override DbTransaction? DbTransaction { get; set; }
    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;
    protected override DbParameter CreateDbParameter() => _parameters.CreateParameter();

    public override void Cancel() { }
    public override void Prepare() { }
    public override int ExecuteNonQuery() => throw NotAnswered();
    public override object? ExecuteScalar() => throw NotAnswered();
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw NotAnswered();

    private InvalidOperationException NotAnswered() => new($"The offline capture did not answer this command: {CommandText}");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _parameters.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A transaction on a connection that was never opened: commit and rollback do nothing.</summary>
public sealed class FakeTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;
    protected override DbConnection DbConnection => connection;
    public override void Commit() { }
    public override void Rollback() { }
}
