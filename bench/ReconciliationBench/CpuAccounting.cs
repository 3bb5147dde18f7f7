namespace PosCloud.Bench;

/// <summary>
/// CPU seconds per process group from /proc (Linux): on a shared 2-core machine wall time says little,
/// CPU time per component (Api, workers, PostgreSQL, RabbitMQ, this load generator) says where the work goes.
/// </summary>
public static class CpuAccounting
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static Dictionary<string, double> Snapshot(IReadOnlyDictionary<int, string> namedPids)
    {
        var result = new Dictionary<string, double>();
        if (!Directory.Exists("/proc")) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // exited meanwhile
            catch (UnauthorizedAccessException) { continue; }
            var close = stat.LastIndexOf(')');
            var comm = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var seconds = (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond; // utime, stime
            var group = namedPids.TryGetValue(pid, out var name) ? name
                : comm == "postgres" ? "postgresql"
                : comm is "beam.smp" or "erl_child_setup" ? "rabbitmq"
                : pid == Environment.ProcessId ? "load generator (this process)"
                : null;
            if (group is not null) result[group] = result.GetValueOrDefault(group) + seconds;
        }
        return result;
    }

    public static string Delta(Dictionary<string, double> before, Dictionary<string, double> after, int orders) =>
        string.Join(", ", after.OrderByDescending(kv => kv.Value - before.GetValueOrDefault(kv.Key))
            .Select(kv => (kv.Key, Cpu: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Cpu > 0.005)
            .Select(x => $"{x.Key} {x.Cpu:F1} s ({x.Cpu * 1e6 / orders:F0} µs/order)"));
}
