using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Tests.Invoicing;

public sealed class InvoiceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("04595252", null, null)]          // valid tax id (weighted sum divisible by 5 and 10)
    [InlineData(null, "/ABC+123", null)]           // mobile barcode
    [InlineData(null, "AB12345678901234", null)]   // citizen certificate
    [InlineData(null, null, "168")]                // donation
    [InlineData("04595252", "/ABC+123", null)]     // a company may keep its invoice on a carrier
    public void Good_buyer_fields_pass(string? taxId, string? carrier, string? donation) =>
        Assert.Empty(InvoiceRules.ValidateBuyer(new BuyerInput(taxId, carrier, donation), Today));

    [Theory]
    [InlineData("04595253", null, null, "buyerTaxId", "buyerTaxId.malformed")]
    [InlineData("00000000", null, null, "buyerTaxId", "buyerTaxId.consumerZeros")] // passes the checksum, but is the consumer placeholder
    [InlineData("1234567", null, null, "buyerTaxId", "buyerTaxId.malformed")]
    [InlineData(null, "/abc+123", null, "carrier", "carrier.malformed")]   // scanners send upper case; lower case is a typo
    [InlineData(null, "ABC+1234", null, "carrier", "carrier.malformed")]
    [InlineData(null, "/ABC+12", null, "carrier", "carrier.malformed")]
    [InlineData(null, null, "12", "donationCode", "donationCode.malformed")]
    [InlineData(null, null, "12345678", "donationCode", "donationCode.malformed")]
    [InlineData("04595252", null, "168", "donationCode", "donationCode.withTaxId")]
    [InlineData(null, "/ABC+123", "168", "donationCode", "donationCode.withCarrier")]
    public void Bad_buyer_fields_name_their_field_in_both_languages(string? taxId, string? carrier, string? donation, string field, string code)
    {
        var error = Assert.Single(InvoiceRules.ValidateBuyer(new BuyerInput(taxId, carrier, donation), Today));
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
        Assert.Matches("[a-z]{4,}", error.Message);
    }

    [Fact]
    public void Blank_fields_are_no_fields() =>
        Assert.Equal(new BuyerInput(null, "/ABC+123", null), BuyerInput.From(new Checkout.SaleInput(null, null, null, null, null, null, BuyerTaxId: "  ", Carrier: " /ABC+123 ", DonationCode: "")));

    [Fact]
    public void Carrier_type_follows_the_code()
    {
        Assert.Equal(BuyerCodes.MobileBarcodeCarrierType, InvoiceRules.CarrierTypeOf("/ABC+123"));
        Assert.Equal(BuyerCodes.CitizenCertificateCarrierType, InvoiceRules.CarrierTypeOf("AB12345678901234"));
        Assert.Null(InvoiceRules.CarrierTypeOf("0912345678"));
    }

    [Fact]
    public void Only_whole_dollars_can_be_invoiced()
    {
        Assert.Null(InvoiceRules.ValidateTotal(1290m));
        Assert.Equal("total.notWholeDollars", InvoiceRules.ValidateTotal(99.5m)!.Code);
    }

    [Fact]
    public void A_carrier_or_donated_invoice_gets_no_paper_proof()
    {
        Assert.True(InvoiceRules.PrintsProof(new LocalOrder()));
        Assert.True(InvoiceRules.PrintsProof(new LocalOrder { BuyerTaxId = "04595252" }));
        Assert.False(InvoiceRules.PrintsProof(new LocalOrder { CarrierId = "/ABC+123" }));
        Assert.False(InvoiceRules.PrintsProof(new LocalOrder { DonationCode = "168" }));
    }

    [Fact]
    public void Only_this_registers_blocks_are_used_and_malformed_rows_are_skipped()
    {
        var snapshot = InProcessAgentSnapshot([
            new("S001-R2", "11512", "AB", 10000000, 10000049),
            new("S001-R1", "11512", "CD", 10000050, 10000099),
            new("S001-R1", "11510", "AB", 10000000, 10000049),
            new("S001-R1", "11513", "AB", 1, 2),   // no such period
            new("S001-R1", "11512", "AB", 10000000, 10000049),
        ]);
        var blocks = NumberRangeRules.RegisterBlocks(snapshot, "S001-R1");
        Assert.Equal(["11510 AB", "11512 AB", "11512 CD"], blocks.Select(b => $"{b.Period.Code} {b.Track}"));
        Assert.Empty(NumberRangeRules.RegisterBlocks(null, "S001-R1"));
    }

    [Fact]
    public void Remaining_counts_every_block_of_the_period()
    {
        var period = InvoicePeriod.Parse("11512");
        InvoiceRange[] blocks = [new(period, "AB", 0, 49), new(period, "CD", 100, 149), new(InvoicePeriod.Parse("11510"), "AB", 0, 999)];
        Assert.Equal(100, NumberRangeRules.Remaining(blocks, period, _ => null));
        Assert.Equal(60, NumberRangeRules.Remaining(blocks, period, b => b.Track == "AB" ? new InvoiceNumber("AB", 39) : null));
        Assert.Equal(0, NumberRangeRules.Remaining(blocks, period, b => b.Last));
    }

    [Fact]
    public void Refusals_say_what_happened_in_both_languages_and_that_nothing_was_saved()
    {
        var block = new InvoiceRange(InvoicePeriod.Parse("11512"), "AB", 0, 49);
        var exhausted = InvoiceRules.Refusal(new NumberAllocation.BlockExhausted(block));
        Assert.Equal("invoice.blockExhausted", exhausted.Code);
        Assert.Contains("發票號碼已用完", exhausted.Message);
        Assert.Contains("used up", exhausted.Message);
        Assert.Contains("未儲存", exhausted.Message);
        Assert.Equal("invoice.noBlock", InvoiceRules.Refusal(new NumberAllocation.NoBlockForPeriod(block.Period)).Code);
    }

    [Fact]
    public void A_B2B_invoice_separates_the_tax_and_the_upload_carries_every_buyer_field()
    {
        var order = new LocalOrder
        {
            Id = Guid.NewGuid(), LocalNumber = 7, SoldAt = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), StaffId = "S001-E02",
            Total = 1290m, InvoiceNumber = "AB10000007", InvoiceIssuedAt = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), InvoiceRandomCode = "0420",
            BuyerTaxId = "04595252", CarrierType = "3J0002", CarrierId = "/ABC+123",
            Lines = [new LocalLine { LineNumber = 1, Sku = "X-1", Name = "咖啡豆: 1kg", Quantity = 2, UnitPrice = 645m }],
        };
        var invoice = InvoiceRules.ToInvoice(order, new InvoicingOptions { SellerId = "12345675", SellerName = "賣方" });
        Assert.Equal(new DateTime(2026, 11, 27, 9, 30, 0), invoice.IssuedAt); // Taiwan local time
        Assert.Equal("11512", invoice.Period.Code);
        Assert.Equal((1229L, 61L, 1290L), (invoice.SalesAmount!.Value, invoice.TaxAmount, invoice.TotalAmount));
        Assert.Equal("04595252", invoice.Buyer!.Identifier);
        Assert.Equal("/ABC+123", invoice.Carrier!.Id1);

        var wire = OrderMapping.ToWire(order).Invoice!;
        Assert.Equal(("AB10000007", "0420", "04595252", "3J0002", "/ABC+123", (string?)null),
            (wire.Number, wire.RandomCode, wire.BuyerTaxId, wire.CarrierType, wire.CarrierId, wire.DonationCode));
        Assert.Null(OrderMapping.ToWire(order).VoidedInvoiceNumbers);
        order.VoidedInvoiceNumbers = "AB10000005,AB10000006";
        Assert.Equal(["AB10000005", "AB10000006"], OrderMapping.ToWire(order).VoidedInvoiceNumbers!);
    }

    [Fact]
    public void The_upload_carries_the_invoice_as_printed_the_same_items_the_QR_codes_encode()
    {
        var order = new LocalOrder
        {
            Id = Guid.NewGuid(), LocalNumber = 8, SoldAt = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), StaffId = "S001-E02",
            Total = 1390m, InvoiceNumber = "AB10000008", InvoiceIssuedAt = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), InvoiceRandomCode = "0421",
            Lines =
            [
                // The clerk typed a name the catalog calls otherwise; an unnamed line prints its SKU.
                new LocalLine { LineNumber = 1, Sku = "X-1", Name = "手打 特價咖啡", Quantity = 2, UnitPrice = 645m },
                new LocalLine { LineNumber = 2, Sku = "X-2", Name = " ", Quantity = 1, UnitPrice = 100m },
            ],
        };
        var wire = OrderMapping.ToWire(order).Invoice!;
        Assert.Equal([("手打 特價咖啡", 2m, 645m, 1290m, "1"), ("X-2", 1m, 100m, 100m, "1")],
            wire.Items!.Select(i => (i.Description, i.Quantity, i.UnitPrice, i.Amount, i.TaxType)));
        Assert.Equal(((long?)null, (long?)0, (long?)1390), (wire.SalesAmount, wire.TaxAmount, wire.TotalAmount));

        var options = new InvoicingOptions { SellerId = "12345675", SellerName = "賣方", QrAesKey = "FE05F029154F6AA67A78B338ED2F6601" };
        var printed = InvoiceRules.ToInvoice(order, options);
        var qr = PosCloud.Invoicing.Codes.InvoiceQrContent.Build(printed, PosCloud.Invoicing.Codes.QrVerificationKey.FromHex(options.QrAesKey));
        Assert.Contains(":手打 特價咖啡:2:645", qr.Left + ":" + qr.Right);
        Assert.Equal(wire.Items!.Select(i => i.Description), printed.Items.Select(i => i.Description));

        // A B2B invoice sends the tax split as printed (格式 25).
        order.BuyerTaxId = "04595252";
        var b2b = OrderMapping.ToWire(order).Invoice!;
        Assert.Equal(((long?)1324, (long?)66, (long?)1390), (b2b.SalesAmount, b2b.TaxAmount, b2b.TotalAmount));
    }

    private static StoreSnapshot InProcessAgentSnapshot(IReadOnlyList<SnapshotInvoiceRange> ranges) => Support.InProcessAgent.Snapshot(ranges);
}
