using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts.Messages;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>Two worker processes competing on one queue, each batch also delivered twice.</summary>
[Collection(WorkerProcessCollection.Name)]
public class CompetingWorkersTests
{
    [SkippableFact]
    public async Task Two_worker_processes_share_the_batches_and_reconcile_each_order_once()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient(); // migrates before the workers connect
        await using var a = WorkerProcess.Start("worker-a", settings);
        await using var b = WorkerProcess.Start("worker-b", settings);
        // Not for the queue (the Api declares it): both workers must be consuming, or the first one takes every batch.
        await Broker.WaitForConsumersAsync(rabbit, prefix + "batch-accepted", 2, TimeSpan.FromSeconds(60));

        var soldAt = DateTimeOffset.UtcNow.AddDays(-2); // ThreeOrders adds n minutes per local number: stay in the past
        var batches = Enumerable.Range(0, 24).Select(i => Outcomes.Triples(5, 1 + 15 * i, soldAt)).ToList();
        var bus = api.Services.GetRequiredService<IBus>();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, _) =>
        {
            await Outcomes.UploadAcceptedAsync(client, batch);
            // A second delivery of every batch: the two processes may well take the two copies at once.
            await bus.Publish(new BatchAccepted(batch.BatchId, batch.StoreId, batch.RegisterId, batch.Orders.Select(o => o.OrderId).ToList(), DateTimeOffset.UtcNow));
        });
        var ids = batches.SelectMany(x => x.Orders).Select(o => o.OrderId).ToList();

        try
        {
            await Outcomes.WaitAllFinalAsync(f => api.WithDbAsync(f), ids, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            await File.WriteAllLinesAsync("/tmp/competing-a.log", a.Lines);
            await File.WriteAllLinesAsync("/tmp/competing-b.log", b.Lines);
            throw new TimeoutException($"{ex.Message}\n--- worker-a:\n{string.Join('\n', a.Lines.TakeLast(30))}\n--- worker-b:\n{string.Join('\n', b.Lines.TakeLast(30))}");
        }
        await Task.Delay(2000); // the copies still in flight find final orders and change nothing

        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, ids); return 0; });
        Assert.True(a.CountLines("Reconciled ") > 0, "worker-a reconciled nothing:\n" + string.Join('\n', a.Lines.TakeLast(20)));
        Assert.True(b.CountLines("Reconciled ") > 0, "worker-b reconciled nothing:\n" + string.Join('\n', b.Lines.TakeLast(20)));
        var error = await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error");
        Assert.True(error is null || error.Messages == 0, "a competing delivery ended in the error queue");
    }
}
