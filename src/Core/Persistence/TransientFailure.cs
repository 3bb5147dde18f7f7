using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Storage;

namespace PosCloud.Core.Persistence;

public static class TransientFailure
{
    /// <summary>
    /// True when the database, not the work, failed (PostgreSQL: Npgsql's IsTransient; SQL Server: <see cref="SqlServerErrors.IsTransient(int)"/>): a refused or lost connection, a timeout, an exhausted
    /// pool, EF's own retries used up. Inner exceptions count, because EF and the bus wrap the provider's.
    /// Such a failure says nothing about the request or the message: the Api answers 503 (send it again)
    /// and the workers wait for the database instead of failing a good batch.
    /// </summary>
    public static bool IsTransientDatabaseFailure(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutException or DbException { IsTransient: true } or RetryLimitExceededException
                // SQL Server: its error numbers decide (deadlock victim, timeout, lost connection…), as EF's retrying strategy does.
                || (e is SqlException sql && SqlServerErrors.IsTransient(sql)))
                return true;
        return false;
    }
}
