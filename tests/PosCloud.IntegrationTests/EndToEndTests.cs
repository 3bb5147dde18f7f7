using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>One offline batch from upload to reconciled orders, on the embedded default and on PostgreSQL + RabbitMQ.</summary>
public class EndToEndTests
{
    [Fact]
    public async Task Embedded_default_reconciles_names_overrides_and_unknown_skus()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateRegisterClient();
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3));

        var response = await Scenario.UploadAsync(client, batch);

        Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        var views = await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));
        Scenario.AssertReconciled(batch, views);
    }

    [Fact]
    public async Task Embedded_default_answers_duplicate_for_a_retried_batch_and_changes_nothing()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateRegisterClient();
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3));
        await Scenario.UploadAsync(client, batch);
        await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));
        var before = await api.WithDbAsync(async db => (await db.Orders.CountAsync(), await db.PriceOverrides.CountAsync(), await db.OrderLines.CountAsync(), await db.OutboxMessages.CountAsync()));

        var again = await Scenario.UploadAsync(client, batch);
        var sameOrdersNewBatch = await Scenario.UploadAsync(client, batch with { BatchId = Guid.NewGuid() });

        foreach (var answer in new[] { again, sameOrdersNewBatch })
        {
            Assert.All(answer.Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));
            Assert.Equal([OrderStatus.Reconciled, OrderStatus.NeedsReview, OrderStatus.Reconciled], answer.Results.Select(r => r.Status));
        }
        var after = await api.WithDbAsync(async db => (await db.Orders.CountAsync(), await db.PriceOverrides.CountAsync(), await db.OrderLines.CountAsync(), await db.OutboxMessages.CountAsync()));
        Assert.Equal(before, after);
        Assert.Equal((3, 1, 4, 1), after);
    }

    [SkippableFact]
    public async Task PostgreSql_and_RabbitMq_with_Api_and_Workers_as_separate_hosts()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient(); // starts the Api: migrates and seeds PostgreSQL
        await using var workers = new WorkersFactory(settings).Start();

        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-3));
        var response = await Scenario.UploadAsync(client, batch);
        Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));

        var views = await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));
        Scenario.AssertReconciled(batch, views);

        var again = await Scenario.UploadAsync(client, batch);
        Assert.All(again.Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));
        var counts = await api.WithDbAsync(async db => (await db.Orders.CountAsync(), await db.PriceOverrides.CountAsync(), await db.OutboxMessages.CountAsync(m => m.DispatchedAt != null)));
        Assert.Equal((3, 1, 1), counts);
    }
}
