using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Outbox;

/// <summary>
/// Reads one page of pending outbox rows and locks them for the caller's transaction, so that two
/// dispatchers on one database (two Api replicas) never publish the same row: a replica skips the
/// rows another holds and takes the next ones. The lock ends with the transaction, so a dispatcher
/// that dies mid-publish leaves its rows to the next poll of any replica (at least once, never lost).
/// The same claim serves every table worked as a queue (<see cref="ClaimAsync{T}"/>: the Turnkey delivery's
/// PlatformMessages too).
/// </summary>
public static class OutboxClaim
{
    public static bool NeedsTransaction(CloudDbContext db) => db is not SqliteCloudDbContext;

    internal static Task<List<OutboxMessage>> PendingAsync(CloudDbContext db, int batchSize, CancellationToken ct) =>
        ClaimAsync(db, db.OutboxMessages, "OutboxMessages", "DispatchedAt", null, "CreatedAt", batchSize, ct);

    /// <summary>
    /// Up to <paramref name="batchSize"/> rows of <paramref name="table"/> whose <paramref name="column"/> equals
    /// <paramref name="value"/> (IS NULL when null), oldest by <paramref name="orderBy"/> first, locked until the
    /// caller's transaction ends; rows another transaction holds are skipped. Table and column names are the caller's
    /// constants (never input); the value is a parameter.
    /// </summary>
    public static Task<List<T>> ClaimAsync<T>(CloudDbContext db, DbSet<T> set, string table, string column, string? value, string orderBy, int batchSize, CancellationToken ct)
        where T : class
    {
        // Identifiers are the callers' constants; checked anyway, since they are written into the SQL.
        if (!new[] { table, column, orderBy }.All(name => name.Length > 0 && name.All(char.IsAsciiLetterOrDigit)))
            throw new ArgumentException("Table and column names must be plain identifiers.");
        var n = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var condition = value is null ? "IS NULL" : "= {0}";
        object[] parameters = value is null ? [] : [value];
        var sql = db switch
        {
            // Row locks that skip rows locked by another transaction.
            PostgresCloudDbContext => $"""SELECT * FROM "{table}" WHERE "{column}" {condition} ORDER BY "{orderBy}" LIMIT {n} FOR UPDATE SKIP LOCKED""",
            // The SQL Server counterpart of SKIP LOCKED: update locks held to the end of the transaction, locked rows skipped.
            SqlServerCloudDbContext => $"""SELECT TOP ({n}) * FROM [{table}] WITH (UPDLOCK, ROWLOCK, READPAST) WHERE [{column}] {condition} ORDER BY [{orderBy}]""",
            // SQLite is the embedded default: one process, one worker, and a write transaction locks the file.
            _ => $"""SELECT * FROM "{table}" WHERE "{column}" {condition} ORDER BY "{orderBy}" LIMIT {n}""",
        };
        return set.FromSqlRaw(sql, parameters).ToListAsync(ct);
    }
}
