using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosCloud.Contracts.Messages;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// Two outbox dispatchers on one PostgreSQL database, as two Api replicas run them: each row is claimed by
/// one of them, so every message is published exactly once between them; dispatched rows are pruned after
/// the retention.
/// </summary>
public class OutboxClaimTests
{
    private const int Rows = 600;

    [SkippableFact]
    public async Task Two_dispatchers_on_one_database_publish_every_row_once()
    {
        var database = await Infrastructure.NewPostgresDatabaseAsync();
        var published = new ConcurrentBag<Guid>();
        await using var first = await Replica.StartAsync(database, published, new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var second = await Replica.StartAsync(database, published, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var ids = await first.WriteRowsAsync(Rows);

        // Both poll as fast as they can until nothing is pending: the most overlap two replicas can have.
        await Task.WhenAll(first.DrainAsync(), second.DrainAsync());

        var twice = published.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
        Assert.Equal(ids.Order(), published.Order());
        Assert.True(first.Published > 0 && second.Published > 0, $"both replicas should have taken rows ({first.Published} / {second.Published})");
        Assert.Equal(0, await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.DispatchedAt == null)));
    }

    [SkippableFact]
    public async Task Dispatched_rows_are_pruned_after_the_retention_and_pending_rows_never()
    {
        var database = await Infrastructure.NewPostgresDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var replica = await Replica.StartAsync(database, [], clock, retention: TimeSpan.FromDays(2));
        await replica.WriteRowsAsync(10);
        await replica.DrainAsync();
        Assert.Equal(10, await replica.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // A day later: kept (inside the retention). New rows are written and stay pending (broker not asked).
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(11));
        var pendingIds = await replica.WriteRowsAsync(3);
        await replica.WithDbAsync(db => db.OutboxMessages.Where(m => pendingIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.MessageType, "Unknown.Type")));
        await replica.Dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(13, await replica.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // Past the retention: the 10 dispatched rows go, the 3 never dispatched stay.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(11));
        await replica.Dispatcher.DispatchPendingAsync(CancellationToken.None);
        var left = await replica.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync());
        Assert.Equal(pendingIds.Order(), left.Order());
    }

    /// <summary>One replica's dispatcher: its own service provider and in-memory bus, the shared database.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private int _published;
        private Replica(ServiceProvider services) => _services = services;

        public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();
        public int Published => _published;

        public static async Task<Replica> StartAsync(string database, ConcurrentBag<Guid> published, TimeProvider clock, TimeSpan? retention = null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:PosCloud"] = database,
            }).Build();
            var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton(clock)
                .AddCloudDatabase(configuration)
                .AddSingleton<OutboxSignal>();
            services.AddOptions<OutboxOptions>().Configure(o =>
            {
                o.BatchSize = 25;
                if (retention is { } r) o.Retention = r;
            });
            services.AddSingleton<OutboxDispatcher>();
            services.AddMassTransit(x => x.UsingInMemory());
            var replica = new Replica(services.BuildServiceProvider());
            await replica.WithDbAsync(async db => { await db.Database.MigrateAsync(); return 0; });
            var bus = replica._services.GetRequiredService<IBusControl>();
            await bus.StartAsync();
            bus.ConnectPublishObserver(new Recorder(id => { published.Add(id); Interlocked.Increment(ref replica._published); }));
            return replica;
        }

        public async Task<List<Guid>> WriteRowsAsync(int count) => await WithDbAsync(async db =>
        {
            var now = _services.GetRequiredService<TimeProvider>().GetUtcNow();
            var rows = Enumerable.Range(0, count)
                .Select(i => db.AddToOutbox(new BatchAccepted(Guid.NewGuid(), "S001", "S001-R1", [Guid.NewGuid()], now), now.AddTicks(i)))
                .ToList();
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

        public async Task DrainAsync()
        {
            while (await Dispatcher.DispatchPendingAsync(CancellationToken.None) > 0) { }
        }

        public async Task<T> WithDbAsync<T>(Func<CloudDbContext, Task<T>> work)
        {
            await using var scope = _services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<CloudDbContext>());
        }

        public async ValueTask DisposeAsync()
        {
            await _services.GetRequiredService<IBusControl>().StopAsync();
            await _services.DisposeAsync();
        }
    }

    private sealed class Recorder(Action<Guid> onPublished) : IPublishObserver
    {
        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            onPublished(context.MessageId!.Value);
            return Task.CompletedTask;
        }
        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
