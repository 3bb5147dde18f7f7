using PosCloud.Contracts;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.UnitTests.Reconciliation;

/// <summary>The edges issue 4 names that OrderReconcilerTests does not already pin down, and SKU aliases.</summary>
public class ReconcilerEdgeTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Change = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static CatalogEntry Coat => new("TS-0400001", "4718996504049", "外套", true, false,
        [new PricePoint(Change, 649m, 500m), new PricePoint(Jan1, 589m, null)]); // history deliberately out of order
    private static CatalogEntry Mango => new("FD-0500049", "4712331020621", "芒果乾", true, true, [new PricePoint(Jan1, 130.5m, 91.25m)]);
    private static CatalogEntry Socks => new("AC-0400017", "4712265906404", "襪子", true, false, [new PricePoint(Jan1, 619m, 309m)]);

    private static CatalogIndex Catalog(params SkuAliasEntry[] aliases) => new([Coat, Mango, Socks], aliases);

    private static ReconciliationResult Run(CatalogIndex catalog, DateTimeOffset soldAt, params LineToReconcile[] lines) =>
        OrderReconciler.Reconcile(new OrderToReconcile(Guid.NewGuid(), soldAt, "M-1", lines), catalog);

    private static LineToReconcile Line(int n, string sku, decimal price, LineType type = LineType.Regular, decimal qty = 1) =>
        new(n, sku, "typed", type, qty, price);

    [Theory]
    [InlineData(-1, 589)]  // one tick before the change: old price
    [InlineData(0, 649)]   // exactly at the change: new price
    [InlineData(1, 649)]
    public void Price_history_boundary_does_not_depend_on_the_order_of_the_history(long ticks, decimal expected)
    {
        var r = Run(Catalog(), Change.AddTicks(ticks), Line(1, "TS-0400001", 589m));
        Assert.Equal(expected, r.Lines[0].ExpectedUnitPrice);
        Assert.Equal(expected == 589m ? 0 : 1, r.Overrides.Count);
    }

    [Fact]
    public void AddOn_price_follows_the_history_too()
    {
        var before = Run(Catalog(), Change.AddTicks(-1), Line(1, "TS-0400001", 500m, LineType.AddOn));
        var after = Run(Catalog(), Change, Line(1, "TS-0400001", 500m, LineType.AddOn));
        Assert.Contains(LineFlags.NoAddOnPrice, before.Lines[0].Flags);
        Assert.Empty(before.Overrides);
        Assert.Equal(500m, after.Lines[0].ExpectedUnitPrice);
        Assert.Empty(after.Overrides);
    }

    [Theory]
    [InlineData(2, 120, -21)]          // qty 2 × (120 − 130.5)
    [InlineData(0.333, 130, -0.17)]    // weighed goods: −0.1665 rounds away from zero
    [InlineData(10, 130.49, -0.10)]
    public void Decimal_prices_and_quantities_give_the_difference_rounded_to_cents(decimal qty, decimal charged, decimal difference)
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "FD-0500049", charged, qty: qty));
        var o = Assert.Single(r.Overrides);
        Assert.Equal(difference, o.Difference);
        Assert.Equal(qty, o.Quantity);
        Assert.Equal(130.5m, o.ExpectedUnitPrice);
        Assert.Equal(charged, o.ChargedUnitPrice);
    }

    [Fact]
    public void A_cent_of_difference_is_an_override()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "FD-0500049", 130.51m));
        Assert.Equal(0.01m, Assert.Single(r.Overrides).Difference);
    }

    [Fact]
    public void Same_price_with_more_decimals_written_is_no_override()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "FD-0500049", 130.500m), Line(2, "FD-0500049", 91.250m, LineType.AddOn));
        Assert.Empty(r.Overrides);
    }

    [Fact]
    public void Mixed_line_types_each_get_the_price_of_their_type_and_their_own_override()
    {
        var r = Run(Catalog(), Jan1.AddDays(1),
            Line(1, "FD-0500049", 100m, LineType.Regular, 2),  // 130.5 → override −61
            Line(2, "FD-0500049", 91.25m, LineType.AddOn),      // exact
            Line(3, "FD-0500049", 10m, LineType.Gift, 3),       // gift charged 10 × 3 → override +30
            Line(4, "AC-0400017", 300m, LineType.AddOn));       // 309 → override −9
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Equal([130.5m, 91.25m, 0m, 309m], r.Lines.Select(l => l.ExpectedUnitPrice!.Value));
        Assert.Equal([(1, -61m), (3, 30m), (4, -9m)], r.Overrides.Select(o => (o.LineNumber, o.Difference)));
        Assert.All(r.Overrides, o => Assert.Equal("M-1", o.ManagerStaffId));
    }

    [Fact]
    public void Gift_with_a_price_on_a_product_that_is_not_gift_eligible_is_judged_at_its_list_price()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "AC-0400017", 50m, LineType.Gift));
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Contains(LineFlags.GiftNotEligible, r.Lines[0].Flags);
        var o = Assert.Single(r.Overrides);
        Assert.Equal((619m, 50m, -569m), (o.ExpectedUnitPrice, o.ChargedUnitPrice, o.Difference));
    }

    [Theory]
    [InlineData(" 4712265906404 ")]
    [InlineData("4712265906404\n")]
    public void Barcode_with_whitespace_matches(string typed)
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, typed, 619m));
        Assert.Equal("AC-0400017", r.Lines[0].MatchedSku);
        Assert.Equal([LineFlags.MatchedByBarcode], r.Lines[0].Flags);
    }

    [Fact]
    public void Barcode_line_gets_the_catalog_name_and_an_override_like_a_sku_line()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "4712331020621", 100m, qty: 2));
        Assert.Equal("芒果乾", r.Lines[0].CatalogName);
        Assert.Equal(-61m, Assert.Single(r.Overrides).Difference);
        Assert.Equal("FD-0500049", r.Overrides[0].Sku);
    }

    [Theory]
    [InlineData("ts-0400001")]
    [InlineData("  TS-0400001")]
    [InlineData("tS-0400001\t ")]
    public void Whitespace_and_case_never_count_as_barcode_or_alias_matches(string typed)
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, typed, 589m));
        Assert.Equal("TS-0400001", r.Lines[0].MatchedSku);
        Assert.Empty(r.Lines[0].Flags);
    }

    [Fact]
    public void Inner_whitespace_is_not_ignored()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "TS-04 00001", 589m));
        Assert.Equal(OrderStatus.NeedsReview, r.Status);
    }

    [Fact]
    public void Unknown_sku_reason_names_each_sku_once_case_insensitively()
    {
        var r = Run(Catalog(), Jan1.AddDays(1), Line(1, "x-1", 1m), Line(2, " X-1", 1m), Line(3, "Y-2", 1m));
        Assert.Equal("Unknown SKU: x-1, Y-2", r.Reason);
    }

    [Fact]
    public void Unknown_sku_reason_stays_within_the_column_for_200_long_skus()
    {
        var lines = Enumerable.Range(1, 200).Select(i => Line(i, $"UNKNOWN-{i:D4}-" + new string('Q', 50), 1m)).ToArray();
        var r = Run(Catalog(), Jan1.AddDays(1), lines);
        Assert.True(r.Reason!.Length <= OrderReconciler.MaxReasonLength, $"reason is {r.Reason.Length} long");
        Assert.StartsWith("Unknown SKU: UNKNOWN-0001-", r.Reason);
        Assert.Matches(@"\(\+\d+ more\)$", r.Reason);
    }

    [Fact]
    public void Alias_maps_an_unknown_sku_to_the_product_with_a_flag()
    {
        var r = Run(Catalog(new SkuAliasEntry("MANGO-OLD", "FD-0500049")), Jan1.AddDays(1), Line(1, " mango-old ", 100m));
        Assert.Equal(OrderStatus.Reconciled, r.Status);
        Assert.Equal("FD-0500049", r.Lines[0].MatchedSku);
        Assert.Equal("芒果乾", r.Lines[0].CatalogName);
        Assert.Equal([LineFlags.MatchedByAlias], r.Lines[0].Flags);
        Assert.Equal("FD-0500049", Assert.Single(r.Overrides).Sku);
    }

    [Fact]
    public void A_real_sku_wins_over_an_alias_with_the_same_text()
    {
        var r = Run(Catalog(new SkuAliasEntry("TS-0400001", "FD-0500049")), Jan1.AddDays(1), Line(1, "TS-0400001", 589m));
        Assert.Equal("TS-0400001", r.Lines[0].MatchedSku);
        Assert.Empty(r.Lines[0].Flags);
    }

    [Fact]
    public void Alias_to_a_product_not_in_the_index_is_still_unknown()
    {
        var r = Run(Catalog(new SkuAliasEntry("GHOST", "NOT-LOADED")), Jan1.AddDays(1), Line(1, "GHOST", 1m));
        Assert.Equal(OrderStatus.NeedsReview, r.Status);
        Assert.Equal([LineFlags.UnknownSku], r.Lines[0].Flags);
    }

    [Fact]
    public void Re_run_after_mapping_turns_needs_review_into_reconciled_with_the_same_overrides_as_a_direct_match()
    {
        var order = new OrderToReconcile(Guid.NewGuid(), Jan1.AddDays(1), "M-1", [Line(1, "OLD-MANGO", 100m, qty: 2), Line(2, "TS-0400001", 500m)]);
        var before = OrderReconciler.Reconcile(order, Catalog());
        var after = OrderReconciler.Reconcile(order, Catalog(new SkuAliasEntry("old-mango", "FD-0500049")));
        Assert.Equal(OrderStatus.NeedsReview, before.Status);
        Assert.Equal([2], before.Overrides.Select(o => o.LineNumber));
        Assert.Equal(OrderStatus.Reconciled, after.Status);
        Assert.Null(after.Reason);
        Assert.Equal([(1, -61m), (2, -89m)], after.Overrides.Select(o => (o.LineNumber, o.Difference)));
    }
}
