using System.Text.RegularExpressions;
using Npgsql;

namespace PosCloud.Core.Persistence;

/// <summary>
/// What the cloud adds to a PostgreSQL connection string where the operator did not decide; each setting the
/// connection string names is left as it is.
/// <list type="bullet">
/// <item>Automatic preparation: EF sends the same few statements for every upload and every worker batch; prepared,
/// PostgreSQL parses and plans each once per connection instead of per call. Issue 15's storm
/// (bench/ReconciliationBench, warm, runs interleaved on and off): PostgreSQL 193 and 231 µs/order against 234 and
/// 231 without — a small gain inside this machine's run-to-run noise. <c>Max Auto Prepare=0</c> turns it off, behind
/// a pooler that cannot keep prepared statements.</item>
/// <item>No reset on close: a pooled connection is otherwise reset every time it is opened again, seven statements
/// (<c>RESET ALL</c>, <c>DISCARD SEQUENCES</c>, <c>pg_advisory_unlock_all()</c>, …; with prepared statements Npgsql cannot
/// use <c>DISCARD ALL</c>), about seven times per upload of 100 orders in the storm. The cloud keeps no session state
/// (no <c>SET</c>, advisory lock, <c>LISTEN</c> or temporary table), and a transaction left open is still rolled back
/// when its connection goes back to the pool. <c>No Reset On Close=false</c> brings the reset back.</item>
/// </list>
/// </summary>
public static partial class PostgresConnectionDefaults
{
    public const int MaxAutoPrepare = 64;
    public const int AutoPrepareMinUsages = 3;

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var changed = false;
        if (!AutoPrepareSetting().IsMatch(connectionString))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
            changed = true;
        }
        if (!NoResetOnCloseSetting().IsMatch(connectionString))
        {
            builder.NoResetOnClose = true;
            changed = true;
        }
        return changed ? builder.ConnectionString : connectionString;
    }

    [GeneratedRegex(@"auto\s*prepare", RegexOptions.IgnoreCase)]
    private static partial Regex AutoPrepareSetting();

    [GeneratedRegex(@"no\s*reset\s*on\s*close", RegexOptions.IgnoreCase)]
    private static partial Regex NoResetOnCloseSetting();
}
