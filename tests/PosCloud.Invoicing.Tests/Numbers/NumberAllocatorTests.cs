using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Numbers;

public class NumberAllocatorTests
{
    private static readonly InvoicePeriod NovDec = InvoicePeriod.Parse("11312");
    private static readonly InvoiceRange Block = new(NovDec, "AB", 12345650, 12345699);

    [Fact]
    public void First_number_is_the_start_of_the_block()
    {
        var r = Assert.IsType<NumberAllocation.Allocated>(NumberAllocator.Next(Block, null));
        Assert.Equal("AB12345650", r.Number.ToString());
        Assert.Equal(49, r.RemainingAfter);
    }

    [Fact]
    public void Numbers_are_sequential_and_the_last_one_is_issued_before_exhaustion()
    {
        InvoiceNumber? last = null;
        var issued = new List<string>();
        while (NumberAllocator.Next(Block, last) is NumberAllocation.Allocated a)
        {
            issued.Add(a.Number.ToString());
            last = a.Number;
        }
        Assert.Equal(50, issued.Count);
        Assert.Equal(50, issued.Distinct().Count());
        Assert.Equal("AB12345699", issued[^1]);
        var refusal = Assert.IsType<NumberAllocation.BlockExhausted>(NumberAllocator.Next(Block, last));
        Assert.Contains("exhausted", refusal.Message);
        Assert.Equal(0, NumberAllocator.Remaining(Block, last));
    }

    [Fact]
    public void Remaining_count_drives_the_low_numbers_warning()
    {
        Assert.Equal(50, NumberAllocator.Remaining(Block, null));
        var last = new InvoiceNumber("AB", 12345690);
        Assert.Equal(9, NumberAllocator.Remaining(Block, last));
        Assert.True(NumberAllocator.IsLow(Block, last, threshold: 10));
        Assert.False(NumberAllocator.IsLow(Block, new InvoiceNumber("AB", 12345689), threshold: 10));
    }

    [Fact]
    public void A_last_number_outside_the_block_is_refused_not_guessed()
    {
        Assert.IsType<NumberAllocation.LastUsedOutsideBlock>(NumberAllocator.Next(Block, new InvoiceNumber("AB", 12345700)));
        Assert.IsType<NumberAllocation.LastUsedOutsideBlock>(NumberAllocator.Next(Block, new InvoiceNumber("AC", 12345660)));
    }

    [Fact]
    public void Across_blocks_the_next_block_of_the_sale_period_is_used_and_other_periods_never()
    {
        var b1 = new InvoiceRange(NovDec, "AB", 100, 101);
        var b2 = new InvoiceRange(NovDec, "AB", 500, 549);
        var janFeb = new InvoiceRange(InvoicePeriod.Parse("11402"), "CD", 0, 49);
        var lastUsed = new Dictionary<InvoiceRange, InvoiceNumber?> { [b1] = new InvoiceNumber("AB", 101) };
        var sale = new DateOnly(2024, 12, 31);

        var a = Assert.IsType<NumberAllocation.Allocated>(NumberAllocator.Next([b1, b2, janFeb], b => lastUsed.GetValueOrDefault(b), sale));
        Assert.Equal("AB00000500", a.Number.ToString());

        // Jan 1st: the Nov–Dec blocks are no longer valid, the Jan–Feb block is.
        var jan = Assert.IsType<NumberAllocation.Allocated>(NumberAllocator.Next([b1, b2, janFeb], _ => null, new DateOnly(2025, 1, 1)));
        Assert.Equal("CD00000000", jan.Number.ToString());

        var none = Assert.IsType<NumberAllocation.NoBlockForPeriod>(NumberAllocator.Next([b1, b2], _ => null, new DateOnly(2025, 1, 1)));
        Assert.Equal("11402", none.Period.Code);

        var full = new Dictionary<InvoiceRange, InvoiceNumber?> { [b1] = new InvoiceNumber("AB", 101), [b2] = new InvoiceNumber("AB", 549) };
        Assert.IsType<NumberAllocation.BlockExhausted>(NumberAllocator.Next([b1, b2], b => full.GetValueOrDefault(b), sale));
    }

    [Fact]
    public void Blocks_come_from_the_snapshot()
    {
        var r = InvoiceRange.FromSnapshot(new SnapshotInvoiceRange("S001-R1", "11512", "QQ", 1000, 1049));
        Assert.Equal("11512", r.Period.Code);
        Assert.Equal(50, r.Size);
        Assert.Equal("QQ00001000", r.First.ToString());
    }

    [Fact]
    public void Invalid_blocks_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new InvoiceRange(NovDec, "AB", 10, 9));
        Assert.Throws<ArgumentException>(() => new InvoiceRange(NovDec, "A1", 0, 9));
    }
}
