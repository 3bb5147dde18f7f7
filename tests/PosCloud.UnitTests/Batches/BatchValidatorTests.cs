using PosCloud.Api.Batches;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;

namespace PosCloud.UnitTests.Batches;

public class BatchValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Staff = ["S001-E02"];

    private static OfflineOrder Valid(Func<OfflineOrder, OfflineOrder>? change = null)
    {
        var o = new OfflineOrder(Guid.NewGuid(), 1, Now.AddHours(-2), "S001-E02", null,
            [new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 2, 100.50m)],
            [new OfflinePayment("cash", 201m)], 201m);
        return change is null ? o : change(o);
    }

    private static IReadOnlyList<FieldError> Validate(OfflineOrder o) =>
        BatchValidator.ValidateOrder(o, 3, new UploadLimits(), Now, Staff, new HashSet<Guid>());

    [Fact]
    public void A_valid_order_has_no_errors() => Assert.Empty(Validate(Valid()));

    [Theory]
    [InlineData("", "orders[3].lines[0].sku")]
    [InlineData("   ", "orders[3].lines[0].sku")]
    public void Missing_sku_is_named(string sku, string field)
    {
        var errors = Validate(Valid(o => o with { Lines = [o.Lines[0] with { Sku = sku }] }));
        Assert.Contains(errors, e => e.Field == field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000)]
    public void Quantity_must_be_positive_and_bounded(decimal qty)
    {
        var errors = Validate(Valid(o => o with { Lines = [o.Lines[0] with { Quantity = qty }] }));
        Assert.Contains(errors, e => e.Field == "orders[3].lines[0].quantity");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.005)]
    public void Price_must_be_non_negative_with_two_decimals(decimal price)
    {
        var errors = Validate(Valid(o => o with { Lines = [o.Lines[0] with { UnitPrice = price }] }));
        Assert.Contains(errors, e => e.Field == "orders[3].lines[0].unitPrice");
    }

    [Fact]
    public void Total_must_equal_lines_and_payments()
    {
        var errors = Validate(Valid(o => o with { Total = 200m }));
        Assert.Contains(errors, e => e.Field == "orders[3].total");
        Assert.Contains(errors, e => e.Field == "orders[3].payments");
    }

    [Fact]
    public void A_cent_of_rounding_is_allowed() =>
        Assert.Empty(Validate(Valid(o => o with { Total = 201.01m, Payments = [new OfflinePayment("cash", 201.01m)] })));

    [Fact]
    public void SoldAt_in_the_future_beyond_skew_is_rejected_but_small_skew_is_not()
    {
        Assert.Contains(Validate(Valid(o => o with { SoldAt = Now.AddMinutes(11) })), e => e.Field == "orders[3].soldAt");
        Assert.Empty(Validate(Valid(o => o with { SoldAt = Now.AddMinutes(9) })));
    }

    [Fact]
    public void Staff_of_another_store_is_rejected()
    {
        var errors = Validate(Valid(o => o with { StaffId = "S002-E01" }));
        Assert.Contains(errors, e => e.Field == "orders[3].staffId" && e.Message.Contains("S002-E01"));
    }

    [Fact]
    public void Duplicate_order_id_inside_a_batch_is_rejected()
    {
        var seen = new HashSet<Guid>();
        var order = Valid();
        Assert.Empty(BatchValidator.ValidateOrder(order, 0, new UploadLimits(), Now, Staff, seen));
        var again = BatchValidator.ValidateOrder(order, 1, new UploadLimits(), Now, Staff, seen);
        Assert.Contains(again, e => e.Field == "orders[1].orderId");
    }

    [Fact]
    public void Every_reason_is_listed_not_only_the_first()
    {
        var errors = Validate(Valid(o => o with
        {
            StaffId = "",
            Lines = [o.Lines[0] with { Sku = "", Quantity = 0, UnitPrice = -1 }],
        }));
        Assert.True(errors.Count >= 4, string.Join("; ", errors));
    }
}
