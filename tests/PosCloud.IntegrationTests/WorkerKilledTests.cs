using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>A worker process killed (SIGKILL) while it holds a loaded, unsaved batch: no loss, no doubles.</summary>
[Collection(WorkerProcessCollection.Name)]
public class WorkerKilledTests
{
    [SkippableFact]
    public async Task Killed_mid_batch_the_batch_is_redelivered_to_another_worker_and_reconciled_once()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();

        // Workers:TestDelayPerBatch (test-only) holds each loaded batch for 2 min before saving: the kill lands mid-batch
        // even when a busy machine (the whole suite runs in parallel) is slow to show the log line.
        var slow = new Dictionary<string, string?>(settings) { ["Workers:TestDelayPerBatch"] = "00:02:00" };
        // Uploaded before the doomed worker consumes: the batches wait in the queue the Api declared.
        await using var doomed = WorkerProcess.Start("doomed", slow); // disposed (killed) even when the test fails early

        var soldAt = DateTimeOffset.UtcNow.AddDays(-2); // ThreeOrders adds n minutes per local number: stay in the past
        var batches = Enumerable.Range(0, 4).Select(i => Outcomes.Triples(4, 1 + 12 * i, soldAt)).ToList();
        foreach (var batch in batches) await Outcomes.UploadAcceptedAsync(client, batch);
        var ids = batches.SelectMany(x => x.Orders).Select(o => o.OrderId).ToList();

        await doomed.WaitForOutputAsync("Test hook: holding", TimeSpan.FromSeconds(100));
        doomed.Kill();
        Assert.True(doomed.HasExited);
        await doomed.DisposeAsync();
        var finalBeforeRestart = await api.WithDbAsync(db => db.Orders.CountAsync(o => o.Status != OrderStatus.Received));
        Assert.Equal(0, finalBeforeRestart); // the killed worker committed nothing

        await using var survivor = WorkerProcess.Start("survivor", settings);
        await Outcomes.WaitAllFinalAsync(f => api.WithDbAsync(f), ids, TimeSpan.FromSeconds(90));
        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, ids); return 0; });
        // The survivor did the work (its log line may trail the commit a little).
        await survivor.WaitForOutputAsync("Reconciled ", TimeSpan.FromSeconds(30));
    }
}
