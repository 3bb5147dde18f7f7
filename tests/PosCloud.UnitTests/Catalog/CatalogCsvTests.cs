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
    public void Rows_keep_their_line_numbers_across_blank_lines_CRLF_a_BOM_short_rows_and_reordered_columns()
    {
        var (rows, errors) = CatalogCsv.Parse("\uFEFF Name ,SKU,list_price,effective_from\r\n 品 1 , A-1 ,10.50,2026-11-01T08:00:00+08:00\r\n\r\n品 2,A-2\r\n品 3,A-3,7,\r\n");
        var only = Assert.Single(rows, r => r.Row == 1).Product!;
        Assert.Equal(("A-1", "品 1", 10.50m, (decimal?)null, (string?)null), (only.Sku, only.Name, only.ListPrice, only.AddOnPrice, only.Barcode));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), only.EffectiveFrom);
        Assert.Equal([1, 4], rows.Select(r => r.Row));
        Assert.Null(rows[1].Product!.EffectiveFrom);
        var shortRow = Assert.Single(errors);
        Assert.Equal((3, "A-2", "list_price is required."), (shortRow.Row, shortRow.Sku, shortRow.Messages[0]));
    }

    [Fact]
    public void Every_unreadable_field_of_a_row_is_named_with_its_value()
    {
        var error = Assert.Single(CatalogCsv.Parse("sku,name,list_price,add_on_price,gift_eligible,active,effective_from\nA-1,外套,12a,x,maybe,1,someday").Errors);
        Assert.Equal(["list_price '12a' is not a number.", "add_on_price 'x' is not a number.", "gift_eligible 'maybe' is not true or false.",
            "active '1' is not true or false.", "effective_from 'someday' is not a date-time."], error.Messages);
    }

    [Fact]
    public void Reading_stops_once_the_rows_pass_the_limit()
    {
        var csv = "sku,name,list_price\n" + string.Join("\n", Enumerable.Range(1, 6).Select(i => $"A-{i},品,{(i == 2 ? "bad" : "1")}"));
        Assert.False(CatalogCsv.Parse(csv, maxRows: 6).TooManyRows);
        var cut = CatalogCsv.Parse(csv, maxRows: 5);
        Assert.True(cut.TooManyRows);
        Assert.Equal(5, cut.Rows.Count + cut.Errors.Count);
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
