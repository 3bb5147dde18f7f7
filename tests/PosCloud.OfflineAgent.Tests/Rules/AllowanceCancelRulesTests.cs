using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Returns;

namespace PosCloud.OfflineAgent.Tests.Rules;

/// <summary>Cancelling an allowance (作廢折讓) without a database: the deadline, what stops it, and the shift's cash.</summary>
public sealed class AllowanceCancelRulesTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    // Issued in January 2027: period 11602 (Jan–Feb), filed by 2027-03-15 (or the business's earlier cutoff).
    private static readonly DateTimeOffset Issued = new(2027, 1, 20, 10, 0, 0, Taipei);
    private static AllowanceToCancel Allowance(bool cancelled = false, bool refused = false, string? number = "11512ZX100000001") =>
        new(number, Issued, cancelled, refused);

    [Theory]
    [InlineData(15, "2027-03-15T23:59:59+08:00", true)]
    [InlineData(15, "2027-03-16T00:00:00+08:00", false)]
    [InlineData(13, "2027-03-13T23:59:59+08:00", true)]
    [InlineData(13, "2027-03-14T00:00:00+08:00", false)]
    [InlineData(15, "2027-02-28T12:00:00+08:00", true)]
    public void An_allowance_can_be_cancelled_until_its_own_period_is_filed(int cutoff, string at, bool can)
    {
        Assert.Equal(can, AllowanceCancelRules.CanCancel(Allowance(), DateTimeOffset.Parse(at), cutoff));
        var errors = AllowanceCancelRules.Check(Allowance(), DateTimeOffset.Parse(at), cutoff, "折讓開錯");
        Assert.Equal(can, errors.Count == 0);
        if (!can) Assert.Contains(errors, e => e.Code == "allowance.filed" && e.Message.Contains($"2027-03-{cutoff}"));
    }

    [Fact]
    public void The_period_is_the_allowances_not_the_original_invoices()
    {
        // Original invoice of Nov–Dec 2026 (11512), allowance issued 2027-01-20: cancellable into March, not only January.
        Assert.True(AllowanceCancelRules.CanCancel(Allowance(), new DateTimeOffset(2027, 2, 20, 12, 0, 0, Taipei), 15));
        Assert.Equal(new DateTimeOffset(2027, 3, 16, 0, 0, 0, Taipei), AllowanceCancelRules.CancelUntil(Issued, 15));
    }

    [Fact]
    public void No_allowance_one_already_cancelled_or_a_return_the_cloud_refused_cannot_be_cancelled()
    {
        var now = Issued.AddHours(1);
        Assert.Equal("allowance.none", Assert.Single(AllowanceCancelRules.Check(Allowance(number: null), now, 15, "x")).Code);
        Assert.Equal("allowance.cancelled", Assert.Single(AllowanceCancelRules.Check(Allowance(cancelled: true), now, 15, "x")).Code);
        Assert.Equal("allowance.refused", Assert.Single(AllowanceCancelRules.Check(Allowance(refused: true), now, 15, "x")).Code);
        Assert.False(AllowanceCancelRules.CanCancel(Allowance(cancelled: true), now, 15));
    }

    [Theory]
    [InlineData(null, "reason.required")]
    [InlineData("  ", "reason.required")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "reason.tooLong")] // 21: MIG CancelReason is 1–20
    public void The_reason_is_required_and_fits_the_MIG(string? reason, string code) =>
        Assert.Contains(AllowanceCancelRules.Check(Allowance(), Issued.AddHours(1), 15, reason), e => e.Field == "reason" && e.Code == code);

    [Fact]
    public void A_refund_taken_back_counts_in_the_shift_that_took_it_back()
    {
        var from = new DateTimeOffset(2027, 1, 20, 0, 0, 0, Taipei);
        LocalReturn Returned(decimal total, string method, int hours, int? cancelledAtHours) => new()
        {
            Id = Guid.NewGuid(), ReturnedAt = from.AddHours(hours), RefundTotal = total, RefundMethod = method,
            AllowanceCancelledAt = cancelledAtHours is { } c ? from.AddHours(c) : null, RefundTakenBack = cancelledAtHours is null ? null : total,
        };
        LocalOrder Sold(decimal total) => new() { Id = Guid.NewGuid(), SoldAt = from.AddHours(2), Total = total, Payments = [new() { Method = "cash", Amount = total }] };
        var returns = new[]
        {
            Returned(300, "cash", 3, 5),      // paid back and taken back in this shift: nets to 0
            Returned(200, "cash", -20, 6),    // paid back yesterday, taken back today: today's drawer gets 200
            Returned(100, "cash", 4, null),   // stands
        };
        var report = ShiftReportRules.Build("S001", "S001-R1", from, from.AddDays(1), from.AddHours(20), [Sold(1000)], returns);
        Assert.Equal(100 + 300 - 300 - 200, report.CashRefunds);
        Assert.Equal(1000 - (100 - 200), report.ExpectedCash);
    }
}
