using PosCloud.Api.Invoices;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.UnitTests.Invoices;

/// <summary>Seller per store (issue 12): the fallback rule, the checks of a store's seller, F0401's seller as issued, E0402 per seller.</summary>
public sealed class StoreSellerTests
{
    private const string Business = "12345675";
    private const string BusinessName = "PosCloud 示範零售股份有限公司";
    private const string Branch = "23456701";

    [Theory]
    [InlineData(Branch, "台中逢甲分公司", Branch, "台中逢甲分公司")]   // its own id and name
    [InlineData(null, null, Business, BusinessName)]               // nothing of its own: the business
    [InlineData("  ", "", Business, BusinessName)]                 // blanks are nothing
    [InlineData(null, "西門店", Business, "西門店")]                 // a branch name under the business's id
    public void A_store_uses_its_own_seller_and_falls_back_to_the_business_when_empty(string? id, string? name, string expectedId, string expectedName) =>
        Assert.Equal(new InvoiceParty(expectedId, expectedName), StoreSeller.Resolve(id, name, Business, BusinessName));

    [Theory]
    [InlineData("23456702")]   // checksum wrong by one digit
    [InlineData("00000000")]   // the consumer placeholder
    [InlineData("2345670")]    // 7 digits
    [InlineData("2345670A")]
    public void A_store_tax_id_that_fails_the_checksum_is_refused_naming_the_field(string id)
    {
        var errors = StoreSeller.Validate(id, "台中逢甲分公司");
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "sellerTaxId").Value);
        Assert.Contains("統一編號", message);
    }

    [Fact]
    public void A_good_id_needs_its_name_and_a_name_fits_MIG()
    {
        Assert.Empty(StoreSeller.Validate(Branch, "台中逢甲分公司"));
        Assert.Empty(StoreSeller.Validate(null, null));
        Assert.Empty(StoreSeller.Validate(null, "西門店"));
        Assert.Contains("sellerName", StoreSeller.Validate(Branch, null).Keys);
        Assert.Contains("sellerName", StoreSeller.Validate(null, new string('名', 61)).Keys);
        Assert.Empty(StoreSeller.Validate(null, new string('名', 60)));
    }

    [Fact]
    public void F0401_takes_the_seller_the_register_printed_over_todays_master_data()
    {
        var masterData = new InvoiceParty(Business, BusinessName);
        Assert.Equal(new InvoiceParty(Branch, "台中逢甲分公司"), F0401Content.SellerAsIssued(Row(Branch, "台中逢甲分公司"), masterData));
        // An older register sent no seller: what it printed was the store's seller from master data.
        Assert.Equal(masterData, F0401Content.SellerAsIssued(Row(null, null), masterData));
    }

    [Fact]
    public void Blank_numbers_are_split_by_the_seller_whose_store_holds_the_block()
    {
        var period = InvoicePeriod.Parse("11512");
        // One range 0–99: 0–49 assigned to a store with its own id, 50–99 not assigned (the business's).
        var blanks = new[] { new BlankRange(period, "ZZ", 10, 59), new BlankRange(period, "ZZ", 70, 99) };
        var owned = new List<(InvoiceRange, string)> { (new InvoiceRange(period, "ZZ", 0, 49), Branch) };
        var split = BlankNumbers.SplitBy(blanks, owned, Business);
        Assert.Equal([(10, 49, Branch), (50, 59, Business), (70, 99, Business)], split.Select(s => (s.Run.From, s.Run.To, s.Owner)));
        // Another period's block of the same track says nothing about this period.
        var otherPeriod = new List<(InvoiceRange, string)> { (new InvoiceRange(InvoicePeriod.Parse("11602"), "ZZ", 0, 49), Branch) };
        Assert.All(BlankNumbers.SplitBy(blanks, otherPeriod, Business), s => Assert.Equal(Business, s.Owner));
        var xml = BlankNumbers.ToXml(Business, Branch, split.Where(s => s.Owner == Branch).Select(s => s.Run), MigVersion.V41).Single();
        Assert.Contains($"<HeadBan>{Business}</HeadBan>", xml);
        Assert.Contains($"<BranchBan>{Branch}</BranchBan>", xml);
    }

    private static PosCloud.Core.Invoices.IssuedInvoice Row(string? sellerId, string? sellerName) => new()
    {
        Number = "ZZ10000000", Period = "11512", Track = "ZZ", StoreId = "S002", RegisterId = "S002-R1",
        SellerTaxId = sellerId, SellerName = sellerName,
    };
}
