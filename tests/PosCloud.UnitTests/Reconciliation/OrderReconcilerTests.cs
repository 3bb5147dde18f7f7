using PosCloud.Contracts;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.UnitTests.Reconciliation;

public class OrderReconcilerTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PriceChange = new(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly CatalogIndex Catalog = new([
        new CatalogEntry("TS-0400001", "4718996504049", "職人 輕量防潑水外套 酒紅 M", true, false,
            [new PricePoint(Jan1, 589m, null), new PricePoint(PriceChange, 649m, null)]),
        new CatalogEntry("AC-0400017", "4712265906404", "運動襪三入組 卡其", true, false, [new PricePoint(Jan1, 619m, 309m)]),
        new CatalogEntry("FD-0500049", "4712331020621", "輕旅 台灣芒果乾 300g", true, true, [new PricePoint(Jan1, 130m, 91m)]),
        new CatalogEntry("OLD-1", null, "停售商品", false, false, [new PricePoint(Jan1, 100m, null)]),
        new CatalogEntry("LATE-1", null, "新品", true, false, [new PricePoint(PriceChange, 50m, null)]),
    ]);

    private static OrderToReconcile Order(DateTimeOffset soldAt, params LineToReconcile[] lines) =>
        new(Guid.NewGuid(), soldAt, "S001-E01", lines);

    private static LineToReconcile Line(int n, string sku, decimal price, LineType type = LineType.Regular, decimal qty = 1, string? name = "typed") =>
        new(n, sku, name, type, qty, price);

    [Fact]
    public void Catalog_price_typed_gives_catalog_name_and_no_override()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(3), Line(1, "TS-0400001", 589m)), Catalog);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Equal("職人 輕量防潑水外套 酒紅 M", r.Lines[0].CatalogName);
        Assert.Equal("TS-0400001", r.Lines[0].MatchedSku);
        Assert.Equal(589m, r.Lines[0].ExpectedUnitPrice);
        Assert.Empty(r.Overrides);
        Assert.Empty(r.Lines[0].Flags);
    }

    [Fact]
    public void Differing_price_becomes_one_override_with_difference_times_quantity()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(3), Line(1, "TS-0400001", 500.50m, qty: 3)), Catalog);
        var o = Assert.Single(r.Overrides);
        Assert.Equal(589m, o.ExpectedUnitPrice);
        Assert.Equal(500.50m, o.ChargedUnitPrice);
        Assert.Equal(-265.50m, o.Difference);
        Assert.Equal(3m, o.Quantity);
        Assert.Equal(OverrideReasons.OfflinePriceEntry, o.Reason);
        Assert.Equal("S001-E01", o.ManagerStaffId);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
    }

    [Theory]
    [InlineData(" ts-0400001 ")]
    [InlineData("Ts-0400001")]
    [InlineData("TS-0400001\t")]
    public void Sku_is_matched_trimmed_and_case_insensitive(string typed)
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, typed, 589m)), Catalog);
        Assert.Equal("TS-0400001", r.Lines[0].MatchedSku);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
    }

    [Fact]
    public void Ean13_barcode_matches_the_product_and_is_flagged()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "4712265906404", 619m)), Catalog);
        Assert.Equal("AC-0400017", r.Lines[0].MatchedSku);
        Assert.Contains(LineFlags.MatchedByBarcode, r.Lines[0].Flags);
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void Barcode_with_wrong_check_digit_is_unknown()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "4712265906405", 619m)), Catalog);
        Assert.Equal(OrderStatus.NeedsReview, r.Status);
    }

    [Fact]
    public void Unknown_sku_needs_review_naming_the_sku_and_keeps_the_typed_line()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "TS-0400001", 589m), Line(2, " NOPE-9 ", 10m)), Catalog);
        Assert.Equal(OrderStatus.NeedsReview, r.Status);
        Assert.Contains("NOPE-9", r.Reason);
        Assert.Null(r.Lines[1].CatalogName);
        Assert.Null(r.Lines[1].ExpectedUnitPrice);
        Assert.Equal([LineFlags.UnknownSku], r.Lines[1].Flags);
        Assert.Equal("職人 輕量防潑水外套 酒紅 M", r.Lines[0].CatalogName);
    }

    [Fact]
    public void Price_history_sale_before_change_uses_the_old_price()
    {
        var r = OrderReconciler.Reconcile(Order(PriceChange.AddTicks(-1), Line(1, "TS-0400001", 589m)), Catalog);
        Assert.Empty(r.Overrides);
        Assert.Equal(589m, r.Lines[0].ExpectedUnitPrice);
    }

    [Fact]
    public void Price_history_sale_exactly_at_change_uses_the_new_price()
    {
        var r = OrderReconciler.Reconcile(Order(PriceChange, Line(1, "TS-0400001", 589m)), Catalog);
        Assert.Equal(649m, r.Lines[0].ExpectedUnitPrice);
        Assert.Equal(-60m, Assert.Single(r.Overrides).Difference);
    }

    [Fact]
    public void Price_history_compares_instants_not_local_clock_digits()
    {
        // 2026-05-31T17:00Z is 2026-06-01T01:00+08:00: after the change.
        var r = OrderReconciler.Reconcile(Order(new DateTimeOffset(2026, 5, 31, 17, 0, 0, TimeSpan.Zero), Line(1, "TS-0400001", 649m)), Catalog);
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void AddOn_line_expects_the_add_on_price()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "AC-0400017", 309m, LineType.AddOn), Line(2, "AC-0400017", 250m, LineType.AddOn, 2)), Catalog);
        Assert.Equal(309m, r.Lines[0].ExpectedUnitPrice);
        var o = Assert.Single(r.Overrides);
        Assert.Equal(2, o.LineNumber);
        Assert.Equal(-118m, o.Difference);
    }

    [Fact]
    public void AddOn_without_add_on_price_is_reconciled_with_a_flag_and_no_override()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "TS-0400001", 300m, LineType.AddOn)), Catalog);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Contains(LineFlags.NoAddOnPrice, r.Lines[0].Flags);
        Assert.Null(r.Lines[0].ExpectedUnitPrice);
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void Gift_expects_zero_and_free_gift_has_no_override()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "FD-0500049", 0m, LineType.Gift)), Catalog);
        Assert.Equal(0m, r.Lines[0].ExpectedUnitPrice);
        Assert.Empty(r.Overrides);
        Assert.Empty(r.Lines[0].Flags);
    }

    [Fact]
    public void Gift_with_a_price_becomes_an_override_from_zero()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "FD-0500049", 30m, LineType.Gift)), Catalog);
        var o = Assert.Single(r.Overrides);
        Assert.Equal(0m, o.ExpectedUnitPrice);
        Assert.Equal(30m, o.Difference);
    }

    [Fact]
    public void Gift_not_gift_eligible_is_a_manager_override_from_its_list_price_to_zero()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "TS-0400001", 0m, LineType.Gift, qty: 2)), Catalog);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Contains(LineFlags.GiftNotEligible, r.Lines[0].Flags);
        Assert.Equal(589m, r.Lines[0].ExpectedUnitPrice);
        var o = Assert.Single(r.Overrides);
        Assert.Equal((589m, 0m, -1178m, "S001-E01"), (o.ExpectedUnitPrice, o.ChargedUnitPrice, o.Difference, o.ManagerStaffId));
    }

    [Fact]
    public void Gift_not_gift_eligible_uses_the_list_price_at_the_sale_time()
    {
        var r = OrderReconciler.Reconcile(Order(PriceChange.AddDays(1), Line(1, "TS-0400001", 0m, LineType.Gift)), Catalog);
        Assert.Equal(649m, Assert.Single(r.Overrides).ExpectedUnitPrice);
    }

    [Fact]
    public void Gift_not_gift_eligible_before_its_first_price_is_flagged_without_override()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1, Line(1, "LATE-1", 0m, LineType.Gift)), Catalog);
        Assert.Equal([LineFlags.GiftNotEligible, LineFlags.NoPriceAtSaleTime], r.Lines[0].Flags);
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void Inactive_product_is_reconciled_with_a_flag()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1), Line(1, "OLD-1", 100m)), Catalog);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Contains(LineFlags.InactiveProduct, r.Lines[0].Flags);
        Assert.Equal("停售商品", r.Lines[0].CatalogName);
    }

    [Fact]
    public void Sale_before_the_first_price_is_flagged_without_override()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1, Line(1, "LATE-1", 10m)), Catalog);
        Assert.Contains(LineFlags.NoPriceAtSaleTime, r.Lines[0].Flags);
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void Mixed_line_types_in_one_order()
    {
        var r = OrderReconciler.Reconcile(Order(Jan1.AddDays(1),
            Line(1, "TS-0400001", 589m),
            Line(2, "AC-0400017", 309m, LineType.AddOn),
            Line(3, "FD-0500049", 0m, LineType.Gift),
            Line(4, "FD-0500049", 120m)), Catalog);
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Equal([589m, 309m, 0m, 130m], r.Lines.Select(l => l.ExpectedUnitPrice!.Value));
        Assert.Equal(4, Assert.Single(r.Overrides).LineNumber);
    }

    [Fact]
    public void Reconciling_twice_gives_the_same_result()
    {
        var order = Order(Jan1.AddDays(1), Line(1, "TS-0400001", 500m), Line(2, "X", 1m));
        var a = OrderReconciler.Reconcile(order, Catalog);
        var b = OrderReconciler.Reconcile(order, Catalog);
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Reason, b.Reason);
        Assert.Equal(a.Overrides, b.Overrides);
        Assert.Equal(a.Lines.Select(l => (l.MatchedSku, l.CatalogName, l.ExpectedUnitPrice, string.Join(",", l.Flags))),
                     b.Lines.Select(l => (l.MatchedSku, l.CatalogName, l.ExpectedUnitPrice, string.Join(",", l.Flags))));
    }

    [Theory]
    [InlineData("4718996504049", true)]
    [InlineData("4712265906404", true)]
    [InlineData("4712265906400", false)]
    [InlineData("471226590640", false)]
    [InlineData("47122659064a4", false)]
    public void Ean13_check_digit(string code, bool valid) => Assert.Equal(valid, Ean13.IsValid(code));
}
