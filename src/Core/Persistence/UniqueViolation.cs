using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PosCloud.Core.Persistence;

public static class UniqueViolation
{
    /// <summary>
    /// True when a write failed because a unique index or primary key already holds the value: raised by
    /// SaveChanges (the provider's exception inside a <see cref="DbUpdateException"/>) or by a raw statement
    /// such as the PostgreSQL COPY path (the provider's exception itself).
    /// </summary>
    public static bool IsUniqueViolation(this Exception exception) => (exception is DbUpdateException ? exception.InnerException : exception) switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException sql => SqlServerErrors.IsUniqueViolation(sql),
        _ => false,
    };
}
