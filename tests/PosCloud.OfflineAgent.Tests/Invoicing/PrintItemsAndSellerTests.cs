using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Printing;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;
using PosCloud.OfflineAgent.Tests.Support;
using PosCloud.OfflineAgent.UploadQueue;
using SkiaSharp;
using ZXing;

namespace PosCloud.OfflineAgent.Tests.Invoicing;

/// <summary>
/// Issue 12: the clerk's 「列印明細」 per sale (stored with it, so a 補印 prints the same parts) and the seller per store
/// (the snapshot's own 統一編號 on the proof, in the QR code, with that seller's key, and uploaded as printed).
/// </summary>
public sealed class PrintItemsAndSellerTests
{
    private const string StoreSellerId = "23456701";
    private const string StoreSellerName = "示範零售台中逢甲分公司";
    private const string StoreQrKey = "F1A618ED8685B1A3B81E6CB6884617F4"; // the second published AES test vector key (EINVOICE.md)

    [Theory]
    [InlineData(null, false, null, false)]   // nothing sent: the register's default (off)
    [InlineData(null, true, null, true)]     // nothing sent: the register's default (on)
    [InlineData(true, false, null, true)]    // the clerk ticked it
    [InlineData(false, true, null, false)]   // the clerk unticked the default
    [InlineData(false, false, "87654322", true)] // a buyer with a tax id always gets it, whatever is sent
    [InlineData(null, false, "87654322", true)]
    public void Print_items_is_the_clerks_tick_or_the_default_and_always_for_a_buyer_with_a_tax_id(bool? ticked, bool byDefault, string? taxId, bool expected) =>
        Assert.Equal(expected, InvoiceRules.PrintsItems(ticked, byDefault, taxId));

    private static readonly InvoicingOptions Business = new() { SellerId = InProcessAgent.SellerId, SellerName = "測試零售股份有限公司" };

    private static StoreSnapshot SnapshotWith(string? id, string? name) => InProcessAgent.Snapshot([]) with { SellerTaxId = id, SellerName = name };

    [Fact]
    public void The_seller_is_the_stores_own_when_the_snapshot_has_a_valid_one_else_the_business()
    {
        Assert.Equal(new InvoiceParty(StoreSellerId, StoreSellerName), InvoiceRules.SellerFor(SnapshotWith(StoreSellerId, StoreSellerName), Business));
        Assert.Equal(new InvoiceParty(InProcessAgent.SellerId, "測試零售股份有限公司"), InvoiceRules.SellerFor(SnapshotWith(null, null), Business));
        Assert.Equal(new InvoiceParty(InProcessAgent.SellerId, "測試零售股份有限公司"), InvoiceRules.SellerFor(null, Business));
        // A branch name under the business's id.
        Assert.Equal(new InvoiceParty(InProcessAgent.SellerId, "西門店"), InvoiceRules.SellerFor(SnapshotWith(" ", "西門店"), Business));
        // A malformed id (bad checksum), or an id without its name, is never printed: the business's seller instead.
        Assert.Equal(InProcessAgent.SellerId, InvoiceRules.SellerFor(SnapshotWith("23456702", StoreSellerName), Business).Identifier);
        Assert.Equal(InProcessAgent.SellerId, InvoiceRules.SellerFor(SnapshotWith("00000000", StoreSellerName), Business).Identifier);
        Assert.Equal(InProcessAgent.SellerId, InvoiceRules.SellerFor(SnapshotWith(StoreSellerId, null), Business).Identifier);
        Assert.Equal(new InvoiceParty(InProcessAgent.SellerId, "測試零售股份有限公司"), InvoiceRules.SellerFor(SnapshotWith(StoreSellerId, new string('名', 61)), Business));
    }

    [Fact]
    public void A_sale_keeps_the_seller_it_printed_and_older_sales_the_business()
    {
        var order = new LocalOrder { SellerTaxId = StoreSellerId, SellerName = StoreSellerName };
        Assert.Equal(new InvoiceParty(StoreSellerId, StoreSellerName), InvoiceRules.SellerOf(order, Business));
        Assert.Equal(new InvoiceParty(InProcessAgent.SellerId, "測試零售股份有限公司"), InvoiceRules.SellerOf(new LocalOrder(), Business));
    }

