using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Catalog;
using PosCloud.IntegrationTests.Support;
using PosCloud.Reconciliation.Hq;

namespace PosCloud.IntegrationTests;

/// <summary>A poison order ends Failed with its reason (alone when the database refused its data; with its batch when the bus gave up); HQ fixes the cause and re-runs it.</summary>
public class FailureAndRerunTests
{
    private static OfflineOrder Order(long n, DateTimeOffset soldAt, params OfflineOrderLine[] lines)
    {
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        return new OfflineOrder(Guid.NewGuid(), n, soldAt, "S001-E02", null, lines, [new OfflinePayment("cash", total)], total);
    }

    private static async Task<OrderView> WaitForStatusAsync(HttpClient client, Guid id, OrderStatus status, int historyLength)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await Scenario.GetOrderAsync(client, id);
            if (view.Status == status && view.History.Count >= historyLength) return view;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} is {view.Status} ({view.StatusReason}), history {string.Join(" → ", view.History.Select(h => h.Status))}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A realistic poison: a catalog price stored before prices were bounded (99,999,999,999,999; the catalog
    /// API now refuses it), and a store sold 1,000 of the item at 1. The override's difference does not fit
    /// numeric(18,2): PostgreSQL refuses the save. The worker isolates that order: it alone ends Failed with
    /// PostgreSQL's reason, its batch mate reconciles, nothing goes to the _error queue; HQ corrects the
    /// price and re-runs it.
    /// </summary>
    [SkippableFact]
    public async Task PostgreSql_poison_order_alone_ends_Failed_its_batch_mate_reconciles_then_HQ_reruns_it()
    {
        var (settings, rabbit, prefix) = await ApiFactory.NewServerAsync();
        settings["Bus:RetryLimit"] = "2";
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();
        await using var workers = new WorkersFactory(settings).Start();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        await AddTypoPriceAsync(api, soldAt);

        var batch = new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1",
        [
            Order(1, soldAt, new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m)),
            Order(2, soldAt, new OfflineOrderLine("TYPO-1", "商品", LineType.Regular, 1000, 1m)),
        ]);
        await Scenario.UploadAsync(client, batch);

        var failed = await WaitForStatusAsync(client, batch.Orders[1].OrderId, OrderStatus.Failed, 2);
        Assert.Contains("Reconciliation failed", failed.StatusReason);
        Assert.Contains("numeric field overflow", failed.StatusReason);
        Assert.Equal([OrderStatus.Received, OrderStatus.Failed], failed.History.Select(h => h.Status));
        Assert.NotNull(failed.FinishedAt);
        var fine = await WaitForStatusAsync(client, batch.Orders[0].OrderId, OrderStatus.Reconciled, 3);
        Assert.Equal([OrderStatus.Received, OrderStatus.Reconciling, OrderStatus.Reconciled], fine.History.Select(h => h.Status));
        Assert.Equal(0u, await Broker.WaitForMessagesAsync(rabbit, prefix + "batch-accepted_error", 1, TimeSpan.FromSeconds(3)));

        // HQ corrects the price and re-runs the Failed order (the Reconciled one is not re-run).
        // A writer that bypasses SaveChanges raises the catalog version itself, or the workers' in-memory catalog keeps the old price.
        await api.WithDbAsync(async db => await db.ProductPrices.Where(p => p.Sku == "TYPO-1").ExecuteUpdateAsync(s => s.SetProperty(p => p.ListPrice, 99m)) + await CatalogVersion.BumpAsync(db, default));
        await using (var scope = api.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReconciliationRerun>().ForStoreAsync("S001", "hq-test", default));

        var fixedTypo = await WaitForStatusAsync(client, batch.Orders[1].OrderId, OrderStatus.Reconciled, 4);
        Assert.Equal([OrderStatus.Received, OrderStatus.Failed, OrderStatus.Reconciling, OrderStatus.Reconciled], fixedTypo.History.Select(h => h.Status));
        Assert.Equal(-98_000m, Assert.Single(fixedTypo.Overrides).Difference);
        Assert.Empty((await Scenario.GetOrderAsync(client, batch.Orders[0].OrderId)).Overrides);
    }

    /// <summary>
    /// Issue 18: a store re-run containing one overflow order turned 10 NeedsReview orders Failed and erased
    /// their "Unknown SKU" reason. Now the poison is isolated again and the ten keep NeedsReview and their reason.
    /// </summary>
    [SkippableFact]
    public async Task PostgreSql_store_rerun_with_a_poison_order_keeps_the_other_orders_reasons()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var client = api.CreateRegisterClient();
        await using var workers = new WorkersFactory(settings).Start();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        await AddTypoPriceAsync(api, soldAt);

        var unknown = Enumerable.Range(1, 10).Select(n => Order(n, soldAt, new OfflineOrderLine($"NOPE-{n}", "不明", LineType.Regular, 1, 10m))).ToList();
        var poison = Order(11, soldAt, new OfflineOrderLine("TYPO-1", "商品", LineType.Regular, 1000, 1m));
        var batch = new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", [.. unknown, poison]);
        await Scenario.UploadAsync(client, batch);
        await WaitForStatusAsync(client, poison.OrderId, OrderStatus.Failed, 2);
        foreach (var o in unknown)
            Assert.Contains("Unknown SKU", (await WaitForStatusAsync(client, o.OrderId, OrderStatus.NeedsReview, 3)).StatusReason);

        await using (var scope = api.Services.CreateAsyncScope())
            Assert.Equal(11, await scope.ServiceProvider.GetRequiredService<ReconciliationRerun>().ForStoreAsync("S001", "hq-test", default));

        var again = await WaitForStatusAsync(client, poison.OrderId, OrderStatus.Failed, 3);
        Assert.Contains("numeric field overflow", again.StatusReason);
        foreach (var o in unknown)
        {
            var view = await WaitForStatusAsync(client, o.OrderId, OrderStatus.NeedsReview, 5);
            Assert.Equal([OrderStatus.Received, OrderStatus.Reconciling, OrderStatus.NeedsReview, OrderStatus.Reconciling, OrderStatus.NeedsReview],
                view.History.Select(h => h.Status));
            Assert.Equal($"Unknown SKU: NOPE-{o.LocalNumber}", view.StatusReason);
        }
    }

    private static Task<int> AddTypoPriceAsync(ApiFactory api, DateTimeOffset soldAt) => api.WithDbAsync(async db =>
    {
        // Straight into the database: the catalog API refuses a price above ContractLimits.MaxUnitPrice.
        db.Products.Add(new Product { Sku = "TYPO-1", SkuKey = "TYPO-1", Name = "手誤價格商品", Prices = { new ProductPrice { Sku = "TYPO-1", EffectiveFrom = soldAt.AddDays(-1), ListPrice = 99_999_999_999_999m } } });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Embedded_poison_batch_ends_Failed_with_the_reason_on_the_in_memory_transport()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Bus:RetryLimit"] = "1",
            ["Workers:TestFailSku"] = "POISON-1", // test-only fault injection
        });
        using var client = api.CreateRegisterClient();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        var batch = new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1",
        [
            Order(1, soldAt, new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m)),
            Order(2, soldAt, new OfflineOrderLine("poison-1", "毒", LineType.Regular, 1, 1m)),
        ]);
        await Scenario.UploadAsync(client, batch);
        foreach (var o in batch.Orders)
        {
            var failed = await WaitForStatusAsync(client, o.OrderId, OrderStatus.Failed, 2);
            Assert.Contains("Injected fault (Workers:TestFailSku)", failed.StatusReason);
        }
    }

    /// <summary>HQ maps an unknown SKU and adds a missing product: the NeedsReview orders re-run by themselves, overrides stay single.</summary>
    [Fact]
    public async Task Mapping_a_sku_and_adding_a_product_rerun_the_needs_review_orders()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateRegisterClient();
        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        var batch = new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1",
        [
            Order(1, soldAt,
                new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 2, 500m),   // override −178 already on the first run
                new OfflineOrderLine(" old-mango ", "芒果", LineType.Regular, 1, 100m)), // unknown until mapped
            Order(2, soldAt, new OfflineOrderLine("NEW-PROD-1", "新品", LineType.Regular, 3, 10m)),
        ]);
        await Scenario.UploadAsync(client, batch);
        var first = await WaitForStatusAsync(client, batch.Orders[0].OrderId, OrderStatus.NeedsReview, 3);
        Assert.Contains("old-mango", first.StatusReason);
        Assert.Single(first.Overrides);
        await WaitForStatusAsync(client, batch.Orders[1].OrderId, OrderStatus.NeedsReview, 3);

        await using var scope = api.Services.CreateAsyncScope();
        var mapping = scope.ServiceProvider.GetRequiredService<SkuMapping>();
        var mapped = await mapping.MapAsync("OLD-MANGO", "fd-0500049", "hq-test", default);
        Assert.Equal(new SkuMappingResult(SkuMappingOutcome.Mapped, "OLD-MANGO", "FD-0500049", 1), mapped);

        var rerun = await WaitForStatusAsync(client, batch.Orders[0].OrderId, OrderStatus.Reconciled, 5);
        Assert.Equal([OrderStatus.Received, OrderStatus.Reconciling, OrderStatus.NeedsReview, OrderStatus.Reconciling, OrderStatus.Reconciled],
            rerun.History.Select(h => h.Status));
        Assert.Equal([1, 2], rerun.Overrides.Select(o => o.LineNumber)); // the first override kept, not doubled
        Assert.Equal(-178m, rerun.Overrides[0].Difference);
        Assert.Equal("FD-0500049", rerun.Lines[1].MatchedSku);
        Assert.Contains("matchedByAlias", rerun.Lines[1].Flags);

        Assert.Equal(SkuMappingOutcome.AlreadyMapped, (await mapping.MapAsync(" old-mango", "FD-0500049", "hq-test", default)).Outcome);
        Assert.Equal(SkuMappingOutcome.Conflict, (await mapping.MapAsync("old-mango", "TS-0400001", "hq-test", default)).Outcome);
        Assert.Equal(SkuMappingOutcome.AliasIsACatalogSku, (await mapping.MapAsync("ts-0400001", "FD-0500049", "hq-test", default)).Outcome);
        Assert.Equal(SkuMappingOutcome.UnknownProduct, (await mapping.MapAsync("X-1", "NOPE", "hq-test", default)).Outcome);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReconciliationRerun>().ForOrdersAsync([batch.Orders[0].OrderId], "hq-test", default));

        var added = await scope.ServiceProvider.GetRequiredService<CatalogProducts>().AddAsync(
            new NewProduct("new-prod-1", null, "新上架商品", null, false, true, [new Reconciliation.Rules.PricePoint(soldAt.AddDays(-7), 12m, null)]),
            "hq-test", default);
        Assert.Equal(new AddProductResult(AddProductOutcome.Added, "new-prod-1", 1), added);
        var second = await WaitForStatusAsync(client, batch.Orders[1].OrderId, OrderStatus.Reconciled, 5);
        Assert.Equal("新上架商品", second.Lines[0].CatalogName);
        Assert.Equal(-6m, Assert.Single(second.Overrides).Difference);
        Assert.Equal(AddProductOutcome.AlreadyExists, (await scope.ServiceProvider.GetRequiredService<CatalogProducts>().AddAsync(
            new NewProduct("NEW-PROD-1", null, "dup", null, false, true, []), "hq-test", default)).Outcome);
    }
}
