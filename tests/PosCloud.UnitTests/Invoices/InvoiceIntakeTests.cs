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
    private static readonly Dictionary<InvoiceKey, Known> Nothing = [];

    private static OfflineOrder Sale(string? number, params string[] voided) => new(
        Guid.NewGuid(), 1, SoldAt, "S001-E02", null, [new OfflineOrderLine("X", null, LineType.Regular, 1, 100m)],
        [new OfflinePayment("cash", 100m)], 100m,
        number is null ? null : new OfflineInvoice(number, SoldAt, "0123"),
        VoidedInvoiceNumbers: voided.Length == 0 ? null : voided);

    private static IReadOnlyList<Step> Decide(IReadOnlyDictionary<InvoiceKey, Known> stored, params OfflineOrder[] sales) =>
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
        var stored = new Dictionary<InvoiceKey, Known> { [new("11512", "AB10000002")] = new(new InvoiceKey("11512", "AB10000002"), "S002-R1", Guid.NewGuid(), false) };
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
        var stored = new Dictionary<InvoiceKey, Known> { [new("11512", "AB10000006")] = new(new InvoiceKey("11512", "AB10000006"), "S001-R1", Guid.NewGuid(), false) };
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

    // Tracks repeat from period to period: the demo gives ZZ10000000… to 11512 and to 11602 alike.
    private static readonly InvoiceRange NextBlock = new(InvoicePeriod.Parse("11602"), "AB", 10_000_000, 10_000_049);

    [Fact]
    public void The_same_number_in_the_next_period_is_another_invoice_stored_and_not_flagged()
    {
        var stored = new Dictionary<InvoiceKey, Known> { [new("11512", "AB10000001")] = new(new InvoiceKey("11512", "AB10000001"), "S001-R1", Guid.NewGuid(), false) };
        // 2027-01-05 in Taiwan: period 11602.
        var january = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var sale = Sale(null) with { SoldAt = january, Invoice = new OfflineInvoice("AB10000001", january, "0123") };
        var step = Assert.Single(InvoiceIntake.Decide("S001-R1", [sale], stored, [Block, NextBlock]));
        var issue = Assert.IsType<Issue>(step);
        Assert.Equal(("AB10000001", "11602"), (issue.Number.ToString(), issue.Period.Code));

        // The same number again in 11602 is a duplicate use of that period's invoice, named with its period.
        var again = Sale(null) with { SoldAt = january, Invoice = new OfflineInvoice("AB10000001", january.AddMinutes(5), "0456") };
        var steps = InvoiceIntake.Decide("S001-R1", [sale, again], stored, [Block, NextBlock]);
        var flag = Assert.IsType<Flag>(steps[1]);
        Assert.Equal((InvoiceFlagKinds.DuplicateUse, "11602"), (flag.Kind, flag.Period));
        Assert.Contains("period 11602", flag.Detail);
    }

    [Fact]
    public void A_voided_number_belongs_to_the_block_of_the_sales_period_when_two_periods_share_the_track()
    {
        var january = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var stored = new Dictionary<InvoiceKey, Known> { [new("11512", "AB10000003")] = new(new InvoiceKey("11512", "AB10000003"), "S001-R1", Guid.NewGuid(), false) };
        var sale = Sale(null, "AB10000003") with { SoldAt = january };
        var v = Assert.IsType<VoidNew>(Assert.Single(InvoiceIntake.Decide("S001-R1", [sale], stored, [Block, NextBlock])));
        Assert.Equal("11602", v.Period.Code);
    }

    [Fact]
    public void Buyer_zeros_are_flagged_as_the_consumer_placeholder()
    {
        var sale = Sale(null) with { Invoice = new OfflineInvoice("AB10000008", SoldAt, "0123", BuyerTaxId: "00000000") };
        var flag = Assert.IsType<Flag>(Decide(Nothing, sale)[0]);
        Assert.Equal(InvoiceFlagKinds.Malformed, flag.Kind);
        Assert.Contains("00000000", flag.Detail);
    }

    [Fact]
    public void The_invoice_as_issued_is_held_to_its_bounds_and_names_each_field()
    {
        var good = Sale(null) with { Invoice = new OfflineInvoice("AB10000009", SoldAt, "0123", Items: [new OfflineInvoiceItem("手打品名", 1, 100m, 100m)], TotalAmount: 100) };
        Assert.Empty(ValidateAsIssued(good, 0));

        var bad = Sale(null) with
        {
            Invoice = new OfflineInvoice("AB10000009", SoldAt, "0123",
                Items: [new OfflineInvoiceItem("", 1, 100m, 100m), new OfflineInvoiceItem(new string('品', PosCloud.Contracts.Invoices.InvoiceLimits.MaxItemDescriptionLength + 1), -1, 1m, 1m, "7")],
                SalesAmount: 90, TaxAmount: 5, TotalAmount: 99),
        };
        var fields = ValidateAsIssued(bad, 3).Select(e => e.Field).ToList();
        Assert.Contains("orders[3].invoice.items[0].description", fields);
        Assert.Contains("orders[3].invoice.items[1].description", fields);
        Assert.Contains("orders[3].invoice.items[1].quantity", fields);
        Assert.Contains("orders[3].invoice.items[1].taxType", fields);
        Assert.Contains("orders[3].invoice.totalAmount", fields);

        var tooMany = Sale(null) with { Invoice = new OfflineInvoice("AB10000009", SoldAt, "0123", Items: Enumerable.Repeat(new OfflineInvoiceItem("x", 1, 0m, 0m), PosCloud.Contracts.Invoices.InvoiceLimits.MaxItems + 1).ToList()) };
        Assert.Contains(ValidateAsIssued(tooMany, 0), e => e.Field == "orders[0].invoice.items");
    }
}
