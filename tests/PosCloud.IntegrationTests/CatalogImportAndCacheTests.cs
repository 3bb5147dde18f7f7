using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Catalog;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Catalog;
using PosCloud.Core.Catalog;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The set-based catalog import (unnest upserts on PostgreSQL, prepared statements on SQLite) writes exactly
/// what the rules decided, and raises the catalog version; the workers' in-memory catalog follows that version,
/// so the first order after a change is judged by the changed catalog. Each story runs on PostgreSQL + RabbitMQ
/// and on the embedded default.
/// </summary>
public class CatalogImportAndCacheTests(CatalogImportAndCacheTests.Cloud cloud) : IClassFixture<CatalogImportAndCacheTests.Cloud>
{
    public sealed class Cloud : ServerCloud;

    [SkippableFact]
    public async Task A_large_import_writes_every_row_and_a_second_one_only_the_changes_on_PostgreSQL() => await ImportStoryAsync(cloud.Require().Api);

    [Fact]
    public async Task A_large_import_writes_every_row_and_a_second_one_only_the_changes_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        await ImportStoryAsync(api);
    }

    [SkippableFact]
    public async Task The_next_order_after_a_catalog_change_sees_it_on_PostgreSQL() => await CacheStoryAsync(cloud.Require().Api, 9100);

    [Fact]
    public async Task The_next_order_after_a_catalog_change_sees_it_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        await CacheStoryAsync(api, 9100);
    }

    [SkippableFact]
    public async Task New_and_changed_rows_store_the_same_text_and_instants_and_a_repeated_sku_is_one_error_on_PostgreSQL() =>
        await TextStoryAsync(cloud.Require().Api);

    [Fact]
    public async Task New_and_changed_rows_store_the_same_text_and_instants_and_a_repeated_sku_is_one_error_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        await TextStoryAsync(api);
    }

    /// <summary>
    /// PostgreSQL writes new products by COPY and changed ones by upsert: a product another writer created after the
    /// import read the catalog makes the COPY fail, and the writer upserts every row instead, in the same transaction.
    /// </summary>
    [SkippableFact]
    public async Task A_product_created_after_the_import_read_the_catalog_is_upserted_not_an_error_on_PostgreSQL()
    {
        var api = cloud.Require().Api;
        var at = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        Assert.Equal(HttpStatusCode.OK, (await hq.PutAsJsonAsync("/api/v1/products/RACE-1", new ProductUpsert("RACE-1", "先到", 10m) { EffectiveFrom = at })).StatusCode);

        var plan = new CatalogBulkWriter.Plan();
        foreach (var sku in new[] { "RACE-1", "RACE-2" }) // RACE-1 exists by now; the plan still calls it new
        {
            plan.New.Add(new(sku, sku, "後到 " + sku, null, "測試", true, true));
            plan.NewPrices.Add(new(sku, at.AddDays(1), 20m, 2m, null));
        }
        await api.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await CatalogBulkWriter.WriteAsync(db, plan, default);
            await tx.CommitAsync();
            return 0;
        }));

        var stored = await api.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.Sku.StartsWith("RACE-")).Include(p => p.Prices).ToListAsync());
        Assert.Equal(["後到 RACE-1", "後到 RACE-2"], stored.OrderBy(p => p.Sku).Select(p => p.Name));
        Assert.Equal([(at, 10m), (at.AddDays(1), 20m)], stored.Single(p => p.Sku == "RACE-1").Prices.OrderBy(p => p.EffectiveFrom).Select(p => (p.EffectiveFrom, p.ListPrice)));
        Assert.Equal([(at.AddDays(1), 20m, (decimal?)2m)], stored.Single(p => p.Sku == "RACE-2").Prices.Select(p => (p.EffectiveFrom, p.ListPrice, p.AddOnPrice)));
    }

    /// <summary>
    /// Names with quotes, commas, line breaks and backslashes, an empty category, an add-on price and an instant
    /// finer than a microsecond: a product the import creates (COPY on PostgreSQL) stores exactly what a product it
    /// changes (upsert) stores, to the provider's precision. A SKU named twice (in another case) is one error on its second row.
    /// </summary>
    private static async Task TextStoryAsync(ApiFactory api)
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var at = new DateTimeOffset(2026, 9, 1, 8, 30, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        const string awkward = "說 \"好\", 不\n換行 \\ 反斜線 'x'";
        Assert.Equal(HttpStatusCode.OK, (await hq.PutAsJsonAsync("/api/v1/products/TEXT-OLD", new ProductUpsert("TEXT-OLD", "舊", 1m) { EffectiveFrom = at.AddDays(-1) })).StatusCode);

        var response = await hq.PostAsJsonAsync("/api/v1/products/import", new ProductUpsert?[]
        {
            new ProductUpsert("TEXT-NEW", awkward, 12.5m, 3.25m, null, "", true, false, at),
            new ProductUpsert("TEXT-OLD", awkward, 12.5m, 3.25m, null, "", true, false, at),
            new ProductUpsert("text-new", "again", 1m),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal((1, 0, 1), (result.Created, result.Updated, result.PriceChanges));
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "text-new"), (error.Row, error.Sku));
        Assert.Contains("more than once", error.Messages[0]);

        var stored = await api.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.Sku.StartsWith("TEXT-")).Include(p => p.Prices).ToListAsync());
        var created = stored.Single(p => p.Sku == "TEXT-NEW");
        var changed = stored.Single(p => p.Sku == "TEXT-OLD");
        Assert.Equal((awkward, (string?)null, (string?)null, true, false), (created.Name, created.Category, created.Barcode, created.GiftEligible, created.Active));
        Assert.Equal((created.Name, created.Category, created.Barcode, created.GiftEligible, created.Active), (changed.Name, changed.Category, changed.Barcode, changed.GiftEligible, changed.Active));
        var createdPrice = Assert.Single(created.Prices);
        var changedPrice = changed.Prices.MaxBy(p => p.EffectiveFrom)!;
        Assert.Equal((12.5m, (decimal?)3.25m), (createdPrice.ListPrice, createdPrice.AddOnPrice));
        Assert.Equal((createdPrice.EffectiveFrom, createdPrice.ListPrice, createdPrice.AddOnPrice), (changedPrice.EffectiveFrom, changedPrice.ListPrice, changedPrice.AddOnPrice));
        // Each provider's own precision (PostgreSQL: µs; the embedded default's converter: 0.1 ms), never later than sent.
        Assert.InRange(at - createdPrice.EffectiveFrom, TimeSpan.Zero, TimeSpan.FromMilliseconds(0.1));

        // The same rows again change nothing.
        var again = await hq.PostAsJsonAsync("/api/v1/products/import", new[] { new ProductUpsert("TEXT-NEW", awkward, 12.5m, 3.25m, null, "", true, false, at) });
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<ImportResult>())!.Unchanged);
    }

    /// <summary>17,000 products with barcodes name 34,000 keys: past SQLite's 32,766 parameters, had each key been one.</summary>
    [Fact]
    public async Task An_import_naming_more_keys_than_SQLite_has_parameters_goes_through_on_the_embedded_default()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        const int many = 17_000;
        var result = await ImportAsync(hq, Csv(Enumerable.Range(1, many).Select(i => $"MANY-{i:D6},{Ean13Of(i)},多 {i},測試,10,,false,true,")));
        Assert.Equal((many, 0), (result.Created, result.Errors.Count));
        Assert.Equal(many, await api.WithDbAsync(db => db.Products.CountAsync(p => p.Sku.StartsWith("MANY-") && p.Barcode != null)));
    }

    private static string Ean13Of(int n)
    {
        var twelve = $"478{n:D9}";
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return twelve + (10 - sum % 10) % 10;
    }

    private const int Size = 3_000;

    private static string Csv(IEnumerable<string> rows) =>
        "sku,barcode,name,category,list_price,add_on_price,gift_eligible,active,effective_from\n" + string.Join("\n", rows);

    private static async Task<ImportResult> ImportAsync(HttpClient hq, string csv)
    {
        var response = await hq.PostAsync("/api/v1/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }

    private static async Task ImportStoryAsync(ApiFactory api)
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var version0 = await api.WithDbAsync(db => CatalogVersion.CurrentAsync(db, default));
        string Row(int i, decimal price, string name = "品項") =>
            $"BULK-{i:D5},,{name} {i},測試,{price.ToString(CultureInfo.InvariantCulture)},{(i % 3 == 0 ? "5" : "")},{i % 2 == 0},true,{at:O}";

        var first = await ImportAsync(hq, Csv(Enumerable.Range(1, Size).Select(i => Row(i, 100 + i % 50)).Append("BULK-BAD,,壞,測試,-1,,false,true,")));
        Assert.Equal((Size, 0, 0, 0), (first.Created, first.Updated, first.PriceChanges, first.Unchanged));
        Assert.Equal([Size + 1], first.Errors.Select(e => e.Row));
        Assert.Contains("listPrice", first.Errors[0].Messages[0]);
        var version1 = await api.WithDbAsync(db => CatalogVersion.CurrentAsync(db, default));
        Assert.True(version1 > version0, $"the catalog version rose ({version0} → {version1})");
        var stored = await api.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.Sku.StartsWith("BULK-")).Include(p => p.Prices).ToListAsync());
        Assert.Equal(Size, stored.Count);
        var p9 = stored.Single(p => p.Sku == "BULK-00009");
        Assert.Equal(("品項 9", "測試", false, true), (p9.Name, p9.Category, p9.GiftEligible, p9.Active));
        var price9 = Assert.Single(p9.Prices);
        Assert.Equal((at, 109m, (decimal?)5m), (price9.EffectiveFrom, price9.ListPrice, price9.AddOnPrice));

        // Again: every 10th renamed, every 7th with a new price a day later, every 11th with a new price at the same instant.
        var later = at.AddDays(1);
        var second = await ImportAsync(hq, Csv(Enumerable.Range(1, Size).Select(i =>
            i % 7 == 0 ? $"BULK-{i:D5},,品項 {i},測試,{200 + i},,{i % 2 == 0},true,{later:O}"
            : i % 11 == 0 ? Row(i, 300 + i)
            : i % 10 == 0 ? Row(i, 100 + i % 50, "改名")
            : Row(i, 100 + i % 50))));
        int sevens = Size / 7, elevens = Enumerable.Range(1, Size).Count(i => i % 7 != 0 && i % 11 == 0);
        int tens = Enumerable.Range(1, Size).Count(i => i % 7 != 0 && i % 11 != 0 && i % 10 == 0);
        Assert.Equal((0, tens, sevens + elevens, Size - sevens - elevens - tens), (second.Created, second.Updated, second.PriceChanges, second.Unchanged));
        Assert.True(await api.WithDbAsync(db => CatalogVersion.CurrentAsync(db, default)) > version1);

        stored = await api.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.Sku.StartsWith("BULK-")).Include(p => p.Prices).ToListAsync());
        var bySku = stored.ToDictionary(p => p.Sku);
        Assert.Equal("改名 10", bySku["BULK-00010"].Name);
        Assert.Equal([(at, 107m), (later, 207m)], bySku["BULK-00007"].Prices.OrderBy(p => p.EffectiveFrom).Select(p => (p.EffectiveFrom, p.ListPrice)));
        // The same instant replaces the price point instead of adding one.
        Assert.Equal([(at, 311m)], bySku["BULK-00011"].Prices.Select(p => (p.EffectiveFrom, p.ListPrice)));
        Assert.Equal(Size + sevens, stored.Sum(p => p.Prices.Count));
    }

    private static async Task CacheStoryAsync(ApiFactory api, long firstNumber)
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var register = api.CreateRegisterClient();
        var soldAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        OfflineOrder Sale(long n, decimal price) => Scenario.Order(n, soldAt.AddSeconds(n - firstNumber), new OfflineOrderLine("CACHE-1", "快取測試", LineType.Regular, 1, price));

        // Warm the workers' catalog first (a known SKU), so what follows tests a reload, not a first load.
        var warm = Scenario.Order(firstNumber, soldAt.AddSeconds(-1));
        await Scenario.UploadAsync(register, Scenario.Batch(warm));
        Assert.Equal(OrderStatus.Reconciled, (await Scenario.WaitUntilFinalAsync(register, [warm.OrderId], TimeSpan.FromSeconds(60)))[0].Status);

        var unknown = Sale(firstNumber + 1, 100m);
        await Scenario.UploadAsync(register, Scenario.Batch(unknown));
        Assert.Equal(OrderStatus.NeedsReview, (await Scenario.WaitUntilFinalAsync(register, [unknown.OrderId], TimeSpan.FromSeconds(60)))[0].Status);

        // HQ adds the product: the next order is matched (and the waiting one re-run).
        Assert.Equal(HttpStatusCode.OK, (await hq.PutAsJsonAsync("/api/v1/products/CACHE-1", new ProductUpsert("CACHE-1", "快取測試", 100m) { EffectiveFrom = soldAt.AddDays(-1) })).StatusCode);
        var known = Sale(firstNumber + 2, 100m);
        await Scenario.UploadAsync(register, Scenario.Batch(known));
        var views = await Scenario.WaitUntilFinalAsync(register, [known.OrderId], TimeSpan.FromSeconds(60));
        Assert.Equal(OrderStatus.Reconciled, views[0].Status);
        Assert.Empty(views[0].Overrides);

        // HQ raises the price from before the sale: the next order at the old price carries the difference.
        Assert.Equal(HttpStatusCode.OK, (await hq.PutAsJsonAsync("/api/v1/products/CACHE-1", new ProductUpsert("CACHE-1", "快取測試", 130m) { EffectiveFrom = soldAt.AddHours(-1) })).StatusCode);
        var cheaper = Sale(firstNumber + 3, 100m);
        await Scenario.UploadAsync(register, Scenario.Batch(cheaper));
        views = await Scenario.WaitUntilFinalAsync(register, [cheaper.OrderId], TimeSpan.FromSeconds(60));
        Assert.Equal(-30m, Assert.Single(views[0].Overrides).Difference);
    }
}
