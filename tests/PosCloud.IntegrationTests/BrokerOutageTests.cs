using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The Api talks to RabbitMQ through a proxy this test can cut: uploads during the outage are kept and reconciled after it.</summary>
public class BrokerOutageTests(BrokerOutageTests.ProxiedCloud cloud) : IClassFixture<BrokerOutageTests.ProxiedCloud>
{
    public sealed class ProxiedCloud : ServerCloud
    {
        public TcpProxy? Proxy { get; private set; }

        protected override Task<Dictionary<string, string?>> AdjustApiAsync(Dictionary<string, string?> settings)
        {
            var real = new Uri(settings["ConnectionStrings:RabbitMq"]!);
            Proxy = new TcpProxy(real.Host, real.Port);
            // Only the Api (the publisher) goes through the proxy; the workers keep their own connection.
            settings["ConnectionStrings:RabbitMq"] = new UriBuilder(real) { Host = "127.0.0.1", Port = Proxy.Port }.Uri.ToString();
            settings["Outbox:PublishTimeout"] = "00:00:02";
            return Task.FromResult(settings);
        }
    }

    [SkippableFact]
    public async Task Orders_uploaded_while_RabbitMQ_is_down_are_accepted_kept_and_reconciled_when_it_returns()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        // Warm up: the bus is connected and a batch flows.
        var warm = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-4), firstLocalNumber: 100);
        await Scenario.UploadAsync(client, warm);
        await Scenario.WaitUntilFinalAsync(client, warm.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));

        cloud.Proxy!.Cut();
        var during = Enumerable.Range(0, 3).Select(i => Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3), firstLocalNumber: 200 + i * 3)).ToList();
        foreach (var batch in during)
        {
            var response = await Scenario.UploadAsync(client, batch);
            Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var ids = during.SelectMany(b => b.Orders).Select(o => o.OrderId).ToList();
        var (received, pending) = await api.WithDbAsync(async db => (
            await db.ReceivedOrders.CountAsync(o => ids.Contains(o.Id)), // stored, waiting for a worker
            await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null)));
        Assert.Equal(9, received);
        Assert.Equal(3, pending);

        cloud.Proxy.Restore();
        var views = await Scenario.WaitUntilFinalAsync(client, ids, TimeSpan.FromSeconds(90));
        foreach (var batch in during) Scenario.AssertReconciled(batch, views.Where(v => v.BatchId == batch.BatchId).ToList());
        var (orders, overrides, undispatched) = await api.WithDbAsync(async db => (
            await db.Orders.CountAsync(), await db.PriceOverrides.CountAsync(), await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null)));
        Assert.Equal((12, 4, 0), (orders, overrides, undispatched));
    }
}
