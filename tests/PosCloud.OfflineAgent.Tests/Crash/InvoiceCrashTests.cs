using System.Net.Http.Json;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Crash;

/// <summary>
/// Power cuts during a stream of sales: the agent process is SIGKILLed while sales are in flight (one round
/// with the kill held inside the sale's transaction, after the number was taken). After the restarts no
/// invoice number is used twice, every number up to the highest taken belongs to a committed sale (or is
/// voided — none are, because the number commits with the sale), and the cloud records them all unflagged.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class InvoiceCrashTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task Killed_during_sales_no_invoice_number_is_used_twice_or_skipped()
    {
        await using var cloud = await CloudProcess.StartAsync();
        var data = Repo.TempDir("poscloud-agent");
        var port = Repo.FreePort();
        var acknowledged = new List<string>();

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            await agent.WaitOnlineWithSnapshotAsync();
            cloud.Proxy.Cut();
            await agent.WaitOfflineAsync();
            agent.Process.Kill();
        }

        // Round 0 holds the kill inside the transaction (number taken, not committed); the others kill at random moments.
        for (var round = 0; round < 4; round++)
        {
            string[] hook = round == 0 ? ["--TestHooks:DelayInsideSaleTransactionMs=20000"] : [];
            using var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port, hook);
            using var stop = new CancellationTokenSource();
            var before = acknowledged.Count;
            var selling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var r = await agent.Client.PostAsJsonAsync("api/checkout/complete", AgentProcess.Sale(price: 500m + acknowledged.Count));
                        var body = await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                        if (r.IsSuccessStatusCode) lock (acknowledged) acknowledged.Add(body.GetProperty("sale").GetProperty("invoiceNumber").GetString()!);
                    }
                    catch (Exception) { return; } // the agent died under us
                }
            });
            if (round == 0) await agent.Process.WaitForOutputAsync("TEST HOOK: sale #", TimeSpan.FromSeconds(30));
            else
            {
                // A few sales through first (a cold start on a busy machine is slow), then kill at a random moment mid-stream.
                var until = DateTime.UtcNow.AddSeconds(60);
                while (acknowledged.Count < before + 3 && DateTime.UtcNow < until) await Task.Delay(20);
                await Task.Delay(Random.Shared.Next(200));
            }
            agent.Process.Kill(); // SIGKILL: no shutdown, no flush
            await stop.CancelAsync();
            await selling;
            log.WriteLine($"round {round}: {acknowledged.Count} sales acknowledged so far");
        }

        using (var agent = await AgentProcess.StartAsync(cloud.Proxy.Url, data, port))
        {
            var orders = await agent.OrdersAsync();
            var numbers = orders.Select(o => o.GetProperty("invoiceNumber").GetString() ?? "").ToList();
            Assert.All(numbers, n => Assert.True(InvoiceNumber.IsValid(n), $"an order without a valid invoice number: {n}"));
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            Assert.Empty(acknowledged.Except(numbers)); // every sale the clerk saw completed is there
            Assert.True(acknowledged.Count > 3, $"too few sales to mean anything: {acknowledged.Count}");

            // Contiguous from the block's first number: nothing skipped, so nothing needs voiding.
            var serials = numbers.Select(n => InvoiceNumber.Parse(n).Serial).Order().ToList();
            Assert.Equal(Enumerable.Range(10_000_000, serials.Count), serials);
            // Sale numbers and invoice numbers advance together (the round-0 sale held open vanished whole).
            var byLocal = orders.OrderBy(o => o.GetProperty("localNumber").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, byLocal.Count).Select(i => (long)i), byLocal.Select(o => o.GetProperty("localNumber").GetInt64()));
            Assert.Equal(serials, byLocal.Select(o => InvoiceNumber.Parse(o.GetProperty("invoiceNumber").GetString()!).Serial));
            var next = (await agent.StatusAsync()).GetProperty("invoice").GetProperty("nextNumber").GetString();
            Assert.Equal(new InvoiceNumber(CloudProcess.Track, 10_000_000 + serials.Count).ToString(), next);

            // The cloud gets every one, issued, none voided, no gaps, no flags.
            cloud.Proxy.Restore();
            await agent.WaitAllFinalAsync(orders.Length, TimeSpan.FromSeconds(90));
            var recorded = await cloud.RegisterInvoicesAsync();
            var block = recorded.Blocks.Single(b => b.Block.Period == InProcessAgent.CurrentPeriod.Code);
            Assert.Equal(numbers.Order(), block.Used.Order());
            Assert.Empty(block.Voided);
            Assert.Empty(block.Gaps);
            Assert.Empty(recorded.Flags);
        }
        try { Directory.Delete(data, true); } catch (IOException) { }
    }
}
