using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts.Messages;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>Idempotency on PostgreSQL + RabbitMQ: the same BatchAccepted delivered several times, also at the same moment.</summary>
public class RedeliveryTests
{
    [SkippableFact]
    public async Task Same_BatchAccepted_published_three_times_reconciles_each_order_once()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();
        await using var workers = new WorkersFactory(settings).Start();

        var batch = Outcomes.Triples(10, 1, DateTimeOffset.UtcNow.AddDays(-2));
        var ids = batch.Orders.Select(o => o.OrderId).ToList();
        await Outcomes.UploadAcceptedAsync(client, batch);
        // Two more copies of the message the outbox publishes: with prefetch they are consumed concurrently
        // with the first one, so the orders' version check (not luck) must keep the result single.
        var bus = api.Services.GetRequiredService<IBus>();
        var copy = new BatchAccepted(batch.BatchId, batch.StoreId, batch.RegisterId, ids, DateTimeOffset.UtcNow);
        await Task.WhenAll(bus.Publish(copy), bus.Publish(copy));

        await Outcomes.WaitAllFinalAsync(f => api.WithDbAsync(f), ids, TimeSpan.FromSeconds(60));
        await Task.Delay(1500); // let the late copies finish (they find the orders final)
        await bus.Publish(copy); // and one after everything is final
        await Task.Delay(1500);

        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, ids); return 0; });
        var error = await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error");
        Assert.True(error is null || error.Messages == 0, "a redelivered copy ended in the error queue");
    }
}
