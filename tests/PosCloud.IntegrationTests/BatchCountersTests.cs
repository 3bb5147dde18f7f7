using System.Net;
using System.Net.Http.Json;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>A batch's counters under parallel resends on PostgreSQL: every answer counted once (they were read-modify-write and lost updates).</summary>
public class BatchCountersTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    [SkippableFact]
    public async Task Parallel_resends_of_one_batch_are_each_counted_once()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-1);
        var batch = Scenario.Batch(Scenario.Order(900_001, soldAt), Scenario.Order(900_002, soldAt),
            Scenario.Order(900_003, soldAt) with { Total = 1 }); // one rejected every time
        const int senders = 40;

        var answers = await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            using var response = await RetryAfter.SendAsync(() => client.PostAsJsonAsync("/api/v1/batches", batch),
                [HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<UploadBatchResponse>())!;
        }));

        var results = answers.SelectMany(a => a.Results).ToList();
        Assert.Equal(2, results.Count(r => r.Outcome == UploadOutcome.Accepted));
        var view = await client.GetFromJsonAsync<BatchView>($"/api/v1/batches/{batch.BatchId}");
        Assert.Equal(results.Count(r => r.Outcome == UploadOutcome.Accepted), view!.AcceptedCount);
        Assert.Equal(results.Count(r => r.Outcome == UploadOutcome.Duplicate), view.DuplicateCount);
        Assert.Equal(senders, view.RejectedCount);
        Assert.Equal(2 * senders - 2, view.DuplicateCount);
    }
}
