using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The run's own housekeeping: stale test databases are recognised, and a prefix's broker entities are all named.</summary>
public class TestRunCleanupTests
{
    [Fact]
    public void A_database_name_carries_its_time_and_is_stale_only_once_old()
    {
        var made = new DateTime(2026, 11, 27, 8, 45, 0, DateTimeKind.Utc);
        var name = TestRunCleanup.NewDatabaseName(made);

        Assert.Matches("^poscloud_test_2611270845_[0-9a-f]{12}$", name);
        Assert.False(TestRunCleanup.IsStale(name, made - TimeSpan.FromMinutes(1)));
        Assert.True(TestRunCleanup.IsStale(name, made + TimeSpan.FromMinutes(1)));
        Assert.True(TestRunCleanup.IsStale("poscloud_test_1a2b3c4d5e6f", made), "a name from before names had a time");
        Assert.False(TestRunCleanup.IsStale("poscloud_bench_storm_1127084500", made), "not a test database");
        Assert.False(TestRunCleanup.IsStale("postgres", made));
    }

    [SkippableFact]
    public async Task Stale_test_databases_are_dropped_and_recent_ones_kept()
    {
        var server = new NpgsqlConnectionStringBuilder(await Infrastructure.NewPostgresDatabaseAsync()) { Database = "postgres" }.ConnectionString;
        var stale = "poscloud_test_1a2b3c4d5e6f";
        var recent = TestRunCleanup.NewDatabaseName(DateTime.UtcNow);
        foreach (var name in new[] { stale, recent }) await ExecAsync(server, $"CREATE DATABASE {name}");
        try
        {
            await TestRunCleanup.DropStaleDatabasesAsync(server);

            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            var left = await TestRunCleanup.TestDatabasesAsync(admin);
            Assert.DoesNotContain(stale, left);
            Assert.Contains(recent, left);
        }
        finally
        {
            foreach (var name in new[] { stale, recent }) await ExecAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [SkippableFact]
    public async Task Every_queue_a_prefixed_worker_declares_is_among_the_names_cleaned_up()
    {
        var setup = await ApiFactory.NewServerAsync();
        List<string> queues, exchanges;
        await using (var workers = new WorkersFactory(setup.Settings).Start())
        {
            // What the workers' bus really declared, as MassTransit's probe reports its receive endpoints' topology.
            var bus = workers.Services.GetRequiredService<IBusControl>();
            var probe = JsonNode.Parse(JsonSerializer.Serialize(bus.GetProbeResult()))!;
            var named = Names(probe, parentKey: "").Where(n => n.Value.StartsWith(setup.Prefix, StringComparison.Ordinal)).ToList();
            queues = named.Where(n => n.Key is "queueName" || n.Key is "name" && n.Parent is "queue").Select(n => n.Value).Distinct().ToList();
            exchanges = named.Where(n => n.Key is "exchangeName" || n.Key is "name" && n.Parent is "exchange").Select(n => n.Value).Distinct().ToList();
            foreach (var queue in queues)
                await Broker.WaitForConsumersAsync(setup.RabbitMq, queue, 1, TimeSpan.FromSeconds(30));
        }
        Assert.NotEmpty(queues);
        Assert.NotEmpty(exchanges);
        Assert.Empty(queues.Except(TestRunCleanup.QueueNames(setup.Prefix)));
        Assert.Empty(exchanges.Except(TestRunCleanup.ExchangeNames(setup.Prefix)));

        // The workers' endpoints are gone; their durable queues stay until the cleanup deletes them by name.
        await TestRunCleanup.DeletePrefixAsync(setup.RabbitMq, setup.Prefix);
        foreach (var queue in TestRunCleanup.QueueNames(setup.Prefix))
            Assert.Null(await Broker.QueueAsync(setup.RabbitMq, queue));
        foreach (var exchange in TestRunCleanup.ExchangeNames(setup.Prefix))
            Assert.False(await Broker.ExchangeExistsAsync(setup.RabbitMq, exchange), exchange);
    }

    /// <summary>Every string property in the probe, with its key and the key of the object or array holding it.</summary>
    private static IEnumerable<(string Parent, string Key, string Value)> Names(JsonNode node, string parentKey) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => [(parentKey, p.Key, text)],
            null => [],
            var child => Names(child, p.Key),
        }),
        JsonArray a => a.Where(item => item is not null).SelectMany(item => Names(item!, parentKey)),
        _ => [],
    };

    private static async Task ExecAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
