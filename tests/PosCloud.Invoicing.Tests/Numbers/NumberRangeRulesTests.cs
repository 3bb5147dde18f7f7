using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Numbers;

public class NumberRangeRulesTests
{
    private static readonly InvoicePeriod P = InvoicePeriod.Parse("11512");
    private static InvoiceRange R(int from, int to, string track = "AB", InvoicePeriod? period = null) => new(period ?? P, track, from, to);
    private static InvoiceNumber N(int serial, string track = "AB") => new(track, serial);

    [Theory]
    [InlineData(100, 199, 150, 250, true)]   // partial
    [InlineData(100, 199, 199, 300, true)]   // shares the last number
    [InlineData(100, 199, 120, 130, true)]   // inside
    [InlineData(100, 199, 200, 299, false)]  // adjacent
    [InlineData(100, 199, 0, 99, false)]     // adjacent before
    public void Overlap_is_any_shared_number(int aFrom, int aTo, int bFrom, int bTo, bool expected)
    {
        Assert.Equal(expected, NumberRangeRules.Overlaps(R(aFrom, aTo), R(bFrom, bTo)));
        Assert.Equal(expected, NumberRangeRules.Overlaps(R(bFrom, bTo), R(aFrom, aTo)));
    }

    [Fact]
    public void Other_track_or_period_never_overlaps()
    {
        Assert.False(NumberRangeRules.Overlaps(R(100, 199), R(100, 199, "AC")));
        Assert.False(NumberRangeRules.Overlaps(R(100, 199), R(100, 199, period: P.Next())));
        Assert.Equal(R(150, 160), NumberRangeRules.FirstOverlap(R(140, 155), [R(0, 99), R(150, 160), R(156, 170)]));
        Assert.Null(NumberRangeRules.FirstOverlap(R(100, 149), [R(0, 99), R(150, 160)]));
    }

    [Theory]
    [InlineData(100, 149, true)]
    [InlineData(0, 999, true)]
    [InlineData(950, 1000, false)]
    [InlineData(999, 1049, false)]
    public void A_block_lies_inside_a_range_only_entirely(int from, int to, bool expected) =>
        Assert.Equal(expected, NumberRangeRules.LiesInside(R(from, to), R(0, 999)));

    [Fact]
    public void A_block_of_another_track_or_period_is_not_inside()
    {
        Assert.False(NumberRangeRules.LiesInside(R(0, 49, "AC"), R(0, 999)));
        Assert.False(NumberRangeRules.LiesInside(R(0, 49, period: P.Previous()), R(0, 999)));
    }

    [Fact]
    public void Next_free_block_fills_holes_in_order_and_never_crosses_a_range_end()
    {
        var ranges = new[] { R(0, 99), R(1000, 1999, "AC") };
        Assert.Equal(R(0, 49), NumberRangeRules.NextFreeBlock(ranges, [], 50));
        Assert.Equal(R(50, 99), NumberRangeRules.NextFreeBlock(ranges, [R(0, 49)], 50));
        // A hole of 30 is too small for 50; the next range (other track) has room.
        Assert.Equal(R(1000, 1049, "AC"), NumberRangeRules.NextFreeBlock(ranges, [R(0, 29), R(60, 99)], 50));
        Assert.Equal(R(30, 59), NumberRangeRules.NextFreeBlock(ranges, [R(0, 29), R(60, 99)], 30));
        Assert.Null(NumberRangeRules.NextFreeBlock(ranges, [R(0, 99), R(1000, 1999, "AC")], 1));
        Assert.Equal(R(1000, 1249, "AC"), NumberRangeRules.NextFreeBlock(ranges, [], 250, "AC"));
    }

    [Fact]
    public void Gaps_are_numbers_skipped_below_the_highest_used_one()
    {
        var block = R(100, 149);
        Assert.Empty(NumberRangeRules.Gaps(block, []));
        Assert.Empty(NumberRangeRules.Gaps(block, [N(100), N(101), N(102)])); // the unused tail is not a gap
        Assert.Equal([N(101), N(103), N(104)], NumberRangeRules.Gaps(block, [N(100), N(102), N(105)]));
        Assert.Equal([N(100)], NumberRangeRules.Gaps(block, [N(101), N(500), N(100, "AC")])); // others' numbers ignored
    }

    [Fact]
    public void Block_of_a_number_needs_its_period()
    {
        var blocks = new[] { R(100, 149), R(100, 149, period: P.Next()) };
        Assert.Equal(blocks[0], NumberRangeRules.BlockOf(N(120), P, blocks));
        Assert.Equal(blocks[1], NumberRangeRules.BlockOf(N(120), P.Next(), blocks));
        Assert.Null(NumberRangeRules.BlockOf(N(150), P, blocks));
        Assert.Null(NumberRangeRules.BlockOf(N(120), P.Previous(), blocks));
    }
}
