using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The dashboard reads per-store status counts that are maintained on every write instead of
/// grouping all orders. These tests follow real uploads, reconciliations (PostgreSQL's set-based
/// path in a separate Workers host, and EF's path) and a SKU-mapping re-run, and compare the
/// maintained counts with a GROUP BY over the orders after each step.
/// </summary>
public class DashboardCountsTests(DashboardCountsTests.Cloud cloud) : IClassFixture<DashboardCountsTests.Cloud>
{
    public sealed class Cloud : ServerCloud;

    [SkippableFact]
    public async Task Counts_follow_uploads_reconciliation_and_rerun_on_PostgreSQL_and_RabbitMQ()
    {
        var api = cloud.Require().Api;
        await RunStoryAsync(api);
    }

    [Fact]
    public async Task Counts_follow_uploads_reconciliation_and_rerun_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        await RunStoryAsync(api);
    }

    [Fact]
    public async Task The_synchronous_SaveChanges_keeps_the_counts_too()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateRegisterClient();
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-2));
        await Scenario.UploadAsync(client, batch);
        await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));
        await api.WithDbAsync(db =>
        {
            var order = db.Orders.First(o => o.Status == OrderStatus.Reconciled);
            order.Status = OrderStatus.Failed;
            return Task.FromResult(db.SaveChanges());
        });
        var counts = await AssertCountsMatchOrdersAsync(api);
        Assert.Equal((1L, 1L), (counts.GetValueOrDefault(OrderStatus.Reconciled), counts.GetValueOrDefault(OrderStatus.Failed)));
    }

    private static async Task RunStoryAsync(ApiFactory api)
    {
        using var client = api.CreateRegisterClient();
        var first = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-2));
        var second = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-1), firstLocalNumber: 4);
        await Scenario.UploadAsync(client, first);
        await Scenario.UploadAsync(client, second);
        var ids = first.Orders.Concat(second.Orders).Select(o => o.OrderId).ToList();
        await Scenario.WaitUntilFinalAsync(client, ids, TimeSpan.FromSeconds(60));
        var counts = await AssertCountsMatchOrdersAsync(api);
        Assert.Equal((4L, 2L), (counts.GetValueOrDefault(OrderStatus.Reconciled), counts.GetValueOrDefault(OrderStatus.NeedsReview)));

        // A re-upload changes nothing; a mapping re-runs the two unknown-SKU orders through EF's path.
        await Scenario.UploadAsync(client, first with { BatchId = Guid.NewGuid() });
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<SkuMapping>().MapAsync(Scenario.UnknownSku, "TS-0400001", "test", CancellationToken.None);
            Assert.Equal(SkuMappingOutcome.Mapped, result.Outcome);
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await Scenario.GetOrderAsync(client, first.Orders[1].OrderId)).Status != OrderStatus.Reconciled
            || (await Scenario.GetOrderAsync(client, second.Orders[1].OrderId)).Status != OrderStatus.Reconciled)
        {
            Assert.True(DateTime.UtcNow < deadline, "the mapped orders were not re-run in time");
            await Task.Delay(200);
        }
        counts = await AssertCountsMatchOrdersAsync(api);
        Assert.Equal(6L, counts.GetValueOrDefault(OrderStatus.Reconciled));
        Assert.Equal(0L, counts.GetValueOrDefault(OrderStatus.NeedsReview));
    }

    private static Task<Dictionary<OrderStatus, long>> AssertCountsMatchOrdersAsync(ApiFactory api) => api.WithDbAsync(async db =>
    {
        var final = await db.Orders.GroupBy(o => new { o.StoreId, o.Status }).Select(g => new { g.Key.StoreId, g.Key.Status, Count = g.LongCount() }).ToListAsync();
        var waiting = await db.ReceivedOrders.GroupBy(o => o.StoreId).Select(g => new { StoreId = g.Key, Status = OrderStatus.Received, Count = g.LongCount() }).ToListAsync();
        var truth = final.Concat(waiting).GroupBy(x => (x.StoreId, x.Status)).Select(g => new { g.Key.StoreId, g.Key.Status, Count = g.Sum(x => x.Count) })
            .Where(x => x.Count != 0).Select(x => $"{x.StoreId}/{x.Status}={x.Count}").Order().ToList();
        var maintained = (await db.StoreStatusCounts.ToListAsync())
            .Where(x => x.Count != 0).Select(x => $"{x.StoreId}/{x.Status}={x.Count}").Order().ToList();
        Assert.Equal(truth, maintained);
        return (await db.StoreStatusCounts.Where(c => c.StoreId == "S001").ToListAsync()).ToDictionary(c => c.Status, c => c.Count);
    });
}
