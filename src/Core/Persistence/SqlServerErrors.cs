using Microsoft.Data.SqlClient;

namespace PosCloud.Core.Persistence;

/// <summary>
/// SQL Server's error numbers, classified as PostgreSQL's SqlStates are in <see cref="UniqueViolation"/> and
/// <see cref="TransientFailure"/>: pure functions over the number, and a thin adapter over <see cref="SqlException"/>
/// (which reports every error of the batch in <see cref="SqlException.Errors"/>; any one of them counts).
/// The transient list follows EF Core's SqlServerTransientExceptionDetector and Microsoft's Azure SQL guidance.
/// </summary>
public static class SqlServerErrors
{
    /// <summary>2627: PRIMARY KEY or UNIQUE constraint violated; 2601: duplicate key in a unique index.</summary>
    public static bool IsUniqueViolation(int number) => number is 2627 or 2601;

    /// <summary>The server or the way to it failed, not the statement: sending the same work again may succeed.</summary>
    public static bool IsTransient(int number) => number is
        -2              // client-side timeout (SqlClient's "Execution Timeout Expired")
        or 20 or 64 or 121 or 233   // connection refused / dropped / semaphore timeout / no process at the other end of the pipe
        or 1205         // chosen as deadlock victim
        or 1222         // lock request timed out
        or 4060 or 4221 // database cannot be opened (yet) / read-only secondary not ready
        or 10053 or 10054 or 10060  // transport-level error: connection aborted, reset by peer, network timeout
        or 10928 or 10929 or 10936  // Azure SQL resource limits reached
        or 40143 or 40197 or 40501 or 40540 or 40613  // Azure SQL: service busy, error processing the request, database unavailable
        or 41301 or 41302 or 41305 or 41325 or 41839  // memory-optimized tables: commit dependency / write or validation conflicts
        or 49918 or 49919 or 49920; // Azure SQL: not enough resources, too many create/update operations

    public static bool IsUniqueViolation(SqlException exception) => Numbers(exception).Any(IsUniqueViolation);

    public static bool IsTransient(SqlException exception) => Numbers(exception).Any(IsTransient);

    private static IEnumerable<int> Numbers(SqlException exception) =>
        exception.Errors.Count == 0 ? [exception.Number] : exception.Errors.Cast<SqlError>().Select(e => e.Number);
}
