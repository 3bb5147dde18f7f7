using System.Globalization;
using PosCloud.Contracts;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class SaleHashTests
{
    private static LocalOrder Order(long number, string previous, decimal price = 500m) => new()
    {
        Id = Guid.Parse($"00000000-0000-0000-0000-{number:000000000000}"),
        LocalNumber = number,
        SoldAt = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)),
        StoreId = "S001", RegisterId = "S001-R1", StaffId = "S001-E02", Total = price, PreviousHash = previous,
        Lines = [new LocalLine { LineNumber = 1, Sku = "TS-0400001", Type = LineType.Regular, Quantity = 1, UnitPrice = price }],
        Payments = [new LocalPayment { Sequence = 1, Method = "cash", Amount = price }],
    };

    private static List<LocalOrder> Chain(int n)
    {
        var list = new List<LocalOrder>();
        var previous = "";
        for (var i = 1; i <= n; i++)
        {
            var o = Order(i, previous);
            o.Hash = SaleHash.Compute(o);
            previous = o.Hash;
            list.Add(o);
        }
        return list;
    }

    [Fact]
    public void Hash_is_sha256_hex_and_stable_across_cultures()
    {
        var o = Order(1, "");
        var h = SaleHash.Compute(o);
        Assert.Matches("^[0-9a-f]{64}$", h);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // decimal comma must not change the text
            Assert.Equal(h, SaleHash.Compute(o));
        }
        finally { CultureInfo.CurrentCulture = saved; }
        Assert.Contains("line:1|TS-0400001|Regular|1.00|500.00", SaleHash.Canonical(o));
    }

    [Fact]
    public void Same_instant_in_another_offset_hashes_the_same() =>
        Assert.Equal(SaleHash.Compute(Order(1, "")), SaleHash.Compute(Order(1, "") is var o ? (o.SoldAt = o.SoldAt.ToUniversalTime(), o).o : null!));

    [Fact]
    public void Each_fact_and_the_previous_hash_change_the_hash()
    {
        var baseline = SaleHash.Compute(Order(1, ""));
        Assert.NotEqual(baseline, SaleHash.Compute(Order(1, "", price: 501m)));
        Assert.NotEqual(baseline, SaleHash.Compute(Order(1, "abc")));
        var withInvoice = Order(1, "");
        withInvoice.InvoiceNumber = "AB12345678";
        Assert.NotEqual(baseline, SaleHash.Compute(withInvoice));
    }

    [Fact]
    public void An_intact_chain_has_no_broken_link() => Assert.Null(SaleHash.FirstBrokenLink(Chain(5)));

    [Fact]
    public void An_edited_sale_a_missing_sale_and_a_relinked_sale_are_found()
    {
        var edited = Chain(5);
        edited[2].Total = 1m;
        Assert.Equal(3, SaleHash.FirstBrokenLink(edited));

        var missing = Chain(5);
        missing.RemoveAt(3);
        Assert.Equal(5, SaleHash.FirstBrokenLink(missing));

        var relinked = Chain(3);
        relinked[2].PreviousHash = "forged";
        relinked[2].Hash = SaleHash.Compute(relinked[2]);
        Assert.Equal(3, SaleHash.FirstBrokenLink(relinked));
    }

    [Fact]
    public void A_chain_may_start_after_a_reset() => Assert.Null(SaleHash.FirstBrokenLink(Chain(5).Skip(2)));
}