    [Fact]
    public void A_per_seller_QR_key_that_is_not_under_a_tax_id_or_not_32_hex_stops_the_start()
    {
        var options = new InvoicingOptions
        {
            SellerId = InProcessAgent.SellerId, SellerName = "x", QrAesKey = InProcessAgent.QrKeyHex,
            QrAesKeys = new() { ["23456702"] = StoreQrKey, [StoreSellerId] = "not-hex" },
        };
        var problems = InvoicingOptionsChecks.Problems(options, new PrinterOptions());
        Assert.Contains(problems, p => p.Contains("QrAesKeys:23456702", StringComparison.Ordinal) && p.Contains("統一編號", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"QrAesKeys:{StoreSellerId}", StringComparison.Ordinal) && p.Contains("32 hexadecimal", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("not-hex", StringComparison.Ordinal)); // a secret is never echoed
    }

    [Fact]
    public async Task Print_items_is_stored_with_the_sale_and_the_print_job_the_reprint_and_the_preview_carry_the_slip_only_when_asked()
    {
        await using var printer = new FakeNetworkPrinter();
        await using var agent = await InProcessAgent.StartAsync(printer: $"tcp://127.0.0.1:{printer.Port}");

        var (r, ticked) = await agent.SellAsync(SaleWith(printItems: true));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(ticked.GetProperty("sale").GetProperty("printItems").GetBoolean());
        var tickedJob = Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(ProofLayoutBuilder.DetailTitle, tickedJob);
        Assert.Contains(tickedJob, t => t.Contains("外套 手打", StringComparison.Ordinal));

        var (_, plain) = await agent.SellAsync(SaleWith(printItems: false));
        Assert.False(plain.GetProperty("sale").GetProperty("printItems").GetBoolean());
        var plainJob = Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(ProofLayoutBuilder.Title, plainJob);
        Assert.DoesNotContain(ProofLayoutBuilder.DetailTitle, plainJob);
        Assert.DoesNotContain(plainJob, t => t.Contains("外套 手打", StringComparison.Ordinal));

        // Nothing sent and the default off: no slip. A buyer with a tax id unticking it still gets the slip.
        var (_, unsent) = await agent.SellAsync(SaleWith(printItems: null));
        Assert.False(unsent.GetProperty("sale").GetProperty("printItems").GetBoolean());
        Assert.DoesNotContain(ProofLayoutBuilder.DetailTitle, Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))));
        var (_, b2b) = await agent.SellAsync(SaleWith(printItems: false, buyerTaxId: "87654322"));
        Assert.True(b2b.GetProperty("sale").GetProperty("printItems").GetBoolean());
        Assert.Contains(ProofLayoutBuilder.DetailTitle, Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))));

        // Stored in the register's SQLite with the sale.
        Guid Id(JsonElement sale) => sale.GetProperty("sale").GetProperty("orderId").GetGuid();
        await using (var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.PrintItems);
            Assert.Equal([true, false, false, true], new[] { ticked, plain, unsent, b2b }.Select(s => stored[Id(s)]));
        }

        // 補印 prints the same parts as the first print.
        Assert.Equal(HttpStatusCode.Accepted, (await agent.Client.PostAsync($"api/orders/{Id(ticked)}/reprint", null)).StatusCode);
        var reprinted = Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(ProofLayoutBuilder.Title + ProofLayoutBuilder.ReprintMark, reprinted);
        Assert.Contains(ProofLayoutBuilder.DetailTitle, reprinted);
        Assert.Equal(HttpStatusCode.Accepted, (await agent.Client.PostAsync($"api/orders/{Id(plain)}/reprint", null)).StatusCode);
        Assert.DoesNotContain(ProofLayoutBuilder.DetailTitle, Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))));

        // The preview shows what prints: the ticked sale's image goes on past the proof (the slip), the plain one stops at 9 cm.
        var tickedHeight = Height(await agent.Client.GetByteArrayAsync($"receipts/{Id(ticked)}.png"));
        var plainHeight = Height(await agent.Client.GetByteArrayAsync($"receipts/{Id(plain)}.png"));
        Assert.True(tickedHeight > plainHeight * 1.2, $"the ticked preview ({tickedHeight} px) should carry the slip below the proof ({plainHeight} px)");
    }

    [Fact]
    public async Task The_default_comes_from_the_setting_and_the_status_says_it()
    {
        await using var agent = await InProcessAgent.StartAsync(extra: "--Invoicing:PrintItemsByDefault=true");
        Assert.True((await agent.StatusAsync()).GetProperty("printItemsByDefault").GetBoolean());
        var (_, unsent) = await agent.SellAsync(SaleWith(printItems: null));
        Assert.True(unsent.GetProperty("sale").GetProperty("printItems").GetBoolean());
        var (_, unticked) = await agent.SellAsync(SaleWith(printItems: false));
        Assert.False(unticked.GetProperty("sale").GetProperty("printItems").GetBoolean());
    }

    [Fact]
    public async Task The_snapshots_store_seller_is_printed_in_the_QR_code_with_its_own_key_kept_with_the_sale_and_uploaded_as_printed()
    {
        await using var printer = new FakeNetworkPrinter();
        await using var agent = await InProcessAgent.StartAsync(printer: $"tcp://127.0.0.1:{printer.Port}", extra: $"--Invoicing:QrAesKeys:{StoreSellerId}={StoreQrKey}");
        var snapshot = InProcessAgent.Snapshot([new SnapshotInvoiceRange("S001-R1", InProcessAgent.CurrentPeriod.Code, InProcessAgent.Track, 10_000_000, 10_000_099)])
            with { SellerTaxId = StoreSellerId, SellerName = StoreSellerName };
        await agent.Services.GetRequiredService<SnapshotCache>().SaveAsync(snapshot, "\"t2\"", CancellationToken.None);
        var status = await agent.StatusAsync();
        Assert.Equal(StoreSellerId, status.GetProperty("sellerTaxId").GetString());

        var (r, body) = await agent.SellAsync(SaleWith(printItems: false));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var orderId = body.GetProperty("sale").GetProperty("orderId").GetGuid();
        var items = EscPosParser.Parse(await printer.NextJobAsync(TimeSpan.FromSeconds(20)), EscPosRenderer.TextEncoding);
        var texts = items.OfType<EscPosText>().Select(t => t.Text).ToList();
        Assert.Contains(StoreSellerName, texts);
        Assert.Contains(texts, t => t.StartsWith($"賣方 {StoreSellerId}", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(InProcessAgent.SellerId, StringComparison.Ordinal));

        // The left QR code: seller id at characters 46–53 (after number 10, date 7, random 4, two amounts 8+8, buyer 8), and
        // the verification made with that seller's own key, not the business's.
        LocalOrder order;
        await using (var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync())
            order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        Assert.Equal((StoreSellerId, StoreSellerName), (order.SellerTaxId, order.SellerName));
        var raster = Assert.Single(items.OfType<EscPosRaster>());
        var left = Zx.FromRaster(raster, 0, 0, raster.WidthDots / 2, raster.Height);
        var leftQr = Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE)!;
        Assert.Equal(StoreSellerId, leftQr.Substring(45, 8));
        var invoice = InvoiceRules.ToInvoice(order, Business);
        Assert.Equal(InvoiceQrContent.Build(invoice, QrVerificationKey.FromHex(StoreQrKey)).Left, leftQr);
        Assert.NotEqual(InvoiceQrContent.Build(invoice, QrVerificationKey.FromHex(InProcessAgent.QrKeyHex)).Left, leftQr);

        // Uploaded as printed, even when the store's master data changes afterwards.
        await agent.Services.GetRequiredService<SnapshotCache>().SaveAsync(snapshot with { SellerTaxId = null, SellerName = null }, "\"t3\"", CancellationToken.None);
        var wire = OrderMapping.ToWire(order).Invoice!;
        Assert.Equal((StoreSellerId, StoreSellerName), (wire.SellerTaxId, wire.SellerName));
        Assert.Equal(HttpStatusCode.Accepted, (await agent.Client.PostAsync($"api/orders/{orderId}/reprint", null)).StatusCode);
        Assert.Contains(Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))), t => t.StartsWith($"賣方 {StoreSellerId}", StringComparison.Ordinal));
        // The next sale follows the new master data: the business's seller.
        var (_, next) = await agent.SellAsync(SaleWith(printItems: false));
        Assert.Contains(Texts(await printer.NextJobAsync(TimeSpan.FromSeconds(20))), t => t.StartsWith($"賣方 {InProcessAgent.SellerId}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.GetAsync($"receipts/{next.GetProperty("sale").GetProperty("orderId").GetGuid()}.png")).StatusCode);
    }

    private static object SaleWith(bool? printItems, string? buyerTaxId = null) => new
    {
        staffId = "S001-E02",
        lines = new[] { new { sku = "TS-0400001", name = (string?)"外套 手打特價", type = "regular", quantity = 1, unitPrice = 500m } },
        paymentMethod = "cash",
        cashTendered = 1000,
        buyerTaxId,
        printItems,
    };

    private static List<string> Texts(byte[] bytes) => EscPosParser.Parse(bytes, EscPosRenderer.TextEncoding).OfType<EscPosText>().Select(t => t.Text).ToList();

    private static int Height(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.Height;
    }
}
