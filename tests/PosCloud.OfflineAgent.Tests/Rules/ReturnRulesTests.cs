using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Returns;

namespace PosCloud.OfflineAgent.Tests.Rules;

/// <summary>The return rules without a database: which document, how much may come back, numbers, amounts, codes.</summary>
public sealed class ReturnRulesTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static readonly SoldLine Coat = new(0, "TS-0400001", "外套", 2, 589);
    private static readonly SoldLine Bag = new(1, "AC-0400017", "托特包", 1, 309);

    private static ReturnSale Sale(string? buyerTaxId = null, string? carrier = null, IReadOnlyList<LineQuantity>? before = null, int allowances = 0) =>
        new(Guid.NewGuid(), false, "S001", "S001-R1", 1, new DateTimeOffset(2026, 11, 10, 10, 0, 0, Taipei), 1487, [Coat, Bag], "cash",
            "11512", "ZX10000000", new DateTimeOffset(2026, 11, 10, 10, 0, 0, Taipei), buyerTaxId, carrier is null ? null : "3J0002", carrier, null,
            before ?? [], allowances, false, false);

    private static ReturnAsk Whole => new(true, [], "顧客退貨", "cash", null, null);
    private static ReturnAsk Lines(params (int Index, decimal Qty)[] lines) => new(false, lines.Select(l => new LineQuantity(l.Index, l.Qty)).ToList(), "顧客退貨", "cash", null, null);
    private static readonly DateTimeOffset InPeriod = new(2026, 11, 30, 12, 0, 0, Taipei);

    [Theory]
    [InlineData(15, "2027-01-15T23:59:59+08:00", false)]
    [InlineData(15, "2027-01-16T00:00:00+08:00", true)]
    [InlineData(13, "2027-01-13T23:59:59+08:00", false)]
    [InlineData(13, "2027-01-14T00:00:00+08:00", true)]
    public void The_period_counts_as_filed_from_the_day_after_the_cutoff_of_the_next_odd_month(int cutoff, string at, bool filed) =>
        Assert.Equal(filed, ReturnRules.IsFiled("11512", DateTimeOffset.Parse(at), cutoff));

    [Fact]
    public void The_cutoff_of_a_mid_year_period_is_in_its_next_odd_month() =>
        Assert.Equal(new DateTimeOffset(2026, 7, 16, 0, 0, 0, Taipei), ReturnRules.FiledFrom(InvoicePeriod.Parse("11506"), 15));

    [Fact]
    public void A_partial_return_of_another_sellers_sale_or_of_an_unknown_carrier_is_an_allowance_not_a_reissue()
    {
        // Another store's sale under its own 統一編號: this register's numbers are not that seller's to issue.
        var branch = Sale() with { Remote = true, SellerTaxId = "23456701", SellerName = "分公司" };
        Assert.Equal(ReturnDocument.Allowance, ReturnPlanning.Plan(branch, Lines((0, 1)), InPeriod, 15, 0, ownSellerTaxId: "12345675").Document);
        Assert.Equal(ReturnDocument.Cancel, ReturnPlanning.Plan(branch, Whole, InPeriod, 15, 0, ownSellerTaxId: "12345675").Document);
        // The same seller: reissued here as before.
        Assert.Equal(ReturnDocument.CancelAndReissue, ReturnPlanning.Plan(branch with { SellerTaxId = "12345675" }, Lines((0, 1)), InPeriod, 15, 0, ownSellerTaxId: "12345675").Document);
        // A remote carrier sale comes without the carrier's id: no paper proof, and no reissue onto a carrier it cannot name.
        var carrier = Sale() with { Remote = true, CarrierType = "3J0002", CarrierId = null };
        Assert.False(carrier.HasPaperProof);
        Assert.Equal(ReturnDocument.Allowance, ReturnPlanning.Plan(carrier, Lines((0, 1)), InPeriod, 15, 0, ownSellerTaxId: "12345675").Document);
    }

    [Fact]
    public void Whole_sale_before_filing_is_a_cancel_with_the_paper_proof_collected()
    {
        var plan = ReturnPlanning.Plan(Sale(), Whole, InPeriod, 15, 0);
        Assert.True(plan.Ok, string.Join(", ", plan.Errors));
        Assert.Equal(ReturnDocument.Cancel, plan.Document);
        Assert.Equal(1487, plan.RefundTotal);
        Assert.True(plan.CollectPaperProof);
        Assert.Empty(plan.Kept);
    }

    [Fact]
    public void A_carrier_invoice_is_cancelled_without_paper_to_collect() =>
        Assert.False(ReturnPlanning.Plan(Sale(carrier: "/ABC+123"), Whole, InPeriod, 15, 0).CollectPaperProof);

    [Fact]
    public void Partial_return_of_a_consumer_before_filing_cancels_and_reissues_for_the_kept_items()
    {
        var plan = ReturnPlanning.Plan(Sale(), Lines((0, 1)), InPeriod, 15, 0);
        Assert.Equal(ReturnDocument.CancelAndReissue, plan.Document);
        Assert.Equal(589, plan.RefundTotal);
        Assert.Equal([new SoldLine(0, "TS-0400001", "外套", 1, 589), Bag], plan.Kept);
    }

    [Fact]
    public void Partial_return_of_a_company_buyer_before_filing_is_an_allowance_in_two_copies()
    {
        var plan = ReturnPlanning.Plan(Sale(buyerTaxId: "12345675"), Lines((1, 1)), InPeriod, 15, 0);
        Assert.Equal(ReturnDocument.Allowance, plan.Document);
        Assert.Equal(2, plan.AllowanceCopies);
        Assert.False(plan.Filed);
    }

    [Fact]
    public void After_filing_even_the_whole_sale_is_an_allowance()
    {
        var plan = ReturnPlanning.Plan(Sale(), Whole, new DateTimeOffset(2027, 1, 16, 9, 0, 0, Taipei), 15, 0);
        Assert.Equal(ReturnDocument.Allowance, plan.Document);
        Assert.True(plan.Filed);
        Assert.Equal(1, plan.AllowanceCopies);
    }

    [Fact]
    public void The_business_cutoff_makes_the_allowance_start_earlier()
    {
        var at = new DateTimeOffset(2027, 1, 14, 9, 0, 0, Taipei);
        Assert.Equal(ReturnDocument.Cancel, ReturnPlanning.Plan(Sale(), Whole, at, 15, 0).Document);
        Assert.Equal(ReturnDocument.Allowance, ReturnPlanning.Plan(Sale(), Whole, at, 13, 0).Document);
    }

    [Fact]
    public void An_invoice_that_already_has_an_allowance_is_never_cancelled() =>
        Assert.Equal(ReturnDocument.Allowance, ReturnPlanning.Plan(Sale(before: [new(1, 1)], allowances: 1), Whole, InPeriod, 15, 0).Document);

    [Fact]
    public void Never_more_returned_than_sold_minus_returned_before_here_and_in_the_cloud()
    {
        Assert.Contains(ReturnPlanning.Plan(Sale(), Lines((0, 3)), InPeriod, 15, 0).Errors, e => e.Code == "line.overReturn");
        // One coat came back at this register, one at another (reported by the cloud): none is left.
        var sale = Sale(before: [new(0, 1), new(0, 1)]);
        var plan = ReturnPlanning.Plan(sale, Lines((0, 1)), InPeriod, 15, 0);
        Assert.Contains(plan.Errors, e => e.Code == "line.overReturn" && e.Field == "lines[0]");
        Assert.Equal(ReturnDocument.None, plan.Document);
        // The same line asked twice counts as its sum.
        Assert.Contains(ReturnPlanning.Plan(Sale(), Lines((0, 1), (0, 2)), InPeriod, 15, 0).Errors, e => e.Code == "line.overReturn");
        Assert.Contains(ReturnPlanning.Plan(Sale(), Lines((7, 1)), InPeriod, 15, 0).Errors, e => e.Code == "line.unknown");
        Assert.Contains(ReturnPlanning.Plan(Sale(), Lines((0, 0)), InPeriod, 15, 0).Errors, e => e.Code == "line.quantity");
    }

    [Fact]
    public void A_fully_returned_sale_has_nothing_left_for_a_whole_return() =>
        Assert.Contains(ReturnPlanning.Plan(Sale(before: [new(0, 2), new(1, 1)]), Whole, InPeriod, 15, 0).Errors, e => e.Code == "lines.nothingLeft");

    [Fact]
    public void Refund_needs_a_method_and_a_card_refund_its_reference()
    {
        Assert.Contains(ReturnPlanning.Plan(Sale(), Whole with { RefundMethod = "card" }, InPeriod, 15, 0).Errors, e => e.Code == "refund.cardReference");
        Assert.True(ReturnPlanning.Plan(Sale(), Whole with { RefundMethod = "card", CardReference = "R-778" }, InPeriod, 15, 0).Ok);
        Assert.Contains(ReturnPlanning.Plan(Sale(), Whole with { RefundMethod = "voucher" }, InPeriod, 15, 0).Errors, e => e.Code == "refund.method");
        Assert.Contains(ReturnPlanning.Plan(Sale(), Whole with { Reason = " " }, InPeriod, 15, 0).Errors, e => e.Code == "reason.required");
    }

    [Fact]
    public void Manager_approval_above_the_setting_only() 
    {
        Assert.True(ReturnPlanning.Plan(Sale(), Whole, InPeriod, 15, 1000).NeedsManagerPin);
        Assert.False(ReturnPlanning.Plan(Sale(), Lines((1, 1)), InPeriod, 15, 1000).NeedsManagerPin);
        Assert.False(ReturnPlanning.Plan(Sale(), Whole, InPeriod, 15, 0).NeedsManagerPin);
    }

    [Fact]
    public void Allowance_numbers_are_sixteen_characters_and_differ_per_allowance_of_an_invoice()
    {
        var numbers = Enumerable.Range(0, 35).Select(i => ReturnRules.AllowanceNumber("11512", "ZX10000000", i)).ToList();
        Assert.All(numbers, n => Assert.Equal(16, n.Length));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal("11512ZX100000001", numbers[0]);
        Assert.Throws<InvalidOperationException>(() => ReturnRules.AllowanceNumber("11512", "ZX10000000", 35));
    }

    [Fact]
    public void Allowance_items_add_up_to_the_totals_with_the_tax_split_once()
    {
        var (items, tax, net) = ReturnRules.Allowance([(Coat, 1m, 589m), (Bag, 1m, 309m)]);
        Assert.Equal(898, tax + net);
        Assert.Equal(43, tax); // 898 / 1.05 = 855.2 → 855, tax 43
        Assert.Equal(tax, items.Sum(i => i.Tax));
        Assert.Equal(net, items.Sum(i => i.Amount));
        Assert.Equal([1, 2], items.Select(i => i.OriginalSequence));
    }

    [Theory]
    [InlineData("11512ZX100000015821", "11512", "ZX10000001")]
    [InlineData("ZX10000001115112500000000000003a0000003a", null, "ZX10000001")] // the left QR starts with the number
    [InlineData("zx-10000001", null, "ZX10000001")]
    [InlineData("11512ZX10000001", "11512", "ZX10000001")] // period + number: how the screen names another register's sale
    [InlineData(" ZX10000001 ", null, "ZX10000001")]
    public void Scanned_or_typed_codes_name_the_invoice(string code, string? period, string number)
    {
        var key = SaleCodes.Parse(code);
        Assert.NotNull(key);
        Assert.Equal(period, key.Period);
        Assert.Equal(number, key.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("1234567890")]
    public void Garbage_is_not_a_sale(string code) => Assert.Null(SaleCodes.Parse(code));

    [Fact]
    public void A_guid_is_an_order_id() => Assert.Equal(Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), SaleCodes.Parse("0193a1b2-0000-7000-8000-000000000001")!.OrderId);

    [Fact]
    public void Shift_report_nets_refunds_per_method_with_the_expected_cash()
    {
        var from = new DateTimeOffset(2026, 11, 30, 0, 0, 0, Taipei);
        LocalOrder Sold(decimal total, string method) => new() { Id = Guid.NewGuid(), SoldAt = from.AddHours(2), Total = total, Payments = [new() { Method = method, Amount = total }] };
        LocalReturn Returned(decimal total, string method, int hours) => new() { Id = Guid.NewGuid(), ReturnedAt = from.AddHours(hours), RefundTotal = total, RefundMethod = method };
        var report = ShiftReportRules.Build("S001", "S001-R1", from, from.AddDays(1), from.AddHours(20),
            [Sold(1000, "cash"), Sold(500, "card"), Sold(300, "cash")],
            [Returned(300, "cash", 3), Returned(200, "card", 4), Returned(999, "cash", 30)]); // the last is another shift's
        Assert.Equal(2, report.ReturnsCount);
        Assert.Equal(300, report.CashRefunds);
        Assert.Equal(200, report.CardRefunds);
        Assert.Equal(1000, report.NetCash);
        Assert.Equal(300, report.NetCard);
        Assert.Equal(1000, report.ExpectedCash);
    }
}
