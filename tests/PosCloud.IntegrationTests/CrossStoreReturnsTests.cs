using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Invoices;
using PosCloud.Core.Stores;
using PosCloud.IntegrationTests.Support;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.IntegrationTests;

/// <summary>
/// Returns across stores on PostgreSQL + RabbitMQ: S002's register finds S001's sale through the narrow
/// /returnable-sales read (no customer data), returns it, and the cloud links, reconciles and files it under the
/// ORIGINAL seller; S001 returning S002's sale (a branch with its own 統一編號) cancels under S002's seller; an
/// over-return across the two stores is refused.
/// </summary>
public class CrossStoreReturnsTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    private const string S002Key = "test-register-key-S002-R1";
    private const string S002Seller = "23456701"; // the demo's stores.csv: S002 issues under its own id
    private const string Phone = "0918123456";
    private const string CardReference = "AUTH-55667788";
    private static readonly DateTimeOffset SoldAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
    private static string Period => InvoicePeriod.Of(TaiwanTime.Local(SoldAt)).Code;

    private async Task<(HttpClient S001, HttpClient S002)> ClientsAsync()
    {
        var api = cloud.Require().Api;
        await api.WithDbAsync(async db =>
        {
            var r = await db.Registers.SingleAsync(x => x.Id == "S002-R1");
            r.ApiKeyHash = ApiKeyHash.Of(S002Key);
            return await db.SaveChangesAsync();
        });
        return (api.CreateRegisterClient(), api.CreateRegisterClient(S002Key));
    }

    /// <summary>A coat and a bag, paid by card, with the customer's phone: the sale of <paramref name="storeId"/>.</summary>
    private static OfflineOrder Sale(string storeId, long localNumber, string invoiceNumber)
    {
        OfflineOrderLine[] lines = [new("TS-0400001", "外套", LineType.Regular, 1, 589m), new("AC-0400017", "托特包", LineType.Regular, 1, 309m)];
        return new OfflineOrder(Guid.NewGuid(), localNumber, SoldAt, $"{storeId}-E02", Phone, lines, [new OfflinePayment("card", 898m, CardReference)], 898m,
            new OfflineInvoice(invoiceNumber, SoldAt, "1234"));
    }

    private static OfflineReturn ReturnOfCoat(OfflineOrder sale, string staffId, long localNumber) =>
        new(Guid.NewGuid(), sale.OrderId, localNumber, DateTimeOffset.UtcNow.AddMinutes(-1), staffId, "尺寸不合",
            [new OfflineReturnLine(0, "TS-0400001", 1, 589m)], [new OfflinePayment("cash", 589m)], 589m,
            OriginalInvoicePeriod: Period, OriginalInvoiceNumber: sale.Invoice!.Number);

    private static async Task<ReturnView> WaitUntilFinalAsync(HttpClient client, Guid returnId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = (await client.GetFromJsonAsync<ReturnView>($"/api/v1/returns/{returnId}"))!;
            if (view.Status.IsFinal()) return view;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Return {returnId} is still {view.Status} ({view.StatusReason}).");
            await Task.Delay(150);
        }
    }

    private static string Field(JsonElement problem) => problem.GetProperty("field").GetString()!;

    [SkippableFact]
    public async Task S002_finds_S001s_sale_without_customer_data_returns_it_and_the_allowance_is_S001s_and_an_over_return_is_refused()
    {
        var api = cloud.Require().Api;
        var (s001, s002) = await ClientsAsync();
        using var _1 = s001; using var _2 = s002;
        var sale = Sale("S001", 7001, "XS00007001");
        await Scenario.UploadAsync(s001, Scenario.Batch(sale));
        await Scenario.WaitUntilFinalAsync(s001, [sale.OrderId], TimeSpan.FromSeconds(60));
        // S001's own order endpoint stays closed to S002's key: only the narrow read is open.
        Assert.Equal(HttpStatusCode.Forbidden, (await s002.GetAsync($"/api/v1/orders/{sale.OrderId}")).StatusCode);

        var response = await s002.GetAsync($"/api/v1/returnable-sales/{Period}/XS00007001");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, raw);
        Assert.DoesNotContain(Phone, raw);
        Assert.DoesNotContain("phone", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CardReference, raw);
        Assert.DoesNotContain("S001-E02", raw); // the staff who sold
        var view = JsonSerializer.Deserialize<ReturnableSaleView>(raw, JsonSerializerOptions.Web)!;
        Assert.Equal((sale.OrderId, "S001", "台北西門店"), (view.OrderId, view.StoreId, view.StoreName));
        Assert.Equal([(0, "TS-0400001", 1m, 589m, 0m), (1, "AC-0400017", 1m, 309m, 0m)],
            view.Lines.Select(l => (l.LineIndex, l.Sku, l.Quantity, l.ChargedUnitPrice, l.ReturnedQuantity)));
        Assert.Equal("7788", Assert.Single(view.Payments).ReferenceLast4);
        Assert.Equal((Period, "XS00007001", SoldAt, "12345675"), (view.Invoice.Period, view.Invoice.Number, view.Invoice.IssuedAt, view.Invoice.SellerTaxId));
        Assert.Equal(898m, view.NetTotal);
        // By number alone (typed at the counter) too.
        Assert.Equal(sale.OrderId, (await s002.GetFromJsonAsync<ReturnableSaleView>("/api/v1/returnable-sales/XS00007001"))!.OrderId);

        // Unknown → 404 naming the field; malformed → 400 naming it.
        var unknown = await s002.GetAsync($"/api/v1/returnable-sales/{Period}/XS99999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("invoiceNumber", Field(await unknown.Content.ReadFromJsonAsync<JsonElement>()));
        var badPeriod = await s002.GetAsync("/api/v1/returnable-sales/11513/XS00007001");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal("period", Field(await badPeriod.Content.ReadFromJsonAsync<JsonElement>()));
        var badNumber = await s002.GetAsync($"/api/v1/returnable-sales/{Period}/xs-0007001");
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Equal("invoiceNumber", Field(await badNumber.Content.ReadFromJsonAsync<JsonElement>()));
        using (var anonymous = api.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/returnable-sales/{Period}/XS00007001")).StatusCode);

        // S002 takes the coat back with an allowance of S001's invoice (as the agent does for another seller's sale).
        var atS002 = ReturnOfCoat(sale, "S002-E02", 1) with
        {
            Allowance = new OfflineAllowance("AL-S002R1-7001", DateTimeOffset.UtcNow.AddMinutes(-1), Period, "XS00007001", SoldAt,
                [new OfflineAllowanceItem(1, "外套", 1, 561, 561, 28)], 28, 561),
        };
        var answer = await Scenario.UploadAsync(s002, new UploadBatchRequest(Guid.NewGuid(), "S002", "S002-R1", [], [atS002]));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Returns!).Outcome);
        var done = await WaitUntilFinalAsync(s002, atS002.ReturnId);
        Assert.Equal(OrderStatus.Reconciled, done.Status);
        Assert.Equal("S002", done.StoreId);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId && l.LineNumber == 1).Select(l => l.ReturnedQuantity).SingleAsync()));
        var g0401 = await api.WithDbAsync(db => db.PlatformMessages.AsNoTracking().SingleAsync(m => m.Kind == PlatformMessageKinds.Allowance && m.DocumentNumber == "AL-S002R1-7001"));
        XNamespace g = "urn:GEINV:eInvoiceMessage:G0401:4.1";
        Assert.Equal("12345675", XDocument.Parse(g0401.Xml!).Root!.Element(g + "Main")!.Element(g + "Seller")!.Element(g + "Identifier")!.Value);

        // The next read shows what came back, and S001's own register cannot take the same coat back again.
        var after = (await s002.GetFromJsonAsync<ReturnableSaleView>($"/api/v1/returnable-sales/{Period}/XS00007001"))!;
        Assert.Equal((1m, 0m), (after.Lines[0].ReturnedQuantity, after.Lines[0].NetAmount));
        Assert.Equal(atS002.ReturnId, Assert.Single(after.Returns).ReturnId);
        Assert.Equal(898m - 589m, after.NetTotal);
        var atS001 = ReturnOfCoat(sale, "S001-E02", 70);
        await Scenario.UploadAsync(s001, new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", [], [atS001]));
        var refused = await WaitUntilFinalAsync(s001, atS001.ReturnId);
        Assert.Equal(OrderStatus.NeedsReview, refused.Status);
        Assert.Contains("only 0 of 1 sold are left", refused.StatusReason);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId && l.LineNumber == 1).Select(l => l.ReturnedQuantity).SingleAsync()));
        // A refused over-return took nothing: the read leaves it out.
        Assert.Single((await s002.GetFromJsonAsync<ReturnableSaleView>($"/api/v1/returnable-sales/{Period}/XS00007001"))!.Returns);
    }

    [SkippableFact]
    public async Task S001_cancels_S002s_invoice_and_the_F0501_carries_S002s_own_seller()
    {
        var api = cloud.Require().Api;
        var (s001, s002) = await ClientsAsync();
        using var _1 = s001; using var _2 = s002;
        // S002's register sent no seller with the invoice (an older register): the seller is S002's from master data.
        var sale = Sale("S002", 7101, "XS00007101");
        await Scenario.UploadAsync(s002, new UploadBatchRequest(Guid.NewGuid(), "S002", "S002-R1", [sale]));
        await Scenario.WaitUntilFinalAsync(s002, [sale.OrderId], TimeSpan.FromSeconds(60));

        var view = (await s001.GetFromJsonAsync<ReturnableSaleView>($"/api/v1/returnable-sales/{Period}/XS00007101"))!;
        Assert.Equal(("S002", "台中逢甲店", S002Seller), (view.StoreId, view.StoreName, view.Invoice.SellerTaxId));

        var whole = new OfflineReturn(Guid.NewGuid(), sale.OrderId, 71, DateTimeOffset.UtcNow.AddMinutes(-1), "S001-E02", "顧客退貨",
            [new OfflineReturnLine(0, "TS-0400001", 1, 589m), new OfflineReturnLine(1, "AC-0400017", 1, 309m)], [new OfflinePayment("cash", 898m)], 898m,
            OriginalInvoicePeriod: Period, OriginalInvoiceNumber: "XS00007101",
            CancelledInvoice: new OfflineInvoiceCancel(Period, "XS00007101", DateTimeOffset.UtcNow.AddMinutes(-1), "退貨", view.Invoice.IssuedAt, view.Invoice.BuyerTaxId));
        await Scenario.UploadAsync(s001, new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", [], [whole]));
        Assert.Equal(OrderStatus.Reconciled, (await WaitUntilFinalAsync(s001, whole.ReturnId)).Status);

        var (f0501, issued) = await api.WithDbAsync(async db => (
            await db.PlatformMessages.AsNoTracking().SingleAsync(m => m.Kind == PlatformMessageKinds.Cancel && m.DocumentNumber == "XS00007101"),
            await db.IssuedInvoices.AsNoTracking().SingleAsync(i => i.Number == "XS00007101")));
        Assert.True(issued.Voided);
        XNamespace f = "urn:GEINV:eInvoiceMessage:F0501:4.1";
        Assert.Equal(S002Seller, XDocument.Parse(f0501.Xml!).Root!.Element(f + "SellerId")!.Value);
        Assert.Equal([1m, 1m], await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).OrderBy(l => l.LineNumber).Select(l => l.ReturnedQuantity).ToListAsync()));
        // Cancelled: the read says so (the agent refuses it as 已作廢).
        Assert.True((await s001.GetFromJsonAsync<ReturnableSaleView>($"/api/v1/returnable-sales/{Period}/XS00007101"))!.Invoice.Voided);
    }

    [Fact]
    public async Task Swagger_shows_the_returnable_sale_read_and_says_it_never_carries_the_customer_phone()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var get = paths.GetProperty("/api/v1/returnable-sales/{period}/{invoiceNumber}").GetProperty("get");
        Assert.Equal("GetReturnableSale", get.GetProperty("operationId").GetString());
        Assert.Contains("NEVER carries the customer's phone", get.GetProperty("description").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(paths.TryGetProperty("/api/v1/returnable-sales/{invoiceNumber}", out _));
        var invoice = doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ReturnableInvoiceView").GetProperty("properties");
        Assert.False(invoice.TryGetProperty("carrierId", out _));
    }
}
