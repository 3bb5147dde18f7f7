namespace PosCloud.Api.Sync;

/// <summary>One sale's place in its register's chain: its number, its hash and the hash it says came before.</summary>
public sealed record ChainLink(long LocalNumber, string? Hash, string? PreviousHash);

/// <summary>
/// Completeness rules as pure functions: a register numbers its sales 1, 2, 3 … and each sale carries
/// the hash of the one before, so a missing number or a mismatched hash shows a sale lost at the store.
/// Integrators may send no hashes: a link without them is never called broken.
/// </summary>
public static class RegisterChain
{
    /// <summary>The sale numbers whose PreviousHash differs from the Hash of the sale numbered one less.</summary>
    public static IReadOnlySet<long> BrokenLinks(IEnumerable<ChainLink> links)
    {
        var byNumber = new Dictionary<long, ChainLink>();
        foreach (var l in links) byNumber.TryAdd(l.LocalNumber, l);
        var broken = new HashSet<long>();
        foreach (var link in byNumber.Values)
        {
            if (link.PreviousHash is null || !byNumber.TryGetValue(link.LocalNumber - 1, out var previous) || previous.Hash is null) continue;
            if (!string.Equals(previous.Hash, link.PreviousHash, StringComparison.OrdinalIgnoreCase)) broken.Add(link.LocalNumber);
        }
        return broken;
    }

    /// <summary>
    /// Numbers from 1 (or from <paramref name="completeThrough"/> + 1: those below are known present) up to the
    /// highest received that never arrived, the first <paramref name="limit"/> of them.
    /// </summary>
    public static IReadOnlyList<long> MissingNumbers(IEnumerable<long> received, int limit, long completeThrough = 0)
    {
        var sorted = received.Where(n => n > completeThrough).Distinct().Order().ToList();
        var missing = new List<long>();
        var expected = completeThrough + 1;
        foreach (var n in sorted)
        {
            for (; expected < n && missing.Count < limit; expected++) missing.Add(expected);
            if (missing.Count >= limit) break;
            expected = n + 1;
        }
        return missing;
    }

    /// <summary>
    /// The new watermark: the highest k such that every number from 1 to k has arrived, given that every
    /// number up to <paramref name="completeThrough"/> already had and <paramref name="received"/> holds (at
    /// least) the numbers above it.
    /// </summary>
    public static long CompleteThrough(IEnumerable<long> received, long completeThrough)
    {
        var through = completeThrough;
        foreach (var n in received.Where(n => n > completeThrough).Distinct().Order())
        {
            if (n != through + 1) break;
            through = n;
        }
        return through;
    }
}
