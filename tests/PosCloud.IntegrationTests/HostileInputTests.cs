using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Catalog;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;
using PosCloud.Tests.Hostile;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The hostile-input corpus of issue 18, each case its own test, run on PostgreSQL (production shape) and on
/// the embedded SQLite. Every upload case sends a good order beside the bad one: never a 5xx, the good order
/// accepted and stored, the bad one rejected naming the field and not stored (nothing half-saved). A body
/// that is not the contract's JSON (a string where a number belongs) is a 400 naming the JSON path.
/// </summary>
public abstract class HostileInputTests
{
    protected abstract ApiFactory Api { get; }
    private static DateTimeOffset Earlier => DateTimeOffset.UtcNow.AddHours(-1);
    private static long _localNumber = 700_000;
    private static long Next() => Interlocked.Increment(ref _localNumber);
    private static readonly string Long201 = new('名', 201);

    private static OfflineOrder Good() => Scenario.Order(Next(), Earlier);

    /// <summary>Sends [good, bad]: 202, good accepted and stored, bad rejected with an error on <paramref name="field"/> and not stored.</summary>
    private async Task BadOrderIsRejectedAlone(Func<OfflineOrder, OfflineOrder> spoil, string field, string? message = null)
    {
        using var client = Api.CreateRegisterClient();
        var good = Good();
        var bad = spoil(Good());
        var batch = Scenario.Batch(good, bad);
        var response = await UploadAsync(client, JsonSerializer.SerializeToNode(batch, JsonSerializerOptions.Web)!.ToJsonString());
        var results = await AssertAcceptedAsync(response);
        Assert.Equal(UploadOutcome.Accepted, results.Results[0].Outcome);
        Assert.Equal(UploadOutcome.Rejected, results.Results[1].Outcome);
        Assert.Contains(results.Results[1].Errors, e => e.Field == field && (message is null || e.Message.Contains(message)));
        await AssertStoredAsync(batch.BatchId, [good.OrderId]);
    }

    /// <summary>The same with a raw JSON change of the bad order (what a typed client could not even send).</summary>
    private async Task BadJsonOrderIsRejectedAlone(Action<JsonObject> spoil, string field)
    {
        using var client = Api.CreateRegisterClient();
        var good = Good();
        var batch = Scenario.Batch(good, Good());
        var node = JsonSerializer.SerializeToNode(batch, JsonSerializerOptions.Web)!.AsObject();
        spoil(node["orders"]![1]!.AsObject());
        var results = await AssertAcceptedAsync(await UploadAsync(client, node.ToJsonString()));
        Assert.Equal(UploadOutcome.Accepted, results.Results[0].Outcome);
        Assert.Equal(UploadOutcome.Rejected, results.Results[1].Outcome);
        Assert.Contains(results.Results[1].Errors, e => e.Field == field);
        await AssertStoredAsync(batch.BatchId, [good.OrderId]);
    }

