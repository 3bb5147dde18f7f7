using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// A first deployment: the Api takes uploads before any worker has ever run (no queue of theirs exists on
/// the broker yet). RabbitMQ would drop a message published to an exchange with no bound queue; the Api
/// declares the workers' queues itself, so the batch waits in its queue until a worker starts.
/// </summary>
public class FirstDeploymentTests
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)] // quorum queues: the Api and the workers declare the same queue with the same arguments
    public async Task A_batch_uploaded_before_any_worker_ever_started_is_reconciled_once_the_workers_start(bool quorum)
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        var queue = prefix + "batch-accepted";
        if (quorum) settings["Bus:QuorumQueues"] = "true";
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();
        Assert.Null(await Broker.QueueAsync(rabbit, queue)); // nothing declared it yet

        var first = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3));
        Assert.All((await Scenario.UploadAsync(client, first)).Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        await WaitDispatchedAsync(api, 1);
        // Published and confirmed with no worker anywhere: the message waits in the workers' queue.
        Assert.Equal(new Broker.QueueState(1, 0), await Broker.QueueAsync(rabbit, queue));

        await using (var workers = new WorkersFactory(settings).Start())
        {
            var views = await Scenario.WaitUntilFinalAsync(client, first.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));
            Scenario.AssertReconciled(first, views);
        }

        // Now both paths lead to the queue (the Api's direct binding, the worker's endpoint exchange):
        // with the worker stopped, one upload still puts exactly one message in the queue.
        for (var until = DateTime.UtcNow.AddSeconds(30); (await Broker.QueueAsync(rabbit, queue))!.Consumers > 0;)
        {
            Assert.True(DateTime.UtcNow < until, "the stopped worker still consumes");
            await Task.Delay(100);
        }
        var second = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-2), firstLocalNumber: 4);
        await Scenario.UploadAsync(client, second);
        await WaitDispatchedAsync(api, 2);
        await Task.Delay(500);
        Assert.Equal(new Broker.QueueState(1, 0), await Broker.QueueAsync(rabbit, queue));

        await using (var again = new WorkersFactory(settings).Start())
            Scenario.AssertReconciled(second, await Scenario.WaitUntilFinalAsync(client, second.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60)));
    }

    private static async Task WaitDispatchedAsync(ApiFactory api, int rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await api.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.DispatchedAt != null)) < rows)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the outbox did not publish {rows} message(s) in time");
            await Task.Delay(100);
        }
    }
}
