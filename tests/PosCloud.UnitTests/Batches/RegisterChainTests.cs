using PosCloud.Api.Sync;

namespace PosCloud.UnitTests.Batches;

public class RegisterChainTests
{
    [Fact]
    public void An_intact_chain_has_no_broken_links() =>
        Assert.Empty(RegisterChain.BrokenLinks([new(1, "a", null), new(2, "b", "a"), new(3, "c", "b")]));

    [Fact]
    public void A_previous_hash_that_is_not_the_previous_sales_hash_is_broken() =>
        Assert.Equal([3L], RegisterChain.BrokenLinks([new(1, "a", null), new(2, "b", "a"), new(3, "c", "x")]));

    [Fact]
    public void Links_across_a_gap_or_without_hashes_are_not_called_broken()
    {
        Assert.Empty(RegisterChain.BrokenLinks([new(1, "a", null), new(3, "c", "b")]));
        Assert.Empty(RegisterChain.BrokenLinks([new(1, null, null), new(2, null, "zzz")]));
    }

    [Fact]
    public void Hashes_compare_case_insensitively() =>
        Assert.Empty(RegisterChain.BrokenLinks([new(1, "ABCD", null), new(2, "b", "abcd")]));

    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, new long[0])]
    [InlineData(new long[] { 1, 2, 4, 7 }, new long[] { 3, 5, 6 })]
    [InlineData(new long[] { 3 }, new long[] { 1, 2 })]
    [InlineData(new long[] { 2, 2, 4 }, new long[] { 1, 3 })]
    public void Missing_numbers_are_the_ones_below_the_highest_that_never_arrived(long[] received, long[] missing) =>
        Assert.Equal(missing, RegisterChain.MissingNumbers(received, 50));

    [Fact]
    public void The_missing_list_is_capped() =>
        Assert.Equal(5, RegisterChain.MissingNumbers([1000], 5).Count);

    [Theory]
    [InlineData(new long[] { 6, 7, 9 }, 5, new long[] { 8 })]
    [InlineData(new long[] { 1, 2, 9 }, 5, new long[] { 6, 7, 8 })] // numbers at or below the watermark are known present
    [InlineData(new long[0], 5, new long[0])]
    public void Missing_numbers_above_a_watermark_start_after_it(long[] received, long completeThrough, long[] missing) =>
        Assert.Equal(missing, RegisterChain.MissingNumbers(received, 50, completeThrough));

    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, 0, 3)]
    [InlineData(new long[] { 1, 2, 4 }, 0, 2)]
    [InlineData(new long[] { 2, 3 }, 0, 0)]
    [InlineData(new long[] { 7, 6, 6, 9 }, 5, 7)] // unordered and repeated numbers
    [InlineData(new long[] { 3, 4 }, 5, 5)] // never lowers it
    [InlineData(new long[0], 5, 5)]
    public void The_watermark_rises_to_the_first_gap(long[] received, long completeThrough, long expected) =>
        Assert.Equal(expected, RegisterChain.CompleteThrough(received, completeThrough));
}
