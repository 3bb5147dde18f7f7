using PosCloud.Contracts.Stores;

namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// The rules for HQ's number ranges and the blocks cut from them, as pure functions over
/// <see cref="InvoiceRange"/> (period + track + inclusive serials): the cloud's (overlap, cutting, gaps) and the
/// register's (its blocks in the snapshot, what is left of them). The next number: <see cref="NumberAllocator"/>.
/// </summary>
public static class NumberRangeRules
{
    /// <summary>A POS block as value-added centres hand them out (50 numbers; a booklet ends in 49 or 99).</summary>
    public const int DefaultBlockSize = 50;
    public const int MaxBlockSize = 10_000;

    /// <summary>The period's last day (Taiwan) is before <paramref name="today"/>: its numbers can no longer be issued.</summary>
    public static bool IsClosed(InvoicePeriod period, DateOnly today) => period.LastDay < today;

    /// <summary>Same period and track, and at least one number in common.</summary>
    public static bool Overlaps(InvoiceRange a, InvoiceRange b) =>
        a.Period == b.Period && a.Track == b.Track && a.From <= b.To && b.From <= a.To;

    /// <summary>The first of <paramref name="existing"/> sharing a number with <paramref name="candidate"/>, or null.</summary>
    public static InvoiceRange? FirstOverlap(InvoiceRange candidate, IEnumerable<InvoiceRange> existing) =>
        existing.Where(e => Overlaps(candidate, e)).OrderBy(e => e.From).FirstOrDefault();

    /// <summary>Every number of <paramref name="inner"/> is in <paramref name="outer"/> (same period and track).</summary>
    public static bool LiesInside(InvoiceRange inner, InvoiceRange outer) =>
        inner.Period == outer.Period && inner.Track == outer.Track && inner.From >= outer.From && inner.To <= outer.To;

    /// <summary>
    /// The first <paramref name="size"/> consecutive free numbers of the ranges (in period, track, from
    /// order) that no existing block holds, inside one range; null when no range has that many left.
    /// </summary>
    public static InvoiceRange? NextFreeBlock(IEnumerable<InvoiceRange> ranges, IEnumerable<InvoiceRange> blocks, int size, string? track = null)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A block has at least one number.");
        var taken = blocks.ToList();
        foreach (var range in ranges.Where(r => track is null || r.Track == track).OrderBy(r => r.Track, StringComparer.Ordinal).ThenBy(r => r.From))
        {
            var start = range.From;
            foreach (var block in taken.Where(b => Overlaps(b, range)).OrderBy(b => b.From))
            {
                if (block.From - start >= size) break;
                start = Math.Max(start, block.To + 1);
            }
            if ((long)range.To - start + 1 >= size) return new InvoiceRange(range.Period, range.Track, start, start + size - 1);
        }
        return null;
    }

    /// <summary>
    /// Numbers skipped inside the used part of a block: neither used nor voided, yet below the highest
    /// number that is. The untouched tail of the block is not a gap (it is simply not used yet).
    /// </summary>
    public static IReadOnlyList<InvoiceNumber> Gaps(InvoiceRange block, IEnumerable<InvoiceNumber> usedOrVoided)
    {
        var inBlock = usedOrVoided.Where(block.Contains).Select(n => n.Serial).ToHashSet();
        if (inBlock.Count == 0) return [];
        var highest = inBlock.Max();
        var gaps = new List<InvoiceNumber>();
        for (var serial = block.From; serial < highest; serial++)
            if (!inBlock.Contains(serial)) gaps.Add(new InvoiceNumber(block.Track, serial));
        return gaps;
    }

    /// <summary>
    /// Which of the incoming numbers (in arrival order) repeat a number already stored or already seen
    /// earlier in the same arrival: true at index i means the i-th use is a duplicate. The first use wins.
    /// </summary>
    public static IReadOnlyList<bool> DuplicateUses(IReadOnlyList<string> incoming, IReadOnlySet<string> stored)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return incoming.Select(n => stored.Contains(n) || !seen.Add(n)).ToList();
    }

    /// <summary>The block of <paramref name="blocks"/> that holds the number in its period, or null (outside the register's blocks).</summary>
    public static InvoiceRange? BlockOf(InvoiceNumber number, InvoicePeriod period, IEnumerable<InvoiceRange> blocks) =>
        blocks.FirstOrDefault(b => b.Period == period && b.Contains(number));

    /// <summary>This register's blocks from the snapshot (which lists every register of the store), in the order to use them.</summary>
    public static IReadOnlyList<InvoiceRange> RegisterBlocks(StoreSnapshot? snapshot, string registerId)
    {
        var blocks = new List<InvoiceRange>();
        foreach (var r in snapshot?.InvoiceRanges ?? [])
        {
            if (r.RegisterId != registerId) continue;
            try { blocks.Add(InvoiceRange.FromSnapshot(r)); }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException) { /* a malformed row cannot be issued from */ }
        }
        return blocks.OrderBy(b => b.Period.Code, StringComparer.Ordinal).ThenBy(b => b.Track, StringComparer.Ordinal).ThenBy(b => b.From).ToList();
    }

    /// <summary>Numbers left in the period's blocks, given the last used serial of each (null: untouched).</summary>
    public static int Remaining(IEnumerable<InvoiceRange> blocks, InvoicePeriod period, Func<InvoiceRange, InvoiceNumber?> lastUsedIn)
    {
        var left = 0;
        foreach (var b in blocks.Where(b => b.Period == period))
        {
            var last = lastUsedIn(b);
            left += last is { } l && !b.Contains(l) ? 0 : NumberAllocator.Remaining(b, last);
        }
        return left;
    }
}
