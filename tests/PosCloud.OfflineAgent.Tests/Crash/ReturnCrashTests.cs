using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Crash;

/// <summary>
/// The agent process SIGKILLed in the middle of a return (held inside the return's transaction after the replacement
/// invoice's number was taken): after the restart there is no return, no refund, no cancel mark, and the next numbers
/// follow the last committed one — nothing issued is ever issued again.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ReturnCrashTests
{
    private static object Sale() => new
    {
        staffId = "S001-E02", paymentMethod = "cash", cashTendered = 5000,
        lines = new[]
        {
            new { sku = "TS-0400001", name = (string?)null, type = "regular", quantity = 2, unitPrice = 500m },
            new { sku = "TS-0200002", name = (string?)null, type = "regular", quantity = 1, unitPrice = 300m },
        },
    };

    private static object PartialReturn(Guid orderId) => new
    {
        orderId, whole = false, reason = "顧客退貨", refundMethod = "cash", staffId = "S001-E02", lines = new[] { new { lineIndex = 0, quantity = 1 } },
    };

    [Fact]
    public async Task Killed_inside_a_return_the_return_refund_and_invoice_change_vanish_together()
    {
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        var port = Repo.FreePort();
        Guid orderId;
        int saleSerial;
        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            await agent.WaitOnlineWithSnapshotAsync();
            cloud.Proxy.Cut();
            await agent.WaitOfflineAsync();
            var r = await agent.Client.PostAsJsonAsync("api/checkout/complete", Sale());
            var sale = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sale");
            orderId = sale.GetProperty("orderId").GetGuid();
            saleSerial = InvoiceNumber.Parse(sale.GetProperty("invoiceNumber").GetString()!).Serial;
            agent.Process.Kill();
        }

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port, "--TestHooks:DelayInsideReturnTransactionMs=20000"))
        {
            var returning = agent.Client.PostAsJsonAsync("api/returns", PartialReturn(orderId));
            await agent.Process.WaitForOutputAsync("TEST HOOK: return #1", TimeSpan.FromSeconds(30));
            agent.Process.Kill(); // SIGKILL inside the transaction: number taken, cancel marked, return written, nothing committed
            await Assert.ThrowsAnyAsync<Exception>(() => returning);
        }

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            Assert.Empty(await agent.Client.GetFromJsonAsync<JsonElement[]>("api/returns") ?? []);
            var sale = (await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/sale?orderId={orderId}")).GetProperty("sale");
            Assert.False(sale.GetProperty("invoiceCancelled").GetBoolean());
            Assert.Equal([2m, 1m], sale.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("left").GetDecimal()));
            var shift = await agent.Client.GetFromJsonAsync<JsonElement>("api/shift-report");
            Assert.Equal(0, shift.GetProperty("returnsCount").GetInt32());

            // The return done again commits whole; the numbers go on from the last committed one, never back.
            var r = await agent.Client.PostAsJsonAsync("api/returns", PartialReturn(orderId));
            var ret = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("return");
            Assert.Equal(1, ret.GetProperty("localNumber").GetInt64());
            Assert.Equal(saleSerial + 1, InvoiceNumber.Parse(ret.GetProperty("replacementInvoiceNumber").GetString()!).Serial);
            var next = await agent.Client.PostAsJsonAsync("api/checkout/complete", Sale());
            var nextNumber = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sale").GetProperty("invoiceNumber").GetString()!;
            Assert.Equal(saleSerial + 2, InvoiceNumber.Parse(nextNumber).Serial);
        }
    }
}
