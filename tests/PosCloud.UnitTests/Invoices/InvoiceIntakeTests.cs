using PosCloud.Api.Invoices;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Invoicing.Numbers;
using static PosCloud.Api.Invoices.InvoiceIntake;

namespace PosCloud.UnitTests.Invoices;

public class InvoiceIntakeTests
{
    // 2026-11-20 10:00 in Taiwan → period 11512.
    private static readonly DateTimeOffset SoldAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly InvoiceRange Block = new(InvoicePeriod.Parse("11512"), "AB", 10_000_000, 10_000_049);
    private static readonly Dictionary<string, Known> Nothing = [];

    private static OfflineOrder Sale(string? number, params string[] voided) => new(
        Guid.NewGuid(), 1, SoldAt, "S001-E02", null, [new OfflineOrderLine("X", null, LineType.Regular, 1, 100m)],
        [new OfflinePayment("cash", 100m)], 100m,
        number is null ? null : new OfflineInvoice(number, SoldAt, "0123"),
        VoidedInvoiceNumbers: voided.Length == 0 ? null : voided);

    private static IReadOnlyList<Step> Decide(IReadOnlyDictionary<string, Known> stored, params OfflineOrder[] sales) =>
        InvoiceIntake.Decide("S001-R1", sales, stored, [Block]);

    [Fact]
    public void A_number_inside_the_block_is_issued_without_flags()
    {
        var step = Assert.Single(Decide(Nothing, Sale("AB10000000")));
        var issue = Assert.IsType<Issue>(step);
        Assert.Equal(("AB10000000", "11512"), (issue.Number.ToString(), issue.Period.Code));
    }

    [Fact]
    public void The_second_use_in_one_batch_is_flagged_and_not_stored_again()
    {
        var first = Sale("AB10000001");
        var second = Sale("AB10000001");
        var steps = Decide(Nothing, first, second);
        Assert.Equal(2, steps.Count);
        Assert.Same(first, Assert.IsType<Issue>(steps[0]).Sale);
        var flag = Assert.IsType<Flag>(steps[1]);
        Assert.Equal((InvoiceFlagKinds.DuplicateUse, second.OrderId), (flag.Kind, flag.Sale.OrderId));
        Assert.Contains(first.OrderId.ToString(), flag.Detail);
    }

    [Fact]
    public void A_number_already_stored_is_a_duplicate_use_even_from_another_register()
    {
        var stored = new Dictionary<string, Known> { ["AB10000002"] = new("AB10000002", "S002-R1", Guid.NewGuid(), false) };
        var flag = Assert.IsType<Flag>(Assert.Single(Decide(stored, Sale("AB10000002"))));
        Assert.Equal(InvoiceFlagKinds.DuplicateUse, flag.Kind);
        Assert.Contains("S002-R1", flag.Detail);
    }

    [Fact]
    public void A_burnt_number_used_by_a_later_sale_is_a_duplicate_use()
    {
        var steps = Decide(Nothing, Sale("AB10000004", "AB10000003"), Sale("AB10000003"));
        Assert.IsType<VoidNew>(steps[0]);
        Assert.IsType<Issue>(steps[1]);
        Assert.Equal(InvoiceFlagKinds.DuplicateUse, Assert.IsType<Flag>(steps[2]).Kind);
        Assert.Contains("voided", ((Flag)steps[2]).Detail);
    }

    [Fact]
    public void A_number_outside_the_registers_blocks_is_flagged_but_still_stored()
    {
        var steps = Decide(Nothing, Sale("AB10000050"));
        Assert.Equal(InvoiceFlagKinds.OutsideBlock, Assert.IsType<Flag>(steps[0]).Kind);
        Assert.IsType<Issue>(steps[1]);
    }

    [Fact]
    public void A_block_number_issued_in_another_period_is_outside_the_block()
    {
        var sale = Sale(null) with { Invoice = new OfflineInvoice("AB10000005", SoldAt.AddMonths(2), "0123") };
        var flag = Assert.IsType<Flag>(Decide(Nothing, sale)[0]);
        Assert.Equal(InvoiceFlagKinds.OutsideBlock, flag.Kind);
        Assert.Contains("issued in period 11602", flag.Detail);
    }

    [Fact]
    public void Voiding_an_issued_number_of_the_same_register_marks_it_once()
    {
        var stored = new Dictionary<string, Known> { ["AB10000006"] = new("AB10000006", "S001-R1", Guid.NewGuid(), false) };
        var steps = Decide(stored, Sale(null, "AB10000006"), Sale(null, "AB10000006"));
        Assert.IsType<VoidExisting>(Assert.Single(steps));
    }

    [Fact]
    public void Malformed_numbers_and_fields_are_flagged_never_thrown()
    {
        var sale = Sale(null, "XX") with { Invoice = new OfflineInvoice("ab1234", SoldAt, "12345") };
        var steps = Decide(Nothing, sale);
        Assert.All(steps, s => Assert.Equal(InvoiceFlagKinds.Malformed, Assert.IsType<Flag>(s).Kind));
        Assert.Equal(2, steps.Count);

        var badFields = Sale(null) with { Invoice = new OfflineInvoice("AB10000007", SoldAt, "12345", BuyerTaxId: "12345678", DonationCode: "12") };
        var problems = Decide(Nothing, badFields).OfType<Flag>().Select(f => f.Detail).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Random code"));
        Assert.Contains(problems, p => p.Contains("Buyer tax id"));
        Assert.Contains(problems, p => p.Contains("Donation code"));
    }
}
