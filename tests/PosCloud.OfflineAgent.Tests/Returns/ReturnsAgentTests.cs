using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Returns;

/// <summary>
/// Returns through the real agent's API (in-process, offline, its own SQLite): the invoice change each return makes,
/// the numbers it takes, what it refuses, and that a failure inside the transaction leaves nothing behind.
/// </summary>
public sealed class ReturnsAgentTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    /// <summary>Two coats and a bag: NT$ 1,487.</summary>
    public static object TwoLineSale(string? buyerTaxId = null, string? carrier = null) => new
    {
        staffId = "S001-E02", paymentMethod = "cash", cashTendered = 100000, buyerTaxId, carrier,
        lines = new[]
        {
            new { sku = "TS-0400001", name = (string?)null, type = "regular", quantity = 2, unitPrice = 589m },
            new { sku = "AC-0400017", name = (string?)null, type = "regular", quantity = 1, unitPrice = 309m },
        },
    };

    public static object Return(Guid orderId, bool whole, (int Index, int Qty)[]? lines = null, string? pin = null, string method = "cash", string? cardReference = null) => new
    {
        orderId, whole, reason = "顧客退貨", refundMethod = method, cardReference, staffId = "S001-E02", managerPin = pin,
        lines = (lines ?? []).Select(l => new { lineIndex = l.Index, quantity = l.Qty }).ToArray(),
    };

    private static async Task<(Guid OrderId, string Invoice)> SellAsync(InProcessAgent agent, object sale)
    {
        var (r, body) = await agent.SellAsync(sale);
        Assert.True(r.IsSuccessStatusCode, body.ToString());
        var s = body.GetProperty("sale");
        return (s.GetProperty("orderId").GetGuid(), s.GetProperty("invoiceNumber").GetString()!);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReturnAsync(InProcessAgent agent, object request)
    {
        var r = await agent.Client.PostAsJsonAsync("api/returns", request);
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    [Fact]
    public async Task An_offline_whole_sale_is_cancelled_once_found_by_its_typed_number()
    {
        await using var agent = await InProcessAgent.StartAsync();
        var (orderId, invoice) = await SellAsync(agent, TwoLineSale());

        var found = await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/sale?code={invoice[..2]}-{invoice[2..]}");
        Assert.Equal(orderId, found.GetProperty("sale").GetProperty("orderId").GetGuid());

        var (status, body) = await ReturnAsync(agent, Return(orderId, whole: true));
        Assert.Equal(HttpStatusCode.Created, status);
        var ret = body.GetProperty("return");
        Assert.Equal("Cancel", Str(ret, "document"));
        Assert.Equal(invoice, Str(ret, "cancelledInvoiceNumber"));
        Assert.Null(Str(ret, "replacementInvoiceNumber"));
        Assert.True(ret.GetProperty("collectPaperProof").GetBoolean());
        Assert.Equal(1487m, ret.GetProperty("refundTotal").GetDecimal());
        Assert.Equal("Pending", Str(ret, "state"));

        // Nothing is left: a second return is refused and stores nothing.
        var (again, refused) = await ReturnAsync(agent, Return(orderId, whole: true));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains(refused.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "lines.nothingLeft");
        Assert.Single(await agent.Client.GetFromJsonAsync<JsonElement[]>("api/returns") ?? []);
        // The cancel mark is on the sale, in the same transaction; the register counts the return as unsynced.
        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.NotNull((await db.Orders.SingleAsync(o => o.Id == orderId)).InvoiceCancelledAt);
        Assert.Equal(2, (await agent.StatusAsync()).GetProperty("unsynced").GetInt32());
    }

    [Fact]
    public async Task A_partial_return_in_the_period_cancels_and_reissues_with_numbers_never_reused()
    {
        await using var agent = await InProcessAgent.StartAsync();
        var (orderId, invoice) = await SellAsync(agent, TwoLineSale());
        Assert.Equal("ZX10000000", invoice);

        var (status, body) = await ReturnAsync(agent, Return(orderId, whole: false, [(0, 1)]));
        Assert.Equal(HttpStatusCode.Created, status);
        var ret = body.GetProperty("return");
        Assert.Equal("CancelAndReissue", Str(ret, "document"));
        Assert.Equal("ZX10000000", Str(ret, "cancelledInvoiceNumber"));
        Assert.Equal("ZX10000001", Str(ret, "replacementInvoiceNumber"));
        Assert.Equal(589m, ret.GetProperty("refundTotal").GetDecimal());
        var png = await agent.Client.GetAsync($"receipts/returns/{ret.GetProperty("returnId").GetGuid()}/invoice.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);

        // The next sale takes the next number: the replacement's number is never issued again.
        var (_, next) = await SellAsync(agent, InProcessAgent.Sale());
        Assert.Equal("ZX10000002", next);

        // The replacement is now the sale's invoice: found by its number, what is left is what it carries, and a
        // second partial return cancels IT and reissues again.
        var found = (await agent.Client.GetFromJsonAsync<JsonElement>("api/returns/sale?code=ZX10000001")).GetProperty("sale");
        Assert.Equal(orderId, found.GetProperty("orderId").GetGuid());
        Assert.Equal([1m, 1m], found.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("left").GetDecimal()));
        var (_, second) = await ReturnAsync(agent, Return(orderId, whole: false, [(1, 1)]));
        Assert.Equal("ZX10000001", Str(second.GetProperty("return"), "cancelledInvoiceNumber"));
        Assert.Equal("ZX10000003", Str(second.GetProperty("return"), "replacementInvoiceNumber"));

        // The upload carries the cancel and the replacement with its kept item only.
        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var rows = await db.Returns.Include(r => r.Lines).OrderBy(r => r.LocalNumber).ToListAsync();
        var wire = PosCloud.OfflineAgent.Returns.ReturnMapping.ToWire(rows[1]);
        Assert.Equal("ZX10000001", wire.CancelledInvoice!.Number);
        Assert.Equal(589, wire.ReplacementInvoice!.TotalAmount);
        Assert.Single(wire.ReplacementInvoice.Items!);
        Assert.Equal([1], wire.Lines.Select(l => l.LineIndex));
    }

    [Fact]
    public async Task A_company_buyer_gets_an_allowance_before_filing_and_everyone_after_it()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 10, 10, 0, 0, Taipei));
        await using var agent = await InProcessAgent.StartAsync(clock, 100);
        var (b2b, b2bInvoice) = await SellAsync(agent, TwoLineSale(buyerTaxId: InProcessAgent.SellerId));
        var (consumer, consumerInvoice) = await SellAsync(agent, TwoLineSale());

        var (_, partial) = await ReturnAsync(agent, Return(b2b, whole: false, [(1, 1)]));
        var allowance = partial.GetProperty("return");
        Assert.Equal("Allowance", Str(allowance, "document"));
        Assert.Null(Str(allowance, "cancelledInvoiceNumber"));
        Assert.Equal("11512" + b2bInvoice + "1", Str(allowance, "allowanceNumber"));
        Assert.Equal(2, partial.GetProperty("plan").GetProperty("allowanceCopies").GetInt32());

        // Past the 15th of the next odd month the period is filed: even a whole return is an allowance.
        clock.Set(new DateTimeOffset(2027, 1, 16, 9, 0, 0, Taipei));
        var (status, whole) = await ReturnAsync(agent, Return(consumer, whole: true));
        Assert.Equal(HttpStatusCode.Created, status);
        var ret = whole.GetProperty("return");
        Assert.Equal("Allowance", Str(ret, "document"));
        Assert.Null(Str(ret, "cancelledInvoiceNumber"));
        Assert.Equal(16, Str(ret, "allowanceNumber")!.Length);
        Assert.Equal(1487 - 1416, ret.GetProperty("allowanceTax").GetInt64()); // 1487 / 1.05 = 1416.2 → 1416 net
        Assert.True(whole.GetProperty("plan").GetProperty("filed").GetBoolean());
        var png = await agent.Client.GetAsync($"receipts/returns/{ret.GetProperty("returnId").GetGuid()}/allowance.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(consumerInvoice, b2bInvoice);
    }

    [Fact]
    public async Task Over_returns_are_refused_and_refunds_above_the_setting_need_the_managers_pin()
    {
        await using var agent = await InProcessAgent.StartAsync(100, null, 50, "--Agent:ManagerPin=2468", "--Returns:ManagerApprovalAbove=600");
        var (orderId, _) = await SellAsync(agent, TwoLineSale());

        var (over, body) = await ReturnAsync(agent, Return(orderId, whole: false, [(0, 3)]));
        Assert.Equal(HttpStatusCode.BadRequest, over);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "line.overReturn" && e.GetProperty("field").GetString() == "lines[0]");

        var (noPin, refused) = await ReturnAsync(agent, Return(orderId, whole: true));
        Assert.Equal(HttpStatusCode.BadRequest, noPin);
        Assert.True(refused.GetProperty("needsManagerPin").GetBoolean());
        var (wrong, _) = await ReturnAsync(agent, Return(orderId, whole: true, pin: "1111"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Empty(await agent.Client.GetFromJsonAsync<JsonElement[]>("api/returns") ?? []);

        // Under the setting no PIN is asked; above it the right PIN approves and is recorded.
        var (small, smallBody) = await ReturnAsync(agent, Return(orderId, whole: false, [(1, 1)], method: "card", cardReference: "RF-1029"));
        Assert.Equal(HttpStatusCode.Created, small);
        Assert.Null(Str(smallBody.GetProperty("return"), "approvedBy"));
        var (ok, approved) = await ReturnAsync(agent, Return(orderId, whole: true, pin: "2468"));
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.Equal("store-manager-pin", Str(approved.GetProperty("return"), "approvedBy"));

        // The shift report nets the refunds per method.
        var report = await agent.Client.GetFromJsonAsync<JsonElement>("api/shift-report");
        Assert.Equal(309m, report.GetProperty("cardRefunds").GetDecimal());
        Assert.Equal(1178m, report.GetProperty("cashRefunds").GetDecimal());
        Assert.Equal(1487m - 1178m, report.GetProperty("expectedCash").GetDecimal());
    }

    [Theory]
    [InlineData("return", false)]
    [InlineData("cancel", true)]
    [InlineData("replacement", false)]
    public async Task A_failure_inside_the_return_leaves_no_return_no_refund_no_cancel_and_no_number_taken(string step, bool whole)
    {
        await using var agent = await InProcessAgent.StartAsync(100, null, 50, $"--TestHooks:FailReturnAfterStep={step}");
        var (orderId, invoice) = await SellAsync(agent, TwoLineSale());

        var r = await agent.Client.PostAsJsonAsync("api/returns", Return(orderId, whole, whole ? null : [(0, 1)]));
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);

        await using var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Returns.ToListAsync());
        Assert.Empty(await db.ReturnLines.ToListAsync());
        Assert.Null((await db.Orders.SingleAsync(o => o.Id == orderId)).InvoiceCancelledAt);
        Assert.Equal(0, (await db.Register.SingleAsync()).LastReturnNumber);
        Assert.Equal(PosCloud.Invoicing.Numbers.InvoiceNumber.Parse(invoice).Serial, (await db.InvoiceBlocks.SingleAsync()).LastUsedSerial);
    }
}
