using PosCloud.Contracts;
using PosCloud.Reconciliation.Returns;

namespace PosCloud.UnitTests.Returns;

public class ReturnRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromHours(24);

    private static ReturnToCheck Return(params ReturnLineToCheck[] lines) => new(Guid.NewGuid(), Now.AddMinutes(-5), lines, null);

    /// <summary>Line 1: 2 × TS-0400001 at 500 with a −178 override (catalog 589); line 2: 3 × FD-0500049 at 91, no override.</summary>
    private static OriginalSale Sale(OrderStatus status = OrderStatus.Reconciled, decimal returned1 = 0, decimal returned2 = 0) => new(Guid.NewGuid(), status,
    [
        new OriginalLine(1, "TS-0400001", 2, 500, returned1, (-178m, 2m)),
        new OriginalLine(2, "FD-0500049", 3, 91, returned2),
    ]);

    [Fact]
    public void A_return_whose_original_has_not_arrived_waits()
    {
        Assert.IsType<ReturnDecision.Wait>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)), null, Now, Limit));
        Assert.IsType<ReturnDecision.Wait>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)), Sale(OrderStatus.Reconciling), Now, Limit));
    }

    [Fact]
    public void A_return_that_waited_longer_than_the_setting_needs_review_with_the_reason()
    {
        var old = Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)) with { ReceivedAt = Now - Limit };
        var review = Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(old, null, Now, Limit));
        Assert.Contains("has not arrived within 24 hours", review.Reason);
        var justInTime = old with { ReceivedAt = Now - Limit + TimeSpan.FromSeconds(1) };
        Assert.IsType<ReturnDecision.Wait>(ReturnRules.Decide(justInTime, null, Now, Limit));
    }

    [Fact]
    public void A_return_of_a_failed_sale_needs_review()
    {
        var review = Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)), Sale(OrderStatus.Failed), Now, Limit));
        Assert.Contains("failed", review.Reason);
    }

    [Fact]
    public void A_return_within_what_is_left_is_taken_back_and_reconciled()
    {
        var take = Assert.IsType<ReturnDecision.TakeBack>(ReturnRules.Decide(Return(new ReturnLineToCheck(1, "fd-0500049 ", 2, 182)), Sale(returned2: 1), Now, Limit));
        Assert.Equal(OrderStatus.Reconciled, take.Status);
        var line = Assert.Single(take.Lines);
        Assert.Equal((1, 2, 2m, (decimal?)null), (line.LineIndex, line.LineNumber, line.Quantity, line.OverrideReversal));
    }

    [Fact]
    public void More_than_sold_minus_already_returned_needs_review_naming_the_line()
    {
        var review = Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(Return(new ReturnLineToCheck(1, "FD-0500049", 2, 182)), Sale(returned2: 2), Now, Limit));
        Assert.StartsWith("lines[1]: returns 2 but only 1 of 3 sold are left", review.Reason);
    }

    [Fact]
    public void A_line_index_outside_the_sale_or_a_different_SKU_needs_review()
    {
        Assert.Contains("has no line 5", Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(Return(new ReturnLineToCheck(5, "TS-0400001", 1, 500)), Sale(), Now, Limit)).Reason);
        Assert.Contains("is not the original line's", Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "FD-0500049", 1, 91)), Sale(), Now, Limit)).Reason);
    }

    [Fact]
    public void A_refund_above_the_charged_price_takes_the_goods_back_but_needs_review()
    {
        var take = Assert.IsType<ReturnDecision.TakeBack>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "TS-0400001", 1, 589)), Sale(), Now, Limit));
        Assert.Equal(OrderStatus.NeedsReview, take.Status);
        Assert.Contains("refund 589 for 1 × 500", take.Reason);
        // Whole-dollar rounding is not a difference.
        var rounded = Assert.IsType<ReturnDecision.TakeBack>(ReturnRules.Decide(Return(new ReturnLineToCheck(1, "FD-0500049", 1, 90)), Sale(), Now, Limit));
        Assert.Equal(OrderStatus.Reconciled, rounded.Status);
    }

    [Fact]
    public void A_returned_line_with_an_override_reverses_its_share()
    {
        // −178 over 2 units; one returned → +89 back, so the sale's net override is −89.
        var take = Assert.IsType<ReturnDecision.TakeBack>(ReturnRules.Decide(Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)), Sale(), Now, Limit));
        Assert.Equal(89m, take.Lines.Single().OverrideReversal);
        Assert.Equal(178m, ReturnRules.Reversal((-178m, 2m), 2));
        Assert.Equal(-33.33m, ReturnRules.Reversal((100m, 3m), 1));
        Assert.Null(ReturnRules.Reversal(null, 1));
    }

    [Fact]
    public void An_invoice_problem_from_ingestion_makes_the_return_need_review_but_still_takes_the_goods_back()
    {
        var r = Return(new ReturnLineToCheck(0, "TS-0400001", 1, 500)) with { InvoiceProblem = "G0401 11512/AL-1 was already made by another return." };
        var take = Assert.IsType<ReturnDecision.TakeBack>(ReturnRules.Decide(r, Sale(), Now, Limit));
        Assert.Equal(OrderStatus.NeedsReview, take.Status);
        Assert.Contains("already made", take.Reason);
    }

    [Fact]
    public void An_invoice_problem_is_said_beside_an_over_return()
    {
        var r = Return(new ReturnLineToCheck(1, "FD-0500049", 2, 182)) with { InvoiceProblem = "F0501 11512/AB12345678 was already made by another return." };
        var review = Assert.IsType<ReturnDecision.Review>(ReturnRules.Decide(r, Sale(returned2: 2), Now, Limit));
        Assert.Contains("sold are left", review.Reason);
        Assert.EndsWith("already made by another return.", review.Reason);
    }
}
