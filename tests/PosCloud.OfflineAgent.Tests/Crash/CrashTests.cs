using System.Net.Http.Json;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Crash;

/// <summary>
/// Power cuts: the agent process is killed (no shutdown) in the middle of a sale and in the middle of
/// an upload. After a restart nothing is lost or doubled: every completed sale reaches the cloud once.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task Killed_inside_the_sale_transaction_leaves_no_half_sale_and_burns_no_number()
    {
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        var port = Repo.FreePort();

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port, "--TestHooks:DelayInsideSaleTransactionMs=20000"))
        {
            await agent.WaitOnlineWithSnapshotAsync();
            cloud.Proxy.Cut();
            await agent.WaitOfflineAsync();
            // The sale is written inside its transaction, then the hook holds it open: kill it right there.
            var pending = agent.Client.PostAsJsonAsync("api/checkout/complete", AgentProcess.Sale());
            await agent.Process.WaitForOutputAsync("TEST HOOK: sale #1 written", TimeSpan.FromSeconds(20));
            agent.Process.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => pending);
        }

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            System.Text.Json.JsonElement[] orders0;
            try { orders0 = await agent.OrdersAsync(); }
            catch (HttpRequestException e) { throw new InvalidOperationException("The restarted agent stopped answering:\n" + agent.Process.Output, e); }
            Assert.Empty(orders0); // the uncommitted sale vanished whole
            // The clerk rings it up again, plus one more; the numbers continue from 1, not 2.
            foreach (var price in new[] { 500m, 589m })
                (await agent.Client.PostAsJsonAsync("api/checkout/complete", AgentProcess.Sale(price: price))).EnsureSuccessStatusCode();
            var orders = await agent.OrdersAsync();
            Assert.Equal([2L, 1L], orders.Select(o => o.GetProperty("localNumber").GetInt64()));

            cloud.Proxy.Restore();
            await agent.WaitAllFinalAsync(2, TimeSpan.FromSeconds(60));
            var inCloud = await cloud.StoreOrdersAsync();
            Assert.Equal(2, inCloud.Count);
            Assert.Equal([1L, 2L], inCloud.Select(o => o.LocalNumber).Order());
        }
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Killed_while_waiting_for_the_upload_answer_resends_the_same_batch_and_the_cloud_keeps_each_order_once()
    {
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        var port = Repo.FreePort();
        Guid[] made;

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            await agent.WaitOnlineWithSnapshotAsync();
            cloud.Proxy.Cut();
            await agent.WaitOfflineAsync();
            foreach (var sku in new[] { "TS-0400001", "TS-0200002", "AC-0400017" })
                (await agent.Client.PostAsJsonAsync("api/checkout/complete", AgentProcess.Sale(sku, 300m))).EnsureSuccessStatusCode();
            made = (await agent.OrdersAsync()).Select(o => o.GetProperty("orderId").GetGuid()).ToArray();

            // The line comes back slow: the cloud commits the batch, its answer is held back…
            cloud.Proxy.ResponseDelay = TimeSpan.FromSeconds(15);
            cloud.Proxy.Restore();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (await cloud.StoreOrderCountAsync() < 3 && DateTime.UtcNow < until) await Task.Delay(200);
            Assert.Equal(3, await cloud.StoreOrderCountAsync());
            Assert.All(await agent.OrdersAsync(), o => Assert.Equal("Pending", o.GetProperty("state").GetString()));
            // …and the register dies before the answer arrives.
            agent.Process.Kill();
        }

        cloud.Proxy.ResponseDelay = TimeSpan.Zero;
        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            await agent.WaitAllFinalAsync(3, TimeSpan.FromSeconds(60));
            // The agent saves the outcome before it logs it, and the log reaches us through a pipe: wait for the line.
            await agent.Process.WaitForOutputAsync("0 accepted, 3 already in the cloud", TimeSpan.FromSeconds(15));
            log.WriteLine(agent.Process.Output);
            var inCloud = await cloud.StoreOrdersAsync();
            Assert.Equal(3, inCloud.Count);
            Assert.Equal(made.Order(), inCloud.Select(o => o.OrderId).Order());
            Assert.Single(inCloud.Select(o => o.BatchId).Distinct()); // the retry reused the batch id
        }
        try { Directory.Delete(data, true); } catch (IOException) { }
    }
}
