using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Sync;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Sync;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// GET /api/v1/sync-status reads the maintained per-store counts (not a GROUP BY over every order) and the
/// register completeness through indexes. Whatever it reads, its numbers must be those of the order rows:
/// after uploads (with a gap and a broken chain), reconciliation and a duplicate re-upload, every store's
/// counts and every register's completeness are compared with a computation over the orders themselves.
/// </summary>
public class SyncStatusTests(SyncStatusTests.Cloud cloud) : IClassFixture<SyncStatusTests.Cloud>
{
    public sealed class Cloud : ServerCloud;

    [SkippableFact]
    public async Task Sync_status_agrees_with_the_order_rows_on_PostgreSQL_and_RabbitMQ() => await RunStoryAsync(cloud.Require().Api);

    [Fact]
    public async Task Sync_status_agrees_with_the_order_rows_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        await RunStoryAsync(api);
    }

    private static async Task RunStoryAsync(ApiFactory api)
    {
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        var first = Scenario.ThreeOrders(at);
        OfflineOrder Sale(long n, string? prev, string hash) => Scenario.Order(n, at.AddMinutes(n)) with { PreviousHash = prev, Hash = hash };
        // 4 → 5 claims a previous hash that is not 4's; 6 and 7 never arrive; 8.
        var second = Scenario.Batch(Sale(4, null, "h4"), Sale(5, "tampered", "h5"), Sale(8, "h7", "h8"));
        await Scenario.UploadAsync(register, first);
        await Scenario.UploadAsync(register, second);

        var ids = first.Orders.Concat(second.Orders).Select(o => o.OrderId).ToList();
        await Scenario.WaitUntilFinalAsync(register, ids, TimeSpan.FromSeconds(60));
        await Scenario.UploadAsync(register, first with { BatchId = Guid.NewGuid() }); // duplicates change nothing
        var report = await AssertAgreesAsync(api, hq, register);

        var s001 = report.Stores.Single(s => s.StoreId == "S001");
        Assert.Equal((0, 5, 1, 0), (s001.Waiting, s001.Reconciled, s001.NeedsReview, s001.Failed));
        var r1 = s001.Registers.Single(r => r.RegisterId == "S001-R1");
        Assert.Equal((8L, 2), (r1.HighestLocalNumber, r1.MissingCount));
        Assert.Equal([6L, 7L], r1.MissingLocalNumbers);
        Assert.Equal([5L], r1.BrokenChainAt);
        // The report keeps a watermark: 1–5 all arrived, 6 did not, so later reports count only above 5.
        Task<long> Watermark() => api.WithDbAsync(db => db.Registers.Where(r => r.Id == "S001-R1").Select(r => r.CompleteThrough).SingleAsync());
        Assert.Equal(5L, await Watermark());

        // The late sales arrive (and a 9): the gap closes, the report still agrees with the rows, the watermark passes it.
        var late = Scenario.Batch(Sale(6, "h5", "h6"), Sale(7, "h6", "h7"), Sale(9, "h8", "h9"), Sale(11, "h10", "h11"));
        await Scenario.UploadAsync(register, late);
        await Scenario.WaitUntilFinalAsync(register, late.Orders.Select(o => o.OrderId).ToList(), TimeSpan.FromSeconds(60));
        report = await AssertAgreesAsync(api, hq, register);
        r1 = report.Stores.Single(s => s.StoreId == "S001").Registers.Single(r => r.RegisterId == "S001-R1");
        Assert.Equal((11L, 1), (r1.HighestLocalNumber, r1.MissingCount));
        Assert.Equal([10L], r1.MissingLocalNumbers);
        Assert.Equal(9L, await Watermark());
    }

    /// <summary>
    /// sync-status (HQ and the register's own view) equals the same figures computed from the order rows.
    /// Called once every order is final: while workers still run, the rows and the report could be read on
    /// either side of a status change.
    /// </summary>
    private static async Task<SyncStatusReport> AssertAgreesAsync(ApiFactory api, HttpClient hq, HttpClient register)
    {
        var orders = await api.WithDbAsync(db => db.Orders.AsNoTracking()
            .Select(o => new { o.StoreId, o.RegisterId, o.LocalNumber, o.Status, o.ChainBroken }).ToListAsync());
        var registers = await api.WithDbAsync(db => db.Registers.AsNoTracking().Select(r => new { r.Id, r.StoreId }).ToListAsync());
        var report = (await hq.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status"))!;
        var stores = await api.WithDbAsync(db => db.Stores.CountAsync());
        Assert.Equal(stores, report.Stores.Count);
        foreach (var store in report.Stores)
        {
            var mine = orders.Where(o => o.StoreId == store.StoreId).ToList();
            int Count(params OrderStatus[] statuses) => mine.Count(o => statuses.Contains(o.Status));
            Assert.Equal(
                (store.StoreId, Count(OrderStatus.Received, OrderStatus.Reconciling), Count(OrderStatus.Reconciled), Count(OrderStatus.NeedsReview), Count(OrderStatus.Failed)),
                (store.StoreId, store.Waiting, store.Reconciled, store.NeedsReview, store.Failed));
            Assert.Equal(registers.Where(r => r.StoreId == store.StoreId).Select(r => r.Id).Order(StringComparer.Ordinal), store.Registers.Select(r => r.RegisterId));
            foreach (var r in store.Registers)
            {
                var numbers = mine.Where(o => o.RegisterId == r.RegisterId).Select(o => o.LocalNumber).ToList();
                var highest = numbers.Count == 0 ? 0 : numbers.Max();
                Assert.Equal(highest, r.HighestLocalNumber);
                Assert.Equal((int)(highest - numbers.Distinct().Count()), r.MissingCount);
                Assert.Equal(RegisterChain.MissingNumbers(numbers, SyncStatusQuery.MissingListLimit), r.MissingLocalNumbers);
                Assert.Equal(mine.Where(o => o.RegisterId == r.RegisterId && o.ChainBroken).Select(o => o.LocalNumber).Order(), r.BrokenChainAt);
            }
        }
        var own = (await register.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status"))!;
        // Last contact is flushed every 5 s in the background (RegisterContact): it may move between the two reads.
        static StoreSyncStatus Timeless(StoreSyncStatus s) => s with
        {
            OldestWaitingSeconds = null, LastContactAt = null, Registers = s.Registers.Select(r => r with { LastContactAt = null }).ToList(),
        };
        Assert.Equal(Timeless(report.Stores.Single(s => s.StoreId == "S001")), Timeless(Assert.Single(own.Stores)), new StoreComparer());
        return report;
    }

    /// <summary>Records holding lists compare by reference; compare their JSON instead.</summary>
    private sealed class StoreComparer : IEqualityComparer<StoreSyncStatus>
    {
        public bool Equals(StoreSyncStatus? x, StoreSyncStatus? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);
        public int GetHashCode(StoreSyncStatus obj) => 0;
    }
}
