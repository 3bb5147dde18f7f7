using PosCloud.Contracts;

namespace PosCloud.Core.Dashboard;

/// <summary>One order's status change as the change tracker sees it; a null side means inserted or deleted.</summary>
public readonly record struct OrderStatusMove(string StoreId, OrderStatus? From, OrderStatus? To);

public readonly record struct StatusCountDelta(string StoreId, OrderStatus Status, long Delta);

public static class StatusCountDeltas
{
    /// <summary>
    /// Net count changes per (store, status) for a set of moves, zero deltas dropped, sorted by key so
    /// concurrent transactions always lock the counter rows in the same order (no deadlock cycles).
    /// </summary>
    public static IReadOnlyList<StatusCountDelta> From(IEnumerable<OrderStatusMove> moves)
    {
        var sums = new Dictionary<(string, OrderStatus), long>();
        foreach (var m in moves)
        {
            if (m.From == m.To) continue;
            if (m.From is { } from) sums[(m.StoreId, from)] = sums.GetValueOrDefault((m.StoreId, from)) - 1;
            if (m.To is { } to) sums[(m.StoreId, to)] = sums.GetValueOrDefault((m.StoreId, to)) + 1;
        }
        return sums.Where(kv => kv.Value != 0)
            .Select(kv => new StatusCountDelta(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderBy(d => d.StoreId, StringComparer.Ordinal).ThenBy(d => d.Status)
            .ToList();
    }
}
