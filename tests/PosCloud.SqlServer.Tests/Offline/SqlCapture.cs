using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>One statement text the product sent, with the code path that sent it and what kind of call it was.</summary>
public sealed record CapturedCommand(string Path, CommandSource Source, string Kind, string Text);

/// <summary>
/// The SQL Server provider with no SQL Server: opening and closing the connection are suppressed, transactions are
/// fakes, every command is captured and answered by <see cref="FakeAnswers"/> instead of being executed. Whatever EF
/// generates and whatever raw SQL the product sends (the status-count MERGE included) passes through here.
/// </summary>
public sealed class SqlCapture(FakeAnswers answers) : IDbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static readonly AsyncLocal<string?> CurrentPath = new();
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();

    /// <summary>Commands sent outside a named path: start-up (migrations, seeding) and the hosted services' polling.</summary>
    public const string Background = "start-up and hosted services";

    public IReadOnlyList<CapturedCommand> Commands => _commands.ToArray();

    /// <summary>Labels the commands sent by this async flow (and what it awaits) until disposed.</summary>
    public static IDisposable Path(string name)
    {
        var previous = CurrentPath.Value;
        CurrentPath.Value = name;
        return new Restore(() => CurrentPath.Value = previous);
    }

    public IReadOnlyList<CapturedCommand> Of(string path) => _commands.Where(c => c.Path == path).ToList();

    private static Dictionary<string, object?> ParametersOf(DbCommand command) =>
        command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => (object?)p.Value, StringComparer.OrdinalIgnoreCase);

    private void Record(DbCommand command, CommandEventData data, string kind) =>
        _commands.Enqueue(new CapturedCommand(CurrentPath.Value ?? Background, data.CommandSource, kind, command.CommandText));

    // Connection: never opened, never closed.
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => ValueTask.FromResult(InterceptionResult.Suppress());

    // Transactions: fakes that commit and roll back nothing.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        InterceptionResult<DbTransaction>.SuppressWithResult(new FakeTransaction(connection, eventData.IsolationLevel));
    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    // Savepoints (EF sets one before each SaveChanges inside a transaction): the provider's own statement text is
    // captured, and not executed (SqlServer's savepoint command would be a real SqlCommand on the fake transaction).
    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        Savepoint(eventData, h => h.GenerateCreateSavepointStatement(SavepointName));
    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(CreatingSavepoint(transaction, eventData, result));
    public InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        Savepoint(eventData, h => h.GenerateRollbackToSavepointStatement(SavepointName));
    public ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(RollingBackToSavepoint(transaction, eventData, result));
    public InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    /// <summary>The name EF's SaveChanges gives its savepoint.</summary>
    private const string SavepointName = "__EFSavePoint";

    private InterceptionResult Savepoint(TransactionEventData eventData, Func<ISqlGenerationHelper, string> statement)
    {
        if (eventData.Context?.GetService<ISqlGenerationHelper>() is { } helper)
            _commands.Enqueue(new CapturedCommand(CurrentPath.Value ?? Background, CommandSource.SaveChanges, "savepoint", statement(helper)));
        return InterceptionResult.Suppress();
    }

    // Commands: our own command object (SqlCommand would refuse the fake transaction), captured and answered.
    public InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        InterceptionResult<DbCommand>.SuppressWithResult(new FakeCommand());

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command, eventData, "reader");
        return InterceptionResult<DbDataReader>.SuppressWithResult(answers.Reader(command.CommandText, ParametersOf(command)));
    }
    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command, eventData, "non-query");
        return InterceptionResult<int>.SuppressWithResult(answers.NonQuery(command.CommandText));
    }
    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command, eventData, "scalar");
        return InterceptionResult<object>.SuppressWithResult(answers.Scalar(command.CommandText, ParametersOf(command)));
    }
    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
