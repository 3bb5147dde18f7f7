using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Returns;

/// <summary>
/// Returns in the upload queue against the stand-in cloud: a return of a sale not uploaded yet never goes before it;
/// the cloud's answers set the return's status; a refused return is 失敗 with its reason and a return the cloud keeps
/// failing on is set aside — neither holds the sales back.
/// </summary>
public sealed class ReturnsUploadTests
{
    [Fact]
    public async Task Returns_upload_behind_their_sales_and_a_refused_or_failing_return_never_blocks_sales()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.RejectReturn = (r, i) => r.Reason == "REFUSE" ? new FieldError($"returns[{i}].reason", "refused by the test") : null;
        cloud.FailBatch = b => b.Returns?.Any(r => r.Reason == "POISON") == true ? 500 : null;
        cloud.Healthy = false;
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200",
            "--Upload:SplitAfterFailures=2", "--Upload:BlockedRetryInterval=00:01:00");

        async Task<Guid> Sell()
        {
            var (r, body) = await agent.SellAsync(ReturnsAgentTests.TwoLineSale());
            Assert.True(r.IsSuccessStatusCode, body.ToString());
            return body.GetProperty("sale").GetProperty("orderId").GetGuid();
        }
        async Task<Guid> Return(Guid orderId, string reason)
        {
            var r = await agent.Client.PostAsJsonAsync("api/returns", new
            {
                orderId, whole = false, reason, refundMethod = "cash", staffId = "S001-E02", lines = new[] { new { lineIndex = 0, quantity = 1 } },
            });
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(r.IsSuccessStatusCode, body.ToString());
            return body.GetProperty("return").GetProperty("returnId").GetGuid();
        }

        // Offline: three sales, each with a return, none uploaded.
        var a = await Sell(); var returnA = await Return(a, "顧客退貨");
        var b = await Sell(); var refused = await Return(b, "REFUSE");
        var c = await Sell(); var poison = await Return(c, "POISON");
        cloud.Healthy = true;

        var until = DateTime.UtcNow.AddSeconds(60);
        JsonElement[] returns = [];
        while (DateTime.UtcNow < until)
        {
            returns = await agent.Client.GetFromJsonAsync<JsonElement[]>("api/returns") ?? [];
            var states = returns.ToDictionary(r => r.GetProperty("view").GetProperty("returnId").GetGuid(), r => r);
            if (states[returnA].GetProperty("view").GetProperty("state").GetString() == "Reconciled"
                && states[refused].GetProperty("view").GetProperty("state").GetString() == "Rejected"
                && states[poison].GetProperty("uploadBlockedReason").ValueKind == JsonValueKind.String
                && cloud.Stored.ContainsKey(a) && cloud.Stored.ContainsKey(b) && cloud.Stored.ContainsKey(c)) break;
            await Task.Delay(200);
        }
        var byId = returns.ToDictionary(r => r.GetProperty("view").GetProperty("returnId").GetGuid(), r => r);
        Assert.True(cloud.Stored.ContainsKey(a) && cloud.Stored.ContainsKey(b) && cloud.Stored.ContainsKey(c), "every sale uploaded, the failing return notwithstanding");
        Assert.Equal("Reconciled", byId[returnA].GetProperty("view").GetProperty("state").GetString());
        Assert.Equal("Rejected", byId[refused].GetProperty("view").GetProperty("state").GetString());
        Assert.Contains("refused by the test", byId[refused].GetProperty("view").GetProperty("reasons").GetString());
        Assert.Contains("500", byId[poison].GetProperty("uploadBlockedReason").GetString());
        Assert.False(cloud.StoredReturns.ContainsKey(poison));

        // Never before its sale: the first upload that carried a return also carried its sale or came after one that did.
        var uploads = cloud.Uploads.ToList();
        foreach (var (sale, ret) in new[] { (a, returnA), (b, refused), (c, poison) })
        {
            var firstReturn = uploads.FindIndex(u => u.Request.Returns?.Any(r => r.ReturnId == ret) == true);
            var firstSale = uploads.FindIndex(u => u.Request.Orders.Any(o => o.OrderId == sale));
            Assert.True(firstReturn >= 0 && firstSale >= 0 && firstSale <= firstReturn, $"return {ret} went in upload {firstReturn}, its sale in {firstSale}");
        }
        // What the cloud got for the return: the line by index, the refund, the cancel and the replacement invoice.
        var wire = cloud.StoredReturns[returnA];
        Assert.Equal(a, wire.OrderId);
        Assert.Equal(589m, wire.RefundTotal);
        Assert.Equal(0, wire.Lines.Single().LineIndex);
        Assert.NotNull(wire.CancelledInvoice);
        Assert.Equal(589 + 309, wire.ReplacementInvoice!.TotalAmount);
    }
}

