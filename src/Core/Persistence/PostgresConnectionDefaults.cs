using System.Text.RegularExpressions;
using Npgsql;

namespace PosCloud.Core.Persistence;

/// <summary>
/// What the cloud adds to a PostgreSQL connection string the operator did not decide: Npgsql's automatic
/// preparation. EF sends the same few statements for every upload and every worker batch; prepared, PostgreSQL
/// parses and plans each once per connection instead of per call. Issue 15's storm (bench/ReconciliationBench,
/// warm, runs interleaved on and off): PostgreSQL 193 and 231 µs/order against 234 and 231 without — a small gain
/// inside this machine's run-to-run noise (an earlier design measured a loss; re-measure when the writes change). A connection string that
/// names any auto-prepare setting is left as it is (e.g. <c>Max Auto Prepare=0</c> turns it off, behind a pooler
/// that cannot keep prepared statements).
/// </summary>
public static partial class PostgresConnectionDefaults
{
    public const int MaxAutoPrepare = 64;
    public const int AutoPrepareMinUsages = 3;

    public static string Apply(string connectionString)
    {
        if (AutoPrepareSetting().IsMatch(connectionString)) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = MaxAutoPrepare,
            AutoPrepareMinUsages = AutoPrepareMinUsages,
        }.ConnectionString;
    }

    [GeneratedRegex(@"auto\s*prepare", RegexOptions.IgnoreCase)]
    private static partial Regex AutoPrepareSetting();
}