    /// <summary>A body that is not the contract's JSON: 400 naming the JSON path, nothing of the batch stored.</summary>
    private async Task BodyIsRefusedNaming(Action<JsonObject> spoil, string path)
    {
        using var client = Api.CreateRegisterClient();
        var batch = Scenario.Batch(Good(), Good());
        var node = JsonSerializer.SerializeToNode(batch, JsonSerializerOptions.Web)!.AsObject();
        spoil(node["orders"]![1]!.AsObject());
        using var response = await UploadAsync(client, node.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(path, body);
        await AssertStoredAsync(batch.BatchId, []);
    }

    private async Task QueryIsRefusedNaming(string url, string parameter)
    {
        using var client = Api.CreateRegisterClient();
        using var response = await RetryAfter.SendAsync(() => client.GetAsync(url), [HttpStatusCode.TooManyRequests]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode}: {body}");
        Assert.Contains($"{parameter}:", body);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string json) =>
        RetryAfter.SendAsync(() => client.PostAsync("/api/v1/batches", new StringContent(json, Encoding.UTF8, "application/json")), [HttpStatusCode.TooManyRequests]);

    private static async Task<UploadBatchResponse> AssertAcceptedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
            return JsonSerializer.Deserialize<UploadBatchResponse>(body, JsonSerializerOptions.Web)!;
        }
    }

    private Task AssertStoredAsync(Guid batchId, Guid[] expected) => Api.WithDbAsync(db => InSnapshotAsync(db, async () =>
    {
        var stored = await db.OrderClaims.Where(o => o.BatchId == batchId).Select(o => o.OrderId).ToListAsync();
        Assert.Equal(expected.Order(), stored.Order());
        // Every stored order whole (one line each), waiting for its worker or already final.
        var sales = await db.ReceivedOrders.Where(o => expected.Contains(o.Id)).Select(o => o.Sale).ToListAsync();
        var lines = sales.Sum(s => ReceivedSale.Parse(s).Lines.Count) + await db.OrderLines.Where(l => expected.Contains(l.OrderId)).CountAsync();
        Assert.Equal(expected.Length, lines);
        return 0;
    }));

    /// <summary>
    /// Reads in one snapshot (a worker may move an order from ReceivedOrders to Orders meanwhile), inside the provider's
    /// execution strategy, which refuses a transaction opened outside of it.
    /// </summary>
    private static Task<int> InSnapshotAsync(CloudDbContext db, Func<Task<int>> reads) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            return await reads();
        });

    private static OfflineOrder WithLine(OfflineOrder o, Func<OfflineOrderLine, OfflineOrderLine> change)
    {
        var line = change(o.Lines[0]);
        var total = line.Quantity * line.UnitPrice;
        return o with { Lines = [line], Total = total, Payments = [new OfflinePayment("cash", total)] };
    }

    private static OfflineInvoice Invoice(DateTimeOffset issuedAt, string number = "AB12345678") => new(number, issuedAt, "1234");

    /// <summary>
    /// Sends a good order, a good return and a bad return: 202, the order and the good return accepted and stored, the bad
    /// return rejected naming <paramref name="field"/> and not stored.
    /// </summary>
    private async Task BadReturnIsRejectedAlone(Func<OfflineReturn, OfflineReturn> spoil, string field)
    {
        using var client = Api.CreateRegisterClient();
        var sale = Good();
        OfflineReturn Return() => new(Guid.NewGuid(), sale.OrderId, Next(), Earlier.AddMinutes(5), "S001-E02", "退貨",
            [new OfflineReturnLine(0, sale.Lines[0].Sku, 1, 589m)], [new OfflinePayment("cash", 589m)], 589m);
        var good = Return();
        var bad = spoil(Return());
        var batch = Scenario.Batch(sale) with { Returns = [good, bad] };
        var results = await AssertAcceptedAsync(await UploadAsync(client, JsonSerializer.SerializeToNode(batch, JsonSerializerOptions.Web)!.ToJsonString()));
        Assert.Equal(UploadOutcome.Accepted, results.Results[0].Outcome);
        Assert.Equal(UploadOutcome.Accepted, results.Returns![0].Outcome);
        Assert.Equal(UploadOutcome.Rejected, results.Returns[1].Outcome);
        Assert.Contains(results.Returns[1].Errors, e => e.Field == field);
        await AssertStoredAsync(batch.BatchId, [sale.OrderId]);
        var stored = await Api.WithDbAsync(db => db.Returns.Where(r => r.BatchId == batch.BatchId).Select(r => r.Id).ToListAsync());
        Assert.Equal([good.ReturnId], stored);
    }

    // ---- Returns (issue 19): the same corpus for the return records of a batch ----
    [SkippableFact] public Task Return_reason_of_101_characters() => BadReturnIsRejectedAlone(r => r with { Reason = new string('因', 101) }, "returns[1].reason");
    [SkippableFact] public Task Return_quantity_of_decimal_max() => BadReturnIsRejectedAlone(r => r with { Lines = [r.Lines[0] with { Quantity = decimal.MaxValue }] }, "returns[1].lines[0].quantity");
    [SkippableFact] public Task Return_line_index_of_int_max() => BadReturnIsRejectedAlone(r => r with { Lines = [r.Lines[0] with { LineIndex = int.MaxValue }] }, "returns[1].lines[0].lineIndex");
    [SkippableFact] public Task Return_refund_reference_too_long() => BadReturnIsRejectedAlone(r => r with { Refunds = [r.Refunds[0] with { Reference = new string('r', 201) }] }, "returns[1].refunds[0].reference");
    [SkippableFact] public Task Return_cancel_reason_of_21_characters() => BadReturnIsRejectedAlone(r => r with { CancelledInvoice = new OfflineInvoiceCancel("11512", "AB12345678", Earlier, new string('退', 21)) }, "returns[1].cancelledInvoice.reason");
    [SkippableFact] public Task Return_allowance_number_of_17_characters() => BadReturnIsRejectedAlone(r => r with
    {
        Allowance = new OfflineAllowance(new string('9', 17), Earlier, "11512", "AB12345678", Earlier, [new OfflineAllowanceItem(1, "外套", 1, 561, 561, 28)], 28, 561),
    }, "returns[1].allowance.number");
    [SkippableFact] public Task Return_returned_in_1900() => BadReturnIsRejectedAlone(r => r with { ReturnedAt = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) }, "returns[1].returnedAt");
    [SkippableFact] public Task Return_NUL_in_a_refund_method() => BadReturnIsRejectedAlone(r => r with { Refunds = [r.Refunds[0] with { Method = "ca\0sh" }] }, "returns[1].refunds[0].method");

    // ---- What broke: 500 for the whole batch on PostgreSQL (too long for its column) ----
    [SkippableFact] public Task Line_name_of_201_characters() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { Name = Long201 }), "orders[1].lines[0].name", "at most 200 characters");
    [SkippableFact] public Task Customer_phone_too_long() => BadOrderIsRejectedAlone(o => o with { CustomerPhone = new string('9', 201) }, "orders[1].customerPhone");
    [SkippableFact] public Task Hash_too_long() => BadOrderIsRejectedAlone(o => o with { Hash = new string('f', 201) }, "orders[1].hash");
    [SkippableFact] public Task Previous_hash_too_long() => BadOrderIsRejectedAlone(o => o with { PreviousHash = new string('f', 201) }, "orders[1].previousHash");
    [SkippableFact] public Task Invoice_number_too_long() => BadOrderIsRejectedAlone(o => o with { Invoice = Invoice(Earlier, new string('A', 201)) }, "orders[1].invoice.number");
    [SkippableFact] public Task Payment_method_too_long() => BadOrderIsRejectedAlone(o => o with { Payments = [o.Payments[0] with { Method = new string('m', 201) }] }, "orders[1].payments[0].method");
    [SkippableFact] public Task Payment_reference_too_long() => BadOrderIsRejectedAlone(o => o with { Payments = [o.Payments[0] with { Reference = new string('r', 201) }] }, "orders[1].payments[0].reference");
    [SkippableFact] public Task Price_source_too_long() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { PriceSource = new string('p', 201) }), "orders[1].lines[0].priceSource");
    [SkippableFact] public Task Snapshot_version_too_long() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { SnapshotVersion = new string('v', 201) }), "orders[1].lines[0].snapshotVersion");
    [SkippableFact] public Task Staff_id_too_long() => BadOrderIsRejectedAlone(o => o with { StaffId = new string('s', 201) }, "orders[1].staffId");
    [SkippableFact] public Task Voided_invoice_number_too_long() => BadOrderIsRejectedAlone(o => o with { VoidedInvoiceNumbers = [new string('V', 201)] }, "orders[1].voidedInvoiceNumbers[0]");
    [SkippableFact] public Task Carrier_id_too_long() => BadOrderIsRejectedAlone(o => o with { Invoice = Invoice(Earlier) with { CarrierId = new string('/', 201) } }, "orders[1].invoice.carrierId");
    [SkippableFact] public Task NUL_character_in_a_name() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { Name = "外\0套" }), "orders[1].lines[0].name");
    [SkippableFact] public Task Control_character_in_a_sku() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { Sku = "TS-\u0001" }), "orders[1].lines[0].sku");

    // ---- More 500s that refused the good orders too ----
    [SkippableFact]
    public async Task A_null_entry_in_orders()
    {
        using var client = Api.CreateRegisterClient();
        var good = Good();
        var node = JsonSerializer.SerializeToNode(Scenario.Batch(good), JsonSerializerOptions.Web)!.AsObject();
        node["orders"]!.AsArray().Add(null);
        var results = await AssertAcceptedAsync(await UploadAsync(client, node.ToJsonString()));
        Assert.Equal(UploadOutcome.Accepted, results.Results[0].Outcome);
        Assert.Equal("orders[1]", Assert.Single(results.Results[1].Errors).Field);
        await AssertStoredAsync(Guid.Parse(node["batchId"]!.GetValue<string>()), [good.OrderId]);
    }

    [SkippableFact]
    public Task Two_payments_of_decimal_max() => BadOrderIsRejectedAlone(
        o => o with { Payments = [new OfflinePayment("cash", decimal.MaxValue), new OfflinePayment("card", decimal.MaxValue)] }, "orders[1].payments[0].amount");

    [SkippableFact] public Task Unit_price_of_decimal_max() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { UnitPrice = decimal.MaxValue, Quantity = 1 }) with { Total = 1, Payments = [new OfflinePayment("cash", 1)] }, "orders[1].lines[0].unitPrice");
    [SkippableFact] public Task Total_of_decimal_max() => BadOrderIsRejectedAlone(o => o with { Total = decimal.MaxValue }, "orders[1].total");
    [SkippableFact] public Task Invoice_issued_in_1900() => BadOrderIsRejectedAlone(o => o with { Invoice = Invoice(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)) }, "orders[1].invoice.issuedAt");
    [SkippableFact] public Task Invoice_issued_on_9999_12_31() => BadOrderIsRejectedAlone(o => o with { Invoice = Invoice(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero)) }, "orders[1].invoice.issuedAt");
    [SkippableFact] public Task Page_2147483647_of_upload_records() => QueryIsRefusedNaming("/api/v1/stores/S001/uploads?page=2147483647", "page");
    [SkippableFact] public Task Page_size_0_of_upload_records() => QueryIsRefusedNaming("/api/v1/stores/S001/uploads?pageSize=0", "pageSize");

    // ---- Nonsense that was accepted ----
    [SkippableFact] public Task Quantity_with_4_decimals() => BadOrderIsRejectedAlone(o => WithLine(o, l => l with { Quantity = 0.0001m, UnitPrice = 100m }) with { Total = 0.01m, Payments = [new OfflinePayment("cash", 0.01m)] }, "orders[1].lines[0].quantity", "3 decimals");
    [SkippableFact] public Task Sold_at_0001_01_01() => BadOrderIsRejectedAlone(o => o with { SoldAt = DateTimeOffset.MinValue }, "orders[1].soldAt");
    [SkippableFact] public Task Sold_at_1999() => BadOrderIsRejectedAlone(o => o with { SoldAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) }, "orders[1].soldAt");
    [SkippableFact] public Task Local_number_2_to_the_62() => BadOrderIsRejectedAlone(o => o with { LocalNumber = 1L << 62 }, "orders[1].localNumber");
    [SkippableFact] public Task Line_type_99_as_a_number() => BadJsonOrderIsRejectedAlone(o => o["lines"]![0]!["type"] = 99, "orders[1].lines[0].type");
    [SkippableFact] public Task Quantity_as_a_JSON_string() => BodyIsRefusedNaming(o => o["lines"]![0]!["quantity"] = "1", "$.orders[1].lines[0].quantity");
    [SkippableFact] public Task Local_number_as_a_JSON_string() => BodyIsRefusedNaming(o => o["localNumber"] = "12", "$.orders[1].localNumber");
    [SkippableFact] public Task Unknown_line_type_name() => BodyIsRefusedNaming(o => o["lines"]![0]!["type"] = "free", "$.orders[1].lines[0].type");
    [SkippableFact] public Task Unit_price_beyond_decimal() => BodyIsRefusedNaming(o => o["lines"]![0]!["unitPrice"] = JsonNode.Parse("1e40"), "$.orders[1].lines[0].unitPrice");
    [SkippableFact] public Task Status_99_of_upload_records() => QueryIsRefusedNaming("/api/v1/stores/S001/uploads?status=99", "status");

    // ---- Catalog: a list price with no upper bound let one override overflow numeric(18,2) ----
    [SkippableFact]
    public async Task Catalog_list_price_above_the_bound()
    {
        using var hq = Api.CreateRegisterClient(ApiFactory.HqKey);
        var product = new ProductUpsert("HOSTILE-BIG", "天價商品", 99_999_999_999_999m);
        using var response = await hq.PutAsJsonAsync("/api/v1/products/HOSTILE-BIG", product);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("listPrice", body);
        Assert.Equal(0, await Api.WithDbAsync(db => db.Products.CountAsync(p => p.Sku == "HOSTILE-BIG")));
    }

    // ---- Another register's batchId ----
    [SkippableFact]
    public async Task Another_registers_batchId_is_409_naming_batchId()
    {
        using var hq = Api.CreateRegisterClient(ApiFactory.HqKey);
        var created = await (await hq.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S002"))).Content.ReadFromJsonAsync<IssuedKey>();
        using var s002 = Api.CreateRegisterClient(created!.ApiKey);
        using var s001 = Api.CreateRegisterClient();
        var first = Scenario.Batch(Good());
        await AssertAcceptedAsync(await UploadAsync(s001, JsonSerializer.Serialize(first, JsonSerializerOptions.Web)));

        var intruder = new UploadBatchRequest(first.BatchId, "S002", created.Id, [Scenario.Order(1, Earlier) with { StaffId = "S002-E02" }]);
        using var response = await UploadAsync(s002, JsonSerializer.Serialize(intruder, JsonSerializerOptions.Web));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("batchId", body);
        await AssertStoredAsync(first.BatchId, [first.Orders[0].OrderId]);
        Assert.Equal(HttpStatusCode.Forbidden, (await s002.GetAsync($"/api/v1/batches/{first.BatchId}")).StatusCode);
        var batch = await s001.GetFromJsonAsync<BatchView>($"/api/v1/batches/{first.BatchId}");
        Assert.Equal((1, 0, 0), (batch!.AcceptedCount, batch.DuplicateCount, batch.RejectedCount));
    }

    // ---- Generative: random and mutated batches through the whole Api ----
    /// <summary>
    /// 60 batches of 1–4 orders, each order valid or with up to 3 hostile mutations (HostileOrders): never a 5xx;
    /// exactly the orders answered "accepted" are stored, each whole (every line and payment); a refused body stores nothing.
    /// </summary>
    [SkippableFact]
    public async Task Random_and_mutated_batches_never_give_a_5xx_or_a_half_saved_batch()
    {
        using var client = Api.CreateRegisterClient();
        var now = DateTimeOffset.UtcNow;
        int sent = 0, accepted = 0, rejected = 0, refused = 0;
        await HostileOrders.Order(now, Gen.Long[800_000_000, 900_000_000]).Array[1, 4].SampleAsync(async orders =>
        {
            var batch = Scenario.Batch(orders);
            string json;
            try { json = JsonSerializer.Serialize(batch, JsonSerializerOptions.Web); }
            catch (ArgumentException) { return; } // not even sendable as JSON
            Interlocked.Increment(ref sent);
            using var response = await UploadAsync(client, json);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}\n{json}");
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Interlocked.Increment(ref refused);
                await AssertStoredAsync(batch.BatchId, []);
                return;
            }
            var results = JsonSerializer.Deserialize<UploadBatchResponse>(body, JsonSerializerOptions.Web)!.Results;
            var ids = results.Where(r => r.Outcome == UploadOutcome.Accepted).Select(r => r.OrderId).ToArray();
            Interlocked.Add(ref accepted, ids.Length);
            Interlocked.Add(ref rejected, results.Count(r => r.Outcome == UploadOutcome.Rejected));
            Assert.All(results.Where(r => r.Outcome == UploadOutcome.Rejected), r => Assert.NotEmpty(r.Errors));
            await Api.WithDbAsync(db => InSnapshotAsync(db, async () =>
            {
                var stored = await db.OrderClaims.Where(o => o.BatchId == batch.BatchId).Select(o => o.OrderId).ToListAsync();
                Assert.Equal(ids.Order(), stored.Order());
                foreach (var id in ids)
                {
                    var sale = orders.First(o => o.OrderId == id);
                    var waiting = await db.ReceivedOrders.Where(o => o.Id == id).Select(o => o.Sale).SingleOrDefaultAsync();
                    var parsed = waiting is null ? null : ReceivedSale.Parse(waiting);
                    Assert.Equal(sale.Lines.Count, parsed?.Lines.Count ?? await db.OrderLines.CountAsync(l => l.OrderId == id));
                    Assert.Equal((sale.Payments ?? []).Count, parsed?.Payments.Count ?? await db.Payments.CountAsync(p => p.OrderId == id));
                }
                return 0;
            }));
        }, iter: 60, threads: 1);
        Console.WriteLine($"[hostile generative] {GetType().Name}: {sent} batches sent, {accepted} orders accepted, {rejected} rejected, {refused} bodies refused, 0 answers 5xx");
        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}: the generator must produce both");
    }

    // ---- /orders/status with the documented 500 ids ----
    [SkippableFact]
    public async Task Five_hundred_ids_go_in_a_POST_body_and_501_are_refused()
    {
        using var client = Api.CreateRegisterClient();
        var good = Good();
        await AssertAcceptedAsync(await UploadAsync(client, JsonSerializer.Serialize(Scenario.Batch(good), JsonSerializerOptions.Web)));
        var ids = Enumerable.Range(0, 499).Select(_ => Guid.NewGuid()).Append(good.OrderId).ToList();
        using var ok = await client.PostAsJsonAsync("/api/v1/orders/status", new OrderStatusRequest(ids));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var views = await ok.Content.ReadFromJsonAsync<List<OrderStatusView>>();
        Assert.Equal(500, views!.Count);
        Assert.True(views.Single(v => v.OrderId == good.OrderId).Found);
        Assert.Equal(499, views.Count(v => !v.Found));

        using var tooMany = await client.PostAsJsonAsync("/api/v1/orders/status", new OrderStatusRequest([.. ids, Guid.NewGuid()]));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("ids:", await tooMany.Content.ReadAsStringAsync());
        using var empty = await client.PostAsJsonAsync("/api/v1/orders/status", new OrderStatusRequest([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}

/// <summary>The corpus on PostgreSQL + RabbitMQ: the provider whose column limits broke the uploads.</summary>
public sealed class HostileInputOnPostgreSqlTests(ServerCloud cloud) : HostileInputTests, IClassFixture<ServerCloud>
{
    protected override ApiFactory Api => cloud.Require().Api;
}

/// <summary>The corpus on the embedded SQLite, which accepted what PostgreSQL refused (so embedded tests never saw it).</summary>
public sealed class HostileInputOnSqliteTests(EmbeddedCloud cloud) : HostileInputTests, IClassFixture<EmbeddedCloud>
{
    protected override ApiFactory Api => cloud.Api;
}
