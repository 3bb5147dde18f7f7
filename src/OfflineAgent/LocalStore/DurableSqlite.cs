using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PosCloud.OfflineAgent.LocalStore;

/// <summary>
/// synchronous is a per-connection setting, so every connection gets FULL: with WAL this makes a
/// commit durable before the clerk sees 「完成」, which is the whole promise of the agent.
/// </summary>
public sealed class DurableSqlite : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
