using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Outbox;

/// <summary>
/// Reads one page of pending outbox rows and locks them for the caller's transaction, so that two
/// dispatchers on one database (two Api replicas) never publish the same row: a replica skips the
/// rows another holds and takes the next ones. The lock ends with the transaction, so a dispatcher
/// that dies mid-publish leaves its rows to the next poll of any replica (at least once, never lost).
/// </summary>
internal static class OutboxClaim
{
    public static bool NeedsTransaction(CloudDbContext db) => db is not SqliteCloudDbContext;

    public static Task<List<OutboxMessage>> PendingAsync(CloudDbContext db, int batchSize, CancellationToken ct) => db switch
    {
        // Row locks that skip rows locked by another transaction.
        PostgresCloudDbContext => db.OutboxMessages.FromSqlInterpolated($"""
            SELECT * FROM "OutboxMessages" WHERE "DispatchedAt" IS NULL
            ORDER BY "CreatedAt" LIMIT {batchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct),
        // The SQL Server counterpart of SKIP LOCKED: update locks held to the end of the transaction, locked rows skipped.
        SqlServerCloudDbContext => db.OutboxMessages.FromSqlInterpolated($"""
            SELECT TOP ({batchSize}) * FROM [OutboxMessages] WITH (UPDLOCK, ROWLOCK, READPAST)
            WHERE [DispatchedAt] IS NULL ORDER BY [CreatedAt]
            """).ToListAsync(ct),
        // SQLite is the embedded default: one process, one dispatcher, and a write transaction locks the file.
        _ => db.OutboxMessages.Where(m => m.DispatchedAt == null).OrderBy(m => m.CreatedAt).Take(batchSize).ToListAsync(ct),
    };
}
