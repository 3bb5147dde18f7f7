using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Catalog;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>HQ fixes NeedsReview orders through the API: mapping the unknown SKU, or adding it to the catalog, re-runs them.</summary>
public class ReviewApiTests
{
    [Fact]
    public async Task Mapping_the_unknown_sku_reconciles_the_order_and_a_register_key_may_not_map()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-2));
        await Scenario.UploadAsync(register, batch);
        var unknown = batch.Orders[1].OrderId;
        await Scenario.WaitUntilFinalAsync(register, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Forbidden, (await register.PostAsJsonAsync("/api/v1/sku-aliases", new MapSkuRequest(Scenario.UnknownSku, "AC-0400017"))).StatusCode);
        var notFound = await hq.PostAsJsonAsync("/api/v1/sku-aliases", new MapSkuRequest(Scenario.UnknownSku, "NO-SUCH"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

        var mapped = await (await hq.PostAsJsonAsync("/api/v1/sku-aliases", new MapSkuRequest(Scenario.UnknownSku, "AC-0400017"))).Content.ReadFromJsonAsync<MapSkuResponse>();
        Assert.Equal(("Mapped", 1), (mapped!.Outcome, mapped.RerunOrderCount));

        var view = await WaitForStatusAsync(register, unknown, OrderStatus.Reconciled);
        var line = Assert.Single(view.Lines);
        Assert.Equal(("運動襪三入組 卡其", "神秘商品"), (line.CatalogName, line.TypedName));
        // Typed 120 against 619: one override, even after a second re-run.
        Assert.Equal(-499m, Assert.Single(view.Overrides).Difference);
        var rerun = await (await hq.PostAsJsonAsync("/api/v1/orders/reruns", new RerunRequest([unknown]))).Content.ReadFromJsonAsync<RerunResponse>();
        Assert.Equal(0, rerun!.QueuedOrderCount); // Reconciled orders are left alone
        Assert.Equal(2, await api.WithDbAsync(db => db.PriceOverrides.CountAsync()));
    }

    [Fact]
    public async Task Importing_the_missing_product_re_runs_the_orders_that_typed_it()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-2));
        await Scenario.UploadAsync(register, batch);
        await Scenario.WaitUntilFinalAsync(register, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));

        var import = await hq.PostAsJsonAsync("/api/v1/products/import",
            new[] { new ProductUpsert(Scenario.UnknownSku, "神秘新品", 120m, EffectiveFrom: DateTimeOffset.UtcNow.AddDays(-1)) });
        Assert.Equal(1, (await import.Content.ReadFromJsonAsync<ImportResult>())!.Created);

        var view = await WaitForStatusAsync(register, batch.Orders[1].OrderId, OrderStatus.Reconciled);
        Assert.Equal("神秘新品", view.Lines[0].CatalogName);
        Assert.Empty(view.Overrides);
        Assert.Contains(view.History, h => h.Status == OrderStatus.NeedsReview);
    }

    private static async Task<PosCloud.Contracts.Orders.OrderView> WaitForStatusAsync(HttpClient client, Guid orderId, OrderStatus status)
    {
        for (var i = 0; i < 150; i++)
        {
            var view = await Scenario.GetOrderAsync(client, orderId);
            if (view.Status == status) return view;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Order {orderId} never became {status}");
    }
}
