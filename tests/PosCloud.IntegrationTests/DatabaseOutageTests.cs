using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// PostgreSQL goes away (a proxy between it and one host is cut) and comes back. The Api answers uploads
/// 503 with Retry-After and saves nothing, so the agent's resend is stored once; the workers wait for the
/// database instead of failing the batches they hold, and reconcile each order once when it is back.
/// </summary>
public class DatabaseOutageTests
{
    [SkippableFact]
    public async Task An_upload_while_PostgreSQL_is_down_is_503_saves_nothing_and_its_resend_is_stored_once()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var proxy = ProxyTo(settings);
        await using var api = new ApiFactory(ThroughProxy(settings, proxy));
        await using var workers = new WorkersFactory(settings).Start();
        using var client = api.CreateRegisterClient();
        var warm = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-4), firstLocalNumber: 1);
        await Scenario.UploadAsync(client, warm);

        proxy.Cut();
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3), firstLocalNumber: 4);
        using var refused = await client.PostAsJsonAsync("/api/v1/batches", batch);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("Temporarily unavailable", problem.Title);
        Assert.Contains("same batchId", problem.Detail);
        Assert.DoesNotContain(" at PosCloud", body);
        Assert.DoesNotContain("Npgsql", body);
        using (var ready = await client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        proxy.Restore();
        Assert.Equal(0, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.BatchId == batch.BatchId)));
        var resent = await Scenario.UploadAsync(client, batch);
        Assert.All(resent.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        var views = await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));
        Scenario.AssertReconciled(batch, views);
        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, batch.Orders.Select(o => o.OrderId).ToList()); return 0; });
    }

    [SkippableFact]
    public async Task Workers_that_lose_PostgreSQL_wait_for_it_and_reconcile_each_order_once_instead_of_failing_the_batch()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var proxy = ProxyTo(settings);
        await using var api = new ApiFactory(settings);
        // One retry for real errors (≈ 0.2 s): with no separate patience for an absent database, the batch
        // would be Failed long before the database is back.
        var workerSettings = ThroughProxy(settings, proxy);
        workerSettings["Bus:RetryLimit"] = "1";
        workerSettings["Bus:OutageRetryMaxInterval"] = "00:00:02";
        await using var workers = new WorkersFactory(workerSettings).Start();
        using var client = api.CreateRegisterClient();
        await Broker.WaitForConsumersAsync(rabbit, prefix + "batch-accepted", 1, TimeSpan.FromSeconds(30));

        proxy.Cut();
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3), firstLocalNumber: 1);
        await Scenario.UploadAsync(client, batch);
        var ids = batch.Orders.Select(o => o.OrderId).ToList();
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.Equal(3, await api.WithDbAsync(db => db.ReceivedOrders.CountAsync(o => ids.Contains(o.Id)))); // still waiting
        Assert.Equal(0u, (await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error"))?.Messages ?? 0);

        proxy.Restore();
        var views = await Scenario.WaitUntilFinalAsync(client, ids, TimeSpan.FromSeconds(90));
        Scenario.AssertReconciled(batch, views);
        await api.WithDbAsync(async db => { await Outcomes.AssertReconciledExactlyOnceAsync(db, ids); return 0; });
        Assert.Equal(0u, (await Broker.QueueAsync(rabbit, prefix + "batch-accepted_error"))?.Messages ?? 0);
    }

    private static TcpProxy ProxyTo(Dictionary<string, string?> settings)
    {
        var database = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings:PosCloud"]);
        return new TcpProxy(database.Host!, database.Port);
    }

    /// <summary>The same settings with PostgreSQL reached through the proxy (and its pool not outliving a cut by long).</summary>
    private static Dictionary<string, string?> ThroughProxy(Dictionary<string, string?> settings, TcpProxy proxy) =>
        new(settings)
        {
            ["ConnectionStrings:PosCloud"] = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings:PosCloud"])
            {
                Host = "127.0.0.1", Port = proxy.Port, Timeout = 5,
            }.ConnectionString,
        };
}
