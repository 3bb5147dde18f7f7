using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts;
using PosCloud.Contracts.Orders;
using PosCloud.Invoicing.Proof;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Returns;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Returns;

/// <summary>
/// A sale of ANOTHER store (S002, a branch with its own 統一編號), returned at this S001 register while online through
/// the cloud's returnable-sale read: the screen names the store, a partial return in the period takes an allowance
/// under S002's seller (this register cannot issue S002's invoice), the upload carries the original's data, and the
/// return's status is read by its own id (the other store's order is not this key's to read). Offline: the clear message.
/// </summary>
public sealed class CrossStoreReturnTests
{
    private const string BranchSeller = "23456701";
    private const string BranchName = "示範零售台中逢甲分公司";

    public static ReturnableSaleView Sale(Guid orderId, string storeId, string storeName, string registerId, DateTimeOffset soldAt, string period, string number,
        string sellerTaxId, string sellerName, params ReturnableEarlierReturnView[] earlier) => new(
        orderId, storeId, storeName, registerId, 7, soldAt, 1487, 1487 - earlier.Sum(e => e.Lines.Sum(l => l.Quantity)) * 589, OrderStatus.Reconciled,
        [new(0, "TS-0400001", "外套", LineType.Regular, 2, 589, 0, 1178), new(1, "AC-0400017", "托特包", LineType.Regular, 1, 309, 0, 309)],
        [new("card", 1487, "4321")],
        new ReturnableInvoiceView(period, number, soldAt, null, null, null, false, sellerTaxId, sellerName),
        earlier);

    [Fact]
    public async Task Another_stores_sale_is_returned_online_with_an_allowance_under_its_seller_and_offline_it_is_not_found()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1", "--Cloud:FailuresToOffline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200");
        var period = InProcessAgent.CurrentPeriod.Code;
        var orderId = Guid.NewGuid();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-1);
        cloud.ReturnableSales[period + "ZX30000001"] = Sale(orderId, "S002", "台中逢甲店", "S002-R1", soldAt, period, "ZX30000001", BranchSeller, BranchName);
        cloud.OtherStoresOrders[orderId] = true;

        await WaitAsync(async () => (await agent.StatusAsync()).GetProperty("connectivity").GetString() == "online");
        // Typed at the counter (no period): the number alone.
        var found = await agent.Client.GetAsync("api/returns/sale?code=ZX-30000001");
        var body = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(found.IsSuccessStatusCode, body.ToString());
        var sale = body.GetProperty("sale");
        Assert.True(sale.GetProperty("otherStore").GetBoolean());
        Assert.Equal("台中逢甲店", sale.GetProperty("storeName").GetString());
        Assert.Contains(cloud.ReturnableSaleReads, r => r is (null, "ZX30000001"));

        object Ask(int qty) => new { code = "ZX-30000001", whole = false, reason = "顧客退貨", refundMethod = "cash", staffId = "S001-E02", lines = new[] { new { lineIndex = 0, quantity = qty } } };
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Client.PostAsJsonAsync("api/returns", Ask(3))).StatusCode);
        var ok = await agent.Client.PostAsJsonAsync("api/returns", Ask(1));
        var answer = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ok.IsSuccessStatusCode, answer.ToString());
        var ret = answer.GetProperty("return");
        // In the period and partial, but S002's invoice is not this register's to reissue: an allowance of S002's invoice.
        Assert.Equal("Allowance", ret.GetProperty("document").GetString());
        Assert.True(ret.GetProperty("replacementInvoiceNumber").ValueKind == JsonValueKind.Null);
        var returnId = ret.GetProperty("returnId").GetGuid();

        await WaitAsync(() => Task.FromResult(cloud.StoredReturns.ContainsKey(returnId)));
        var wire = cloud.StoredReturns[returnId];
        Assert.Equal(orderId, wire.OrderId);
        Assert.Equal(("ZX30000001", period), (wire.Allowance!.OriginalNumber, wire.Allowance.OriginalPeriod));
        Assert.Equal(soldAt, wire.Allowance.OriginalIssuedAt);
        Assert.Null(wire.CancelledInvoice);

        // The slip prints the ORIGINAL seller (S002's), not this register's.
        await using (var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync())
        {
            var local = await db.Returns.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == returnId);
            var texts = ReturnDocuments.AllowanceSlip(local, agent.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PosCloud.OfflineAgent.Invoicing.InvoicingOptions>>().Value)
                .Elements.OfType<ProofText>().Select(t => t.Text).ToList();
            Assert.Contains($"賣方統編 {BranchSeller}", texts);
            Assert.DoesNotContain($"賣方統編 {InProcessAgent.SellerId}", texts);
        }

        // Its status comes by the return's own id: GET /orders/{id} of S002's sale is 403 for this key.
        await WaitAsync(async () =>
        {
            var list = await agent.Client.GetFromJsonAsync<JsonElement>("api/returns");
            return list.EnumerateArray().Any(x => x.GetProperty("view").GetProperty("returnId").GetGuid() == returnId
                && x.GetProperty("view").GetProperty("state").GetString() == "Reconciled");
        });

        // The next lookup sees that return (from the cloud, deduplicated with this register's own): 1 coat left.
        var again = await agent.Client.GetFromJsonAsync<JsonElement>("api/returns/sale?code=ZX-30000001");
        Assert.Equal([1m, 1m], again.GetProperty("sale").GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("left").GetDecimal()));

        cloud.Healthy = false;
        await WaitAsync(async () => (await agent.StatusAsync()).GetProperty("connectivity").GetString() == "offline");
        var offline = await agent.Client.GetAsync("api/returns/sale?code=ZX-30000001");
        Assert.Equal(HttpStatusCode.NotFound, offline.StatusCode);
        var why = await offline.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sale.notHereOffline", why.GetProperty("code").GetString());
        Assert.Contains("連線", why.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_whole_return_of_another_stores_sale_cancels_it_with_the_original_date_and_buyer()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1", "--Cloud:FailuresToOffline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300");
        var period = InProcessAgent.CurrentPeriod.Code;
        var orderId = Guid.NewGuid();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        cloud.ReturnableSales[period + "ZX30000002"] = Sale(orderId, "S003", "台北信義店", "S003-R1", soldAt, period, "ZX30000002", InProcessAgent.SellerId, "測試零售股份有限公司");
        cloud.OtherStoresOrders[orderId] = true;
        await WaitAsync(async () => (await agent.StatusAsync()).GetProperty("connectivity").GetString() == "online");

        var ok = await agent.Client.PostAsJsonAsync("api/returns", new { code = $"{period}ZX300000021234", whole = true, reason = "顧客退貨", refundMethod = "cash", staffId = "S001-E02" });
        var answer = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ok.IsSuccessStatusCode, answer.ToString());
        Assert.Equal("Cancel", answer.GetProperty("return").GetProperty("document").GetString());
        var returnId = answer.GetProperty("return").GetProperty("returnId").GetGuid();
        await WaitAsync(() => Task.FromResult(cloud.StoredReturns.ContainsKey(returnId)));
        var cancel = cloud.StoredReturns[returnId].CancelledInvoice!;
        Assert.Equal(("ZX30000002", period), (cancel.Number, cancel.Period));
        Assert.Equal(soldAt, cancel.InvoiceIssuedAt); // F0501 InvoiceDate from the lookup
        Assert.Equal([0, 1], cloud.StoredReturns[returnId].Lines.Select(l => l.LineIndex));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met in 30 s");
            await Task.Delay(100);
        }
    }
}
