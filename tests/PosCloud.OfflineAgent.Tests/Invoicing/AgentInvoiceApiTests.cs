using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Tests.Support;
using PosCloud.Printing;
using ZXing;

namespace PosCloud.OfflineAgent.Tests.Invoicing;

/// <summary>The invoice flow through the agent's own HTTP API (agent in-process, offline, snapshot handed to it).</summary>
public sealed class AgentInvoiceApiTests
{
    private static string Track => InProcessAgent.Track;

    [Fact]
    public async Task Sales_take_consecutive_numbers_of_this_registers_block_and_the_status_counts_down_and_warns()
    {
        await using var agent = await InProcessAgent.StartAsync(blockSize: 5, lowWarning: 3);
        var status = (await agent.StatusAsync()).GetProperty("invoice");
        Assert.Equal(5, status.GetProperty("remaining").GetInt32());
        Assert.False(status.GetProperty("low").GetBoolean());
        Assert.Equal($"{Track}10000000", status.GetProperty("nextNumber").GetString());

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (r, body) = await agent.SellAsync(InProcessAgent.Sale());
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var sale = body.GetProperty("sale");
            numbers.Add(sale.GetProperty("invoiceNumber").GetString()!);
            Assert.Matches("^[0-9]{4}$", sale.GetProperty("invoiceRandomCode").GetString()!);
        }
        Assert.Equal([$"{Track}10000000", $"{Track}10000001", $"{Track}10000002"], numbers);

        status = (await agent.StatusAsync()).GetProperty("invoice");
        Assert.Equal(2, status.GetProperty("remaining").GetInt32());
        Assert.True(status.GetProperty("low").GetBoolean());
        Assert.False(status.GetProperty("exhausted").GetBoolean());
        Assert.Equal(InProcessAgent.CurrentPeriod.Code, status.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Past_the_end_of_the_block_a_sale_is_refused_clearly_and_not_saved()
    {
        await using var agent = await InProcessAgent.StartAsync(blockSize: 2);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await agent.SellAsync(InProcessAgent.Sale())).Response.StatusCode);

