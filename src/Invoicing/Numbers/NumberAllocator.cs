namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// Sequential allocation as pure functions. The caller (the agent) stores the last used number
/// per block in the same transaction as the sale, so re-running with the stored state always
/// gives the same next number: a crash can neither reuse nor silently skip one.
/// </summary>
public static class NumberAllocator
{
    /// <summary>The next number in <paramref name="block"/> after <paramref name="lastUsed"/> (null: nothing used yet).</summary>
    public static NumberAllocation Next(InvoiceRange block, InvoiceNumber? lastUsed)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (lastUsed is { } last && !block.Contains(last))
            return new NumberAllocation.LastUsedOutsideBlock(block, last);
        var serial = lastUsed is { } l ? l.Serial + 1 : block.From;
        if (serial > block.To) return new NumberAllocation.BlockExhausted(block);
        return new NumberAllocation.Allocated(new InvoiceNumber(block.Track, serial), block, block.To - serial);
    }

    /// <summary>Numbers still free in the block.</summary>
    public static int Remaining(InvoiceRange block, InvoiceNumber? lastUsed)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (lastUsed is not { } last) return block.Size;
        if (!block.Contains(last)) throw new ArgumentException($"{last} is not in {block}.", nameof(lastUsed));
        return block.To - last.Serial;
    }

    /// <summary>True when the clerk should be warned that fewer than <paramref name="threshold"/> numbers remain.</summary>
    public static bool IsLow(InvoiceRange block, InvoiceNumber? lastUsed, int threshold) => Remaining(block, lastUsed) < threshold;

    /// <summary>
    /// Across the register's blocks: use the blocks of the sale's period in the given order,
    /// finishing one before starting the next. <paramref name="lastUsedIn"/> gives the last
    /// number used in a block (null if untouched).
    /// </summary>
    public static NumberAllocation Next(IEnumerable<InvoiceRange> blocks, Func<InvoiceRange, InvoiceNumber?> lastUsedIn, DateOnly saleDate)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(lastUsedIn);
        var period = InvoicePeriod.Of(saleDate);
        NumberAllocation? lastRefusal = null;
        foreach (var block in blocks.Where(b => b.Period == period))
        {
            var result = Next(block, lastUsedIn(block));
            if (result is NumberAllocation.Allocated or NumberAllocation.LastUsedOutsideBlock) return result;
            lastRefusal = result;
        }
        return lastRefusal ?? new NumberAllocation.NoBlockForPeriod(period);
    }
}
