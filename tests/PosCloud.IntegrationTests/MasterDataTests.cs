using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Catalog;
using PosCloud.Contracts.Stores;
using PosCloud.Contracts.Sync;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>Catalog import with price history, the agent's snapshot with ETag, and sync-status completeness, on PostgreSQL + RabbitMQ.</summary>
public class MasterDataTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    [SkippableFact]
    public async Task Csv_import_applies_good_rows_reports_bad_ones_and_keeps_price_history_for_earlier_sales()
    {
        using var hq = cloud.Require().Api.CreateRegisterClient(ApiFactory.HqKey);
        var changeAt = DateTimeOffset.UtcNow.AddHours(-1);
        var csv = $"""
            sku,barcode,name,category,list_price,add_on_price,gift_eligible,active,effective_from
            TS-0400001,4718996504049,職人 輕量防潑水外套 酒紅 M,服飾,649,,false,true,{changeAt:O}
            NEW-0001,,"新品, 限定",生活,99.5,,true,true,
            BAD-1,,壞價格,生活,abc,,false,true,
            BAD-2,123,壞條碼,生活,10,,false,true,
            ,,沒有SKU,生活,10,,false,true,
            """;
        var response = await hq.PostAsync("/api/v1/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal((1, 1), (result.Created, result.PriceChanges));
        Assert.Equal([3, 4, 5], result.Errors.Select(e => e.Row));
        Assert.Contains("not a number", result.Errors[0].Messages[0]);
        Assert.Contains("EAN-13", result.Errors[1].Messages[0]);

        var product = await hq.GetFromJsonAsync<ProductView>("/api/v1/products/ts-0400001");
        Assert.Equal([589m, 649m], product!.PriceHistory.Select(p => p.ListPrice));
        Assert.Equal("新品, 限定", (await hq.GetFromJsonAsync<ProductView>("/api/v1/products/NEW-0001"))!.Name);

        // A sale made offline before the change is judged by the old price; one after, by the new.
        using var register = cloud.Api.CreateRegisterClient();
        var before = Scenario.Order(7001, changeAt.AddMinutes(-5), new OfflineOrderLine("TS-0400001", null, LineType.Regular, 1, 589m));
        var after = Scenario.Order(7002, changeAt.AddMinutes(5), new OfflineOrderLine("TS-0400001", null, LineType.Regular, 1, 589m));
        await Scenario.UploadAsync(register, Scenario.Batch(before, after));
        var views = await Scenario.WaitUntilFinalAsync(register, [before.OrderId, after.OrderId], TimeSpan.FromSeconds(60));
        Assert.Empty(views[0].Overrides);
        Assert.Equal(-60m, Assert.Single(views[1].Overrides).Difference);
    }

    [SkippableFact]
    public async Task Import_needs_an_hq_or_integrator_key()
    {
        using var register = cloud.Require().Api.CreateRegisterClient();
        var response = await register.PostAsJsonAsync("/api/v1/products/import", new[] { new ProductUpsert("X-1", "x", 1m) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        using var hq = cloud.Api.CreateRegisterClient(ApiFactory.HqKey);
        var integrator = await (await hq.PostAsJsonAsync("/api/v1/api-clients", new CreateApiClientRequest("ERP sync", "integrator"))).Content.ReadFromJsonAsync<IssuedKey>();
        using var erp = cloud.Api.CreateRegisterClient(integrator!.ApiKey);
        var ok = await erp.PostAsJsonAsync("/api/v1/products/import", new ProductUpsert?[] { new("X-1", "x", 1m), null, new("X-2", "", -1m) });
        var result = (await ok.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(1, result.Created);
        Assert.Equal([2, 3], result.Errors.Select(e => e.Row));
        Assert.Equal(2, result.Errors[1].Messages.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S001"))).StatusCode);
    }

    [SkippableFact]
    public async Task Snapshot_answers_304_while_unchanged_and_a_new_etag_after_a_change()
    {
        using var register = cloud.Require().Api.CreateRegisterClient();
        var first = await register.GetAsync("/api/v1/stores/S001/snapshot");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var snapshot = (await first.Content.ReadFromJsonAsync<StoreSnapshot>())!;
        Assert.Contains(snapshot.Staff, s => s.StaffId == "S001-E01" && s.Role == "manager");
        Assert.True(snapshot.Catalog.Count >= 2000);
        Assert.Contains(snapshot.Customers, c => c.Phone == "0909847665");
        var etag = first.Headers.ETag!;
        Assert.Equal($"\"{snapshot.Version}\"", etag.Tag);

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stores/S001/snapshot");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await register.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var hq = cloud.Api.CreateRegisterClient(ApiFactory.HqKey);
        Assert.Equal(HttpStatusCode.NoContent, (await hq.PutAsJsonAsync("/api/v1/stores/S001/staff/S001-E99", new StaffUpsert("新同事", "clerk"))).StatusCode);
        var changed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stores/S001/snapshot");
        changed.Headers.IfNoneMatch.Add(etag);
        var fresh = await register.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag.Tag, fresh.Headers.ETag!.Tag);
    }

    [SkippableFact]
    public async Task Sync_status_flags_a_missing_sale_and_a_broken_chain_but_accepts_every_sale()
    {
        var api = cloud.Require().Api;
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var created = await (await hq.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S003"))).Content.ReadFromJsonAsync<IssuedKey>();
        using var register = api.CreateRegisterClient(created!.ApiKey);
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        OfflineOrder Sale(long n, string? prev, string hash) => Scenario.Order(n, at.AddMinutes(n)) with { StaffId = "S003-E02", PreviousHash = prev, Hash = hash };
        // 1 → 2 → (3 never arrives) → 4 → 5, and 5 claims a previous hash that is not 4's.
        var batch = new UploadBatchRequest(Guid.NewGuid(), "S003", created.Id,
            [Sale(1, null, "h1"), Sale(2, "h1", "h2"), Sale(4, "h3", "h4"), Sale(5, "tampered", "h5")]);
        var response = await Scenario.UploadAsync(register, batch);
        Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        // The late sale 6 arrives in another batch and links correctly to 5.
        await Scenario.UploadAsync(register, batch with { BatchId = Guid.NewGuid(), Orders = [Sale(6, "h5", "h6")] });

        var report = await hq.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status");
        var store = report!.Stores.Single(s => s.StoreId == "S003");
        var completeness = store.Registers.Single(r => r.RegisterId == created.Id);
        Assert.Equal(6, completeness.HighestLocalNumber);
        Assert.Equal(1, completeness.MissingCount);
        Assert.Equal([3L], completeness.MissingLocalNumbers);
        Assert.Equal([5L], completeness.BrokenChainAt);
        Assert.True(store.Waiting + store.Reconciled + store.NeedsReview + store.Failed == 5);

        // A register key sees only its own store.
        var own = await register.GetFromJsonAsync<SyncStatusReport>("/api/v1/sync-status");
        Assert.Equal(["S003"], own!.Stores.Select(s => s.StoreId));
    }
}