        var (r, body) = await agent.SellAsync(InProcessAgent.Sale());
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.True(body.GetProperty("invoiceRefused").GetBoolean());
        var error = body.GetProperty("errors")[0];
        Assert.Equal("invoice.blockExhausted", error.GetProperty("code").GetString());
        Assert.Contains("發票號碼已用完", error.GetProperty("message").GetString());
        Assert.Contains("used up", error.GetProperty("message").GetString());

        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Orders.CountAsync());
        Assert.Equal(2, (await db.Register.SingleAsync()).LastLocalNumber); // the sale number was rolled back too
        var state = await db.InvoiceBlocks.SingleAsync();
        Assert.Equal(10_000_001, state.LastUsedSerial);
        Assert.True((await agent.StatusAsync()).GetProperty("invoice").GetProperty("exhausted").GetBoolean());
    }

    [Fact]
    public async Task Without_a_block_for_the_period_no_sale_is_made()
    {
        await using var agent = await InProcessAgent.StartAsync(blockSize: 0);
        var (r, body) = await agent.SellAsync(InProcessAgent.Sale());
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal("invoice.noBlock", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty((await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!);
        Assert.False((await agent.StatusAsync()).GetProperty("invoice").GetProperty("hasBlock").GetBoolean());
    }

    [Fact]
    public async Task Bad_buyer_fields_are_refused_naming_the_field_and_take_no_number()
    {
        await using var agent = await InProcessAgent.StartAsync(blockSize: 5);
        var (r, body) = await agent.SellAsync(InProcessAgent.Sale(carrier: "/abc", buyerTaxId: "12345678"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(["buyerTaxId", "carrier"], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());

        var (ok, sale) = await agent.SellAsync(InProcessAgent.Sale(carrier: "/ABC+123"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal($"{Track}10000000", sale.GetProperty("sale").GetProperty("invoiceNumber").GetString());
    }

    [Fact]
    public async Task The_preview_PNG_is_read_by_ZXing_as_the_spec_content_of_that_invoice()
    {
        await using var agent = await InProcessAgent.StartAsync();
        var (_, body) = await agent.SellAsync(InProcessAgent.Sale(price: 1290m));
        var sale = body.GetProperty("sale");
        var orderId = sale.GetProperty("orderId").GetGuid();
        var expected = await ExpectedInvoiceAsync(agent, orderId);

        var r = await agent.Client.GetAsync($"receipts/{orderId}.png");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("image/png", r.Content.Headers.ContentType!.MediaType);
        var png = await r.Content.ReadAsByteArrayAsync();

        var key = QrVerificationKey.FromHex(InProcessAgent.QrKeyHex);
        var qr = InvoiceQrContent.Build(expected, key);
        Assert.StartsWith(expected.Number + InvoiceQrContent.RocDate(DateOnly.FromDateTime(expected.IssuedAt)) + expected.RandomCode + "00000000" + "0000050a", qr.Left);
        // Where the codes are: the library's own render of the invoice we expect (same layout, same regions).
        using var renderer = new PngProofRenderer();
        var regions = InvoiceProof.Png(expected, key, renderer).Regions;

        var code39 = Zx.FromPng(png, regions.Single(x => x.Kind == "code39"));
        Assert.Equal(Code39Content.For(expected), Zx.Decode(code39.Gray, code39.W, code39.H, BarcodeFormat.CODE_39));
        Assert.Equal(InProcessAgent.CurrentPeriod.Code + $"{Track}10000000" + sale.GetProperty("invoiceRandomCode").GetString(), Code39Content.For(expected));
        var left = Zx.FromPng(png, regions.Single(x => x.Kind == "qr-left"));
        Assert.Equal(qr.Left, Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE));
        var right = Zx.FromPng(png, regions.Single(x => x.Kind == "qr-right"));
        Assert.Equal(qr.Right, Zx.Decode(right.Gray, right.W, right.H, BarcodeFormat.QR_CODE));
        // And with no hint at all, the Code 39 is found anywhere in the whole image.
        var whole = Zx.FromPng(png);
        Assert.Equal(Code39Content.For(expected), Zx.Decode(whole.Gray, whole.W, whole.H, BarcodeFormat.CODE_39));

        // A carrier invoice has no paper proof: its view is no proof and carries nothing to scan.
        var (_, carrierBody) = await agent.SellAsync(InProcessAgent.Sale(price: 1290m, carrier: "/ABC+123"));
        var carrierPng = await agent.Client.GetByteArrayAsync($"receipts/{carrierBody.GetProperty("sale").GetProperty("orderId").GetGuid()}.png");
        var carrierWhole = Zx.FromPng(carrierPng);
        Assert.Null(Zx.Decode(carrierWhole.Gray, carrierWhole.W, carrierWhole.H, BarcodeFormat.CODE_39));
        Assert.Null(Zx.Decode(carrierWhole.Gray, carrierWhole.W, carrierWhole.H, BarcodeFormat.QR_CODE));

        var unknown = await agent.Client.GetAsync($"receipts/{Guid.NewGuid()}.png");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("order.notFound", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_sale_through_the_checkout_reaches_a_network_printer_with_the_barcode_and_both_QR_payloads_and_a_reprint_is_marked()
    {
        await using var printer = new FakeNetworkPrinter();
        await using var agent = await InProcessAgent.StartAsync(printer: $"tcp://127.0.0.1:{printer.Port}");
        // Enough items that the list continues in the right QR code.
        var sale = new
        {
            staffId = "S001-E02",
            lines = Enumerable.Range(1, 6).Select(i => new { sku = "TS-0400001", name = (string?)$"商品{i} 防潑水外套", type = "regular", quantity = i, unitPrice = 100m + i }).ToArray(),
            paymentMethod = "card", cardReference = "A123",
        };
        var (r, body) = await agent.SellAsync(sale);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(body.GetProperty("sale").GetProperty("proofPrinted").GetBoolean());
        var orderId = body.GetProperty("sale").GetProperty("orderId").GetGuid();
        var expected = await ExpectedInvoiceAsync(agent, orderId);
        var qr = InvoiceQrContent.Build(expected, QrVerificationKey.FromHex(InProcessAgent.QrKeyHex));
        Assert.NotEqual(InvoiceQrContent.RightPrefix, qr.Right);

        var bytes = await printer.NextJobAsync(TimeSpan.FromSeconds(20));
        var items = EscPosParser.Parse(bytes, EscPosRenderer.TextEncoding);
        var barcode = Assert.Single(items.OfType<EscPosBarcode>());
        Assert.Equal(EscPos.Code39FunctionB, barcode.System);
        Assert.Equal(Code39Content.For(expected), barcode.Data);
        var raster = Assert.Single(items.OfType<EscPosRaster>());
        var half = raster.WidthDots / 2;
        var left = Zx.FromRaster(raster, 0, 0, half, raster.Height);
        var right = Zx.FromRaster(raster, half, 0, half, raster.Height);
        Assert.Equal(qr.Left, Zx.Decode(left.Gray, left.W, left.H, BarcodeFormat.QR_CODE));
        Assert.Equal(qr.Right, Zx.Decode(right.Gray, right.W, right.H, BarcodeFormat.QR_CODE));
        var texts = items.OfType<EscPosText>().Select(t => t.Text).ToList();
        Assert.Contains(ProofLayoutBuilder.Title, texts);
        Assert.Contains(expected.Number.Printed, texts);
        Assert.DoesNotContain(texts, t => t.Contains(ProofLayoutBuilder.ReprintMark, StringComparison.Ordinal));

        var reprint = await agent.Client.PostAsync($"api/orders/{orderId}/reprint", null);
        Assert.Equal(HttpStatusCode.Accepted, reprint.StatusCode);
        var again = EscPosParser.Parse(await printer.NextJobAsync(TimeSpan.FromSeconds(20)), EscPosRenderer.TextEncoding);
        Assert.Contains(again.OfType<EscPosText>(), t => t.Text == ProofLayoutBuilder.Title + ProofLayoutBuilder.ReprintMark);
        Assert.Equal(Code39Content.For(expected), Assert.Single(again.OfType<EscPosBarcode>()).Data);

        // A carrier invoice is not printed (and cannot be reprinted); the printer stays quiet.
        var (_, carrierSale) = await agent.SellAsync(InProcessAgent.Sale(carrier: "/ABC+123"));
        Assert.False(carrierSale.GetProperty("sale").GetProperty("proofPrinted").GetBoolean());
        var refused = await agent.Client.PostAsync($"api/orders/{carrierSale.GetProperty("sale").GetProperty("orderId").GetGuid()}/reprint", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Task.Delay(500);
        Assert.False(printer.TryGetJob(out _));

        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var jobs = (await db.PrintJobs.ToListAsync()).OrderBy(j => j.CreatedAt).ToList();
        Assert.Equal([false, true], jobs.Select(j => j.Reprint));
        await WaitAsync(async () => (await db.PrintJobs.AsNoTracking().ToListAsync()).All(j => j.State == "Printed"), "both jobs recorded as printed");
        Assert.Equal("ok", (await agent.StatusAsync()).GetProperty("printer").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_dead_printer_never_blocks_or_loses_a_sale_and_the_clerk_is_told()
    {
        var port = Repo.FreePort(); // nothing listens here yet
        await using var agent = await InProcessAgent.StartAsync(printer: $"tcp://127.0.0.1:{port}");
        var started = DateTime.UtcNow;
        var (r, body) = await agent.SellAsync(InProcessAgent.Sale());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the sale waited for the printer");

        JsonElement printerStatus = default;
        await WaitAsync(async () => (printerStatus = (await agent.StatusAsync()).GetProperty("printer")).GetProperty("state").GetString() == "error", "printer error shown");
        Assert.Contains("無法連線印表機", printerStatus.GetProperty("message").GetString());
        Assert.Equal(1, printerStatus.GetProperty("waiting").GetInt32());

        // The printer comes back: the waiting proof prints by itself.
        await using var printer = new FakeNetworkPrinter(port);
        await agent.Client.PostAsync("api/printer/retry", null);
        var bytes = await printer.NextJobAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(body.GetProperty("sale").GetProperty("invoiceNumber").GetString()![2..], EscPosParser.Parse(bytes, EscPosRenderer.TextEncoding)
            .OfType<EscPosBarcode>().Single().Data[7..15]);
    }

    /// <summary>The invoice as the spec defines it, built here from what the agent reports (not from its code).</summary>
    private static async Task<InvoiceDocument> ExpectedInvoiceAsync(InProcessAgent agent, Guid orderId)
    {
        var detail = await agent.Client.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}");
        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var o = await db.Orders.AsNoTracking().SingleAsync(x => x.Id == orderId);
        var soldAt = detail.GetProperty("order").GetProperty("soldAt").GetDateTimeOffset();
        var items = detail.GetProperty("typed").EnumerateArray().Select(l => new InvoiceItem(
            l.GetProperty("name").GetString()!, l.GetProperty("quantity").GetDecimal(), l.GetProperty("unitPrice").GetDecimal(),
            l.GetProperty("quantity").GetDecimal() * l.GetProperty("unitPrice").GetDecimal())).ToList();
        var total = (long)detail.GetProperty("order").GetProperty("total").GetDecimal();
        return new InvoiceDocument(InvoiceNumber.Parse(o.InvoiceNumber!), soldAt.ToOffset(TimeSpan.FromHours(8)).DateTime, o.InvoiceRandomCode!,
            new InvoiceParty(InProcessAgent.SellerId, "測試零售股份有限公司"), null, items, null, 0, total,
            o.CarrierId is { } c ? new InvoiceCarrier(o.CarrierType!, c, c) : null);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("Never: " + what);
    }
}
