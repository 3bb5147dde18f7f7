using PosCloud.Contracts;
using PosCloud.Contracts.Stores;
using PosCloud.OfflineAgent.Checkout;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class SaleRulesTests
{
    private static readonly SaleLimits Limits = new(1_000_000m, 9_999m);
    private static readonly SnapshotProduct Jacket = new("TS-0400001", "4718996504049", "外套", 589m, null, false, true);
    private static readonly SnapshotProduct Socks = new("AC-0400017", null, "襪", 619m, 309m, false, true);

    private static SaleInput Sale(params SaleLineInput[] lines) => new("S001-E02", null, lines, "cash", 10_000m, null);
    private static SaleLineInput Line(string sku = "TS-0400001", decimal price = 500m, decimal qty = 1m, LineType type = LineType.Regular) => new(sku, null, type, qty, price);

    [Theory]
    [InlineData("", "sku.empty")]
    [InlineData("   ", "sku.empty")]
    [InlineData("TS 0400001", "sku.malformed")]
    [InlineData("TS-04?", "sku.malformed")]
    [InlineData("-LEADING", "sku.malformed")]
    public void Bad_skus_are_named(string sku, string code) => Assert.Equal(code, SaleRules.ValidateSku(sku)!.Code);

    [Theory]
    [InlineData("TS-0400001")]
    [InlineData(" ts-0400001 ")]
    [InlineData("4718996504049")]
    public void Skus_and_barcodes_pass(string sku) => Assert.Null(SaleRules.ValidateSku(sku));

    [Theory]
    [InlineData(-1, 1, "price.negative")]
    [InlineData(1_000_001, 1, "price.absurd")]
    [InlineData(10.005, 1, "price.decimals")]
    [InlineData(10, 0, "quantity.zero")]
    [InlineData(10, -2, "quantity.zero")]
    [InlineData(10, 10_000, "quantity.absurd")]
    [InlineData(10, 1.5, "quantity.fraction")]
    public void Line_errors(double price, double qty, string code) =>
        Assert.Contains(SaleRules.ValidateLine(Line(price: (decimal)price, qty: (decimal)qty), 2, Limits), e => e.Code == code && e.Field.StartsWith("lines[2]."));

    [Fact]
    public void A_zero_price_gift_is_fine() => Assert.Empty(SaleRules.ValidateLine(Line(price: 0, type: LineType.Gift), 0, Limits));

    [Fact]
    public void A_sale_needs_staff_lines_and_enough_cash()
    {
        Assert.Contains(SaleRules.ValidateSale(Sale() with { StaffId = null }, Limits, new HashSet<string>()), e => e.Code == "staff.required");
        Assert.Contains(SaleRules.ValidateSale(Sale(), Limits, new HashSet<string>()), e => e.Code == "lines.empty");
        Assert.Contains(SaleRules.ValidateSale(Sale(Line()) with { CashTendered = 499m }, Limits, new HashSet<string>()), e => e.Code == "cash.short");
        Assert.Contains(SaleRules.ValidateSale(Sale(Line()) with { PaymentMethod = "card" }, Limits, new HashSet<string>()), e => e.Code == "card.reference");
        Assert.Contains(SaleRules.ValidateSale(Sale(Line()), Limits, new HashSet<string> { "S001-E01" }), e => e.Code == "staff.unknown");
        Assert.Contains(SaleRules.ValidateSale(Sale(Line()) with { CustomerPhone = "12345" }, Limits, new HashSet<string>()), e => e.Code == "phone.malformed");
        Assert.Empty(SaleRules.ValidateSale(Sale(Line()) with { CustomerPhone = "0909-847-665" }, Limits, new HashSet<string> { "S001-E02" }));
    }

    [Fact]
    public void Total_change_and_cap()
    {
        Assert.Equal(1518m, SaleRules.Total([Line(price: 500), Line(price: 709), Line(price: 309)]));
        Assert.Equal(482m, SaleRules.ChangeDue(1518m, 2000m));
        Assert.Null(SaleRules.ChangeDue(1518m, 1000m));
        Assert.True(SaleRules.NeedsManagerApproval(30_001m, 30_000m));
        Assert.False(SaleRules.NeedsManagerApproval(30_000m, 30_000m));
        Assert.False(SaleRules.NeedsManagerApproval(1_000_000m, 0m));
    }

    [Fact]
    public void Catalog_price_by_line_type_and_price_source()
    {
        Assert.Equal(589m, SaleRules.CatalogPrice(Jacket, LineType.Regular));
        Assert.Equal(589m, SaleRules.CatalogPrice(Jacket, LineType.AddOn)); // no add-on price: list price
        Assert.Equal(309m, SaleRules.CatalogPrice(Socks, LineType.AddOn));
        Assert.Equal(0m, SaleRules.CatalogPrice(Socks, LineType.Gift));
        Assert.Equal("catalog", SaleRules.PriceSource(Socks, Line("AC-0400017", 309m, type: LineType.AddOn)));
        Assert.Equal("typed", SaleRules.PriceSource(Jacket, Line(price: 500m)));
        Assert.Equal("typed", SaleRules.PriceSource(null, Line(price: 589m)));
    }
}
