using PosCloud.Api.Catalog;
using PosCloud.Contracts.Catalog;
using PosCloud.Core.Catalog;

namespace PosCloud.UnitTests.Catalog;

public class CatalogCsvTests
{
    [Fact]
    public void Reads_the_dataset_columns_quotes_and_reports_bad_rows_by_number()
    {
        var (rows, errors) = CatalogCsv.Parse("""
            sku,barcode,name,category,list_price,add_on_price,gift_eligible,active
            A-1,4718996504049,"外套, 紅",服飾,589,,false,true
            A-2,,芒果乾,食品,130,91,yes,true
            A-3,,"說 ""好"" 的",食品,1.5,,true,
            """);
        Assert.Equal([1, 3], rows.Select(r => r.Row));
        Assert.Equal("外套, 紅", rows[0].Product!.Name);
        Assert.Equal("說 \"好\" 的", rows[1].Product!.Name);
        Assert.True(rows[1].Product!.Active);
        var error = Assert.Single(errors);
        Assert.Equal((2, "A-2"), (error.Row, error.Sku));
        Assert.Contains("gift_eligible", error.Messages[0]);
    }

    [Fact]
    public void A_header_without_required_columns_is_one_clear_error() =>
        Assert.Contains("list_price", Assert.Single(CatalogCsv.Parse("sku,name\nA,B").Errors).Messages[0]);

    [Fact]
    public void Validation_names_every_problem()
    {
        var messages = ProductRules.Validate(new ProductUpsert(" ", "", -1m, 1.234m, "123"));
        Assert.Equal(5, messages.Count);
    }

    [Fact]
    public void A_changed_price_is_a_price_change_not_an_overwrite()
    {
        var existing = new Product
        {
            Sku = "A-1", SkuKey = "A-1", Name = "外套",
            Prices = { new ProductPrice { Sku = "A-1", EffectiveFrom = DateTimeOffset.UnixEpoch, ListPrice = 589m } },
        };
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(ProductChange.PriceChanged, ProductRules.Classify(existing, new ProductUpsert("A-1", "外套", 649m), now));
        Assert.Equal(ProductChange.Unchanged, ProductRules.Classify(existing, new ProductUpsert("A-1", "外套", 589m), now));
        Assert.Equal(ProductChange.Updated, ProductRules.Classify(existing, new ProductUpsert("A-1", "外套 新", 589m), now));
        Assert.Equal(ProductChange.Created, ProductRules.Classify(null, new ProductUpsert("A-1", "外套", 589m), now));
    }
}