/// <summary>
/// Another register's sale, looked up in the (stand-in) cloud by the proof's Code 39 — here the replacement invoice
/// that register issued when it took one coat back: that return counts, and this register's return cancels the
/// replacement and reissues from its own block.
/// </summary>
public sealed class RemoteSaleReturnTests
{
    [Fact]
    public async Task Another_registers_sale_is_found_online_its_earlier_returns_count_and_offline_it_is_not_found()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1", "--Cloud:FailuresToOffline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200");
        var period = InProcessAgent.CurrentPeriod.Code;
        var orderId = Guid.NewGuid();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-1);
        // The earlier return of that register (it made ZX20000006, the replacement scanned here).
        var earlier = new PosCloud.Contracts.Orders.ReturnableEarlierReturnView(Guid.NewGuid(), "S001", soldAt.AddMinutes(10),
            [new(0, 1)], "cancelledAndReissued", "ZX20000005", null, PosCloud.Contracts.OrderStatus.Reconciled);
        cloud.OtherRegistersOrders[orderId] = new PosCloud.Contracts.Orders.OrderView(orderId, Guid.NewGuid(), "S001", "S001-R2", 7, soldAt, "S001-E02", null, 1487,
            PosCloud.Contracts.OrderStatus.Reconciled, null, soldAt, soldAt, [], [], [], null, [], 898);
        cloud.ReturnableSales[period + "ZX20000006"] = CrossStoreReturnTests.Sale(orderId, "S001", "測試門市", "S001-R2", soldAt, period, "ZX20000006",
            InProcessAgent.SellerId, "測試零售股份有限公司", earlier);

        await WaitAsync(async () => (await agent.StatusAsync()).GetProperty("connectivity").GetString() == "online");
        var found = await agent.Client.GetAsync($"api/returns/sale?code={period}ZX200000065821");
        var body = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(found.IsSuccessStatusCode, body.ToString());
        var sale = body.GetProperty("sale");
        Assert.True(sale.GetProperty("remote").GetBoolean());
        Assert.Equal([1m, 1m], sale.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("left").GetDecimal()));

        object Ask(int qty) => new { code = $"{period}ZX200000065821", whole = false, reason = "顧客退貨", refundMethod = "cash", staffId = "S001-E02", lines = new[] { new { lineIndex = 0, quantity = qty } } };
        var over = await agent.Client.PostAsJsonAsync("api/returns", Ask(2));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, over.StatusCode);
        var ok = await agent.Client.PostAsJsonAsync("api/returns", Ask(1));
        var ret = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("return");
        Assert.Equal("CancelAndReissue", ret.GetProperty("document").GetString());
        Assert.Equal("ZX20000006", ret.GetProperty("cancelledInvoiceNumber").GetString());
        Assert.Equal("ZX10000000", ret.GetProperty("replacementInvoiceNumber").GetString()); // from THIS register's block

        // It uploads at once (the sale is the cloud's already) and names the other register's sale.
        await WaitAsync(() => Task.FromResult(cloud.StoredReturns.Values.Any(r => r.OrderId == orderId)));

        cloud.Healthy = false;
        await WaitAsync(async () => (await agent.StatusAsync()).GetProperty("connectivity").GetString() == "offline");
        var offline = await agent.Client.GetAsync($"api/returns/sale?code={period}ZX200000065821");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, offline.StatusCode);
        Assert.Equal("sale.notHereOffline", (await offline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
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
