using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PosCloud.Core.Persistence;

public static class DataFault
{
    /// <summary>
    /// True when the database refused the data of a write (a value too long or too large, a constraint other
    /// than a unique key): something in the rows, not the database's health or a concurrent writer, so writing
    /// the same rows again can never succeed. A worker isolates the rows that cause it instead of retrying.
    /// A concurrency conflict, a unique violation (another writer won) and a transient failure are NOT data faults.
    /// </summary>
    public static bool IsDataFault(this Exception exception)
    {
        if (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation() || exception.IsTransientDatabaseFailure()) return false;
        return (exception is DbUpdateException ? exception.InnerException : exception) switch
        {
            // Class 22: data exception (22001 too long, 22003 numeric overflow, 22021 bad bytes …); 23: integrity constraint.
            PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal),
            // 8115 arithmetic overflow, 2628/8152 truncation, 547 constraint, 515 NULL into NOT NULL.
            SqlException sql => sql.Number is 8115 or 2628 or 8152 or 547 or 515,
            // SQLITE_CONSTRAINT, SQLITE_TOOBIG, SQLITE_MISMATCH.
            SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 18 or 20,
            _ => false,
        };
    }
}
