using Npgsql;

namespace PosCloud.Reconciliation;

/// <summary>The PostgreSQL read and write paths send several statements in one round trip.</summary>
internal static class NpgsqlBatchExtensions
{
    public static void Add(this NpgsqlBatch batch, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
    }
}
