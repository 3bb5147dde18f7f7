using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// A worker stopped gracefully (SIGTERM, as Kubernetes does on a rollout) while it holds loaded, unsaved
/// batches: it exits in time, the batches go back to the queue — not to the error queue, and no order is
/// marked Failed — and the next worker reconciles each order once.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class WorkerStoppedTests
{
    [SkippableFact]
    public async Task Stopped_mid_batch_the_worker_exits_cleanly_and_its_batches_are_reconciled_once_by_the_next()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();

        var slow = new Dictionary<string, string?>(settings) { ["Workers:TestDelayPerBatch"] = "00:02:00", ["Shutdown:Timeout"] = "00:00:20" };
        await using var stopping = WorkerProcess.Start("stopping", slow);

        var soldAt = DateTimeOffset.UtcNow.AddDays(-2);
        var batches = Enumerable.Range(0, 3).Select(i => Outcomes.Triples(4, 1 + 12 * i, soldAt)).ToList();
        foreach (var batch in batches) await Outcomes.UploadAcceptedAsync(client, batch);
        var ids = batches.SelectMany(x => x.Orders).Select(o => o.OrderId).ToList();

        await stopping.WaitForOutputAsync("Test hook: holding", TimeSpan.FromSeconds(100));
        var started = DateTime.UtcNow;
        var exitCode = await stopping.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(40), "the worker stops within its shutdown timeout, not after the 2-minute hold");
        Assert.Equal(0, exitCode);
        Assert.Equal(0, await api.WithDbAsync(db => db.Orders.CountAsync(o => ids.Contains(o.Id) && o.Status != OrderStatus.Received)));
        Assert.Equal(0u, (await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error"))?.Messages ?? 0);

        await using var next = WorkerProcess.Start("next", settings);
        await Outcomes.WaitAllFinalAsync(f => api.WithDbAsync(f), ids, TimeSpan.FromSeconds(90));
        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, ids); return 0; });
        Assert.Equal(0u, (await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error"))?.Messages ?? 0);
    }
}
