using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PosCloud.Core.Persistence;

public static class UniqueViolation
{
    /// <summary>True when the save failed because a unique index or primary key already holds the value.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };

    /// <summary>The same, raised by a raw statement (the PostgreSQL COPY path) instead of SaveChanges.</summary>
    public static bool IsUniqueViolation(this PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation;
}
