using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>Batch upload on real PostgreSQL + RabbitMQ: validation, limits, exactly once, cross-store access.</summary>
public class IngestionTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    private static DateTimeOffset Earlier => DateTimeOffset.UtcNow.AddHours(-1);

    [SkippableFact]
    public async Task A_mixed_batch_accepts_the_valid_orders_and_rejects_each_bad_one_with_every_reason()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var good = Scenario.Order(1001, Earlier);
        var dup = Scenario.Order(1002, Earlier);
        var line = new OfflineOrderLine("TS-0400001", null, LineType.Regular, 1, 589m);
        var batch = Scenario.Batch(
            good,
            Scenario.Order(1003, Earlier, line with { Sku = " " }),
            Scenario.Order(1004, Earlier, line with { Quantity = 0 }),
            Scenario.Order(1005, Earlier, line with { Quantity = 1_000_000 }),
            Scenario.Order(1006, Earlier, line with { UnitPrice = -5 }),
            Scenario.Order(1007, Earlier, line with { UnitPrice = 1.234m }),
            Scenario.Order(1008, Earlier) with { Total = 1 },
            Scenario.Order(1009, Earlier) with { Payments = [new OfflinePayment("cash", 10)] },
            Scenario.Order(1010, DateTimeOffset.UtcNow.AddHours(2)),
            Scenario.Order(1011, Earlier) with { StaffId = "S002-E01" },
            dup,
            dup with { LocalNumber = 1012 });

        var response = await Scenario.UploadAsync(client, batch);

        string Field(int i) => Assert.Single(response.Results[i].Errors).Field;
        Assert.Equal(UploadOutcome.Accepted, response.Results[0].Outcome);
        Assert.Equal(UploadOutcome.Accepted, response.Results[10].Outcome);
        Assert.Equal("orders[1].lines[0].sku", Field(1));
        Assert.Equal("orders[2].lines[0].quantity", Field(2));
        Assert.Equal("orders[3].lines[0].quantity", Field(3));
        Assert.Contains(response.Results[4].Errors, e => e.Field == "orders[4].lines[0].unitPrice");
        Assert.Contains(response.Results[5].Errors, e => e.Field == "orders[5].lines[0].unitPrice" && e.Message.Contains("2 decimals"));
        Assert.Contains(response.Results[6].Errors, e => e.Field == "orders[6].total");
        Assert.Equal("orders[7].payments", Field(7));
        Assert.Equal("orders[8].soldAt", Field(8));
        Assert.Equal("orders[9].staffId", Field(9));
        Assert.Equal("orders[11].orderId", Field(11));
        Assert.All(response.Results.Where(r => r.Outcome == UploadOutcome.Rejected), r => Assert.Equal(OrderStatus.Failed, r.Status));
        Assert.Equal(10, response.Results.Count(r => r.Outcome == UploadOutcome.Rejected));

        var stored = await cloud.Api.WithDbAsync(db => db.OrderClaims.Where(o => o.BatchId == batch.BatchId).Select(o => o.OrderId).ToListAsync());
        Assert.Equal(new[] { good.OrderId, dup.OrderId }.Order(), stored.Order());
        await Scenario.WaitUntilFinalAsync(client, stored, TimeSpan.FromSeconds(60));
    }

    [SkippableFact]
    public async Task Too_many_orders_is_413_naming_the_limit()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var batch = Scenario.Batch(Enumerable.Range(0, 501).Select(i => Scenario.Order(5000 + i, Earlier)).ToArray());
        var response = await client.PostAsJsonAsync("/api/v1/batches", batch);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("500", problem!.Detail);
    }

    [SkippableFact]
    public async Task A_body_over_the_size_limit_is_413_naming_the_limit()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var huge = new StringContent("{\"batchId\":\"" + Guid.NewGuid() + "\",\"pad\":\"" + new string('x', 9 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/batches", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains((8 * 1024 * 1024).ToString(), problem!.Detail);
    }

    [SkippableFact]
    public async Task Malformed_json_is_400_naming_the_position_without_a_stack_trace()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var response = await client.PostAsync("/api/v1/batches",
            new StringContent("{\"batchId\":\"" + Guid.NewGuid() + "\",\n \"orders\": [ {\"orderId\": 12x } ] }", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("line 2", body);
        Assert.Contains("orders[0].orderId", body);
        Assert.DoesNotContain("   at ", body);
    }

    [SkippableFact]
    public async Task Twenty_concurrent_identical_uploads_make_one_order_and_nineteen_duplicates()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var batch = Scenario.Batch(Scenario.Order(2001, Earlier));
        using var gate = new SemaphoreSlim(0);
        var uploads = Enumerable.Range(0, 20).Select(async _ =>
        {
            await gate.WaitAsync();
            return await Scenario.UploadAsync(client, batch);
        }).ToList();
        gate.Release(20);
        var answers = await Task.WhenAll(uploads);

        var outcomes = answers.Select(a => Assert.Single(a.Results).Outcome).ToList();
        Assert.Equal(1, outcomes.Count(o => o == UploadOutcome.Accepted));
        Assert.Equal(19, outcomes.Count(o => o == UploadOutcome.Duplicate));
        var id = batch.Orders[0].OrderId;
        Assert.Equal(1, await cloud.Api.WithDbAsync(db => db.OrderClaims.CountAsync(o => o.OrderId == id)));
        Assert.Equal(1, await cloud.Api.WithDbAsync(db => Outcomes.StoredCountAsync(db, [id])));
        Assert.Equal(1, await cloud.Api.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(id.ToString()))));
    }

    /// <summary>
    /// On PostgreSQL the Api stores new orders with binary COPY built from the EF model: every field an
    /// agent sends must come back as sent, and a stored order whose link breaks with the newcomer is
    /// still flagged (an EF update in the same transaction as the COPY).
    /// </summary>
    [SkippableFact]
    public async Task An_order_stored_by_the_bulk_path_keeps_every_field_and_its_chain_flags()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var lines = new[]
        {
            new OfflineOrderLine("TS-0400001", "外套(手打)", LineType.Regular, 1.5m, 500m, "typed", "snap-7"),
            new OfflineOrderLine("FD-0500049", null, LineType.AddOn, 1, 91m, "catalog", "snap-7"),
        };
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        var first = new OfflineOrder(Guid.NewGuid(), 3001, Earlier, "S001-E02", "0909847665", lines,
            [new OfflinePayment("card", total - 100, "AUTH-778899"), new OfflinePayment("cash", 100)], total,
            PreviousHash: "h-3000", Hash: "h-3001");
        // Its successor, uploaded first, names a previous hash that is not first's.
        var second = Scenario.Order(3002, Earlier.AddMinutes(1)) with { PreviousHash = "h-WRONG", Hash = "h-3002" };

        var answer = await Scenario.UploadAsync(client, Scenario.Batch(second));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Results).Outcome);
        Assert.False(await ChainBrokenAsync(second.OrderId));
        answer = await Scenario.UploadAsync(client, Scenario.Batch(first));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Results).Outcome);

        // Stored by COPY as a received order, written final by the worker: every field as sent.
        Assert.True(await ChainBrokenAsync(second.OrderId));
        await Scenario.WaitUntilFinalAsync(client, [first.OrderId, second.OrderId], TimeSpan.FromSeconds(60));
        var stored = await cloud.Api.WithDbAsync(db => db.Orders.AsNoTracking()
            .Include(o => o.Lines).Include(o => o.Payments).Include(o => o.History)
            .SingleAsync(o => o.Id == first.OrderId));
        Assert.Equal((3001L, "S001", "S001-R1", "S001-E02", "0909847665", total, "h-3000", "h-3001"),
            (stored.LocalNumber, stored.StoreId, stored.RegisterId, stored.StaffId, stored.CustomerPhone, stored.Total, stored.PreviousHash, stored.Hash));
        Assert.Equal(first.SoldAt.ToUnixTimeMilliseconds(), stored.SoldAt.ToUnixTimeMilliseconds());
        Assert.Equal(
            lines.Select((l, i) => (i + 1, l.Sku, l.Name, l.Type, l.Quantity, l.UnitPrice, l.PriceSource, l.SnapshotVersion)),
            stored.Lines.OrderBy(l => l.LineNumber).Select(l => (l.LineNumber, l.Sku, l.TypedName, l.Type, l.Quantity, l.ChargedUnitPrice, l.PriceSource, l.SnapshotVersion)));
        Assert.Equal(
            new[] { (1, "card", total - 100, (string?)"AUTH-778899"), (2, "cash", 100m, null) },
            stored.Payments.OrderBy(p => p.PaymentNumber).Select(p => (p.PaymentNumber, p.Method, p.Amount, p.Reference)));
        Assert.Contains(stored.History, h => h.Status == OrderStatus.Received && h.Id > 0);
        Assert.False(stored.ChainBroken);
        Assert.True(await ChainBrokenAsync(second.OrderId));
    }

    /// <summary>The chain flag of an order, waiting or final.</summary>
    private Task<bool> ChainBrokenAsync(Guid id) => cloud.Api.WithDbAsync(async db =>
        await db.ReceivedOrders.Where(o => o.Id == id).Select(o => o.ChainBroken)
            .Concat(db.Orders.Where(o => o.Id == id).Select(o => o.ChainBroken)).SingleAsync());

    /// <summary>Two batches sharing one order race: the shared order is stored once and each batch's own order is accepted.</summary>
    [SkippableFact]
    public async Task Two_batches_racing_on_a_shared_order_store_it_once_and_keep_their_own_orders()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        for (var round = 0; round < 5; round++)
        {
            var shared = Scenario.Order(4000 + 10 * round, Earlier);
            var a = Scenario.Batch(shared, Scenario.Order(4001 + 10 * round, Earlier));
            var b = Scenario.Batch(Scenario.Order(4002 + 10 * round, Earlier), shared);
            var answers = await Task.WhenAll(Scenario.UploadAsync(client, a), Scenario.UploadAsync(client, b));

            var forShared = answers.SelectMany(x => x.Results).Where(r => r.OrderId == shared.OrderId).Select(r => r.Outcome).Order().ToList();
            Assert.Equal([UploadOutcome.Accepted, UploadOutcome.Duplicate], forShared);
            Assert.All(answers.SelectMany(x => x.Results).Where(r => r.OrderId != shared.OrderId), r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
            var ids = new[] { shared.OrderId, a.Orders[1].OrderId, b.Orders[0].OrderId };
            Assert.Equal(3, await cloud.Api.WithDbAsync(db => db.OrderClaims.CountAsync(o => ids.Contains(o.OrderId))));
            Assert.Equal(3, await cloud.Api.WithDbAsync(db => Outcomes.StoredCountAsync(db, ids)));
        }
    }

    [SkippableFact]
    public async Task A_register_key_reaches_only_its_own_store()
    {
        var api = cloud.Require().Api;
        using var s001 = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var created = await (await hq.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S002"))).Content.ReadFromJsonAsync<IssuedKey>();
        using var s002 = api.CreateRegisterClient(created!.ApiKey);

        var s002Batch = new UploadBatchRequest(Guid.NewGuid(), "S002", created.Id,
            [Scenario.Order(1, Earlier) with { StaffId = "S002-E02" }]);
        var accepted = await Scenario.UploadAsync(s002, s002Batch);
        Assert.Equal(UploadOutcome.Accepted, accepted.Results[0].Outcome);
        var s002Order = accepted.Results[0].OrderId;

        Assert.Equal(HttpStatusCode.Forbidden, (await s001.PostAsJsonAsync("/api/v1/batches", s002Batch with { BatchId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.PostAsJsonAsync("/api/v1/batches", Scenario.Batch(Scenario.Order(3001, Earlier)) with { RegisterId = "S001-R2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.GetAsync($"/api/v1/orders/{s002Order}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.GetAsync($"/api/v1/batches/{s002Batch.BatchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.GetAsync("/api/v1/stores/S002/uploads")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.GetAsync("/api/v1/stores/S002/snapshot")).StatusCode);
        var statuses = await s001.GetFromJsonAsync<OrderStatusView[]>($"/api/v1/orders/status?ids={s002Order}");
        Assert.False(Assert.Single(statuses!).Found);
        Assert.Equal(HttpStatusCode.Forbidden, (await s001.PostAsJsonAsync("/api/v1/registers", new CreateRegisterRequest("S001"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hq.GetAsync($"/api/v1/orders/{s002Order}")).StatusCode);

        // Rotating the key retires the old one at once.
        var rotated = await (await hq.PostAsync($"/api/v1/registers/{created.Id}/keys", null)).Content.ReadFromJsonAsync<IssuedKey>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await s002.GetAsync($"/api/v1/orders/{s002Order}")).StatusCode);
        using var s002New = api.CreateRegisterClient(rotated!.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await s002New.GetAsync($"/api/v1/orders/{s002Order}")).StatusCode);
    }

    [SkippableFact]
    public async Task No_key_or_a_wrong_key_is_401_problem_details()
    {
        using var anonymous = cloud.Require().Api.CreateClient();
        var response = await anonymous.GetAsync($"/api/v1/orders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        using var wrong = cloud.Api.CreateRegisterClient("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync($"/api/v1/orders/{Guid.NewGuid()}")).StatusCode);
    }

    [SkippableFact]
    public async Task Status_endpoints_follow_a_batch_to_its_final_state()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var batch = Scenario.ThreeOrders(Earlier, firstLocalNumber: 4001);
        await Scenario.UploadAsync(client, batch);
        var ids = batch.Orders.Select(o => o.OrderId).ToList();
        await Scenario.WaitUntilFinalAsync(client, ids, TimeSpan.FromSeconds(60));

        var statuses = await client.GetFromJsonAsync<OrderStatusView[]>($"/api/v1/orders/status?ids={string.Join(',', ids)},{Guid.Empty}");
        Assert.Equal([OrderStatus.Reconciled, OrderStatus.NeedsReview, OrderStatus.Reconciled], statuses!.Take(3).Select(s => s.Status!.Value));
        Assert.False(statuses![3].Found);

        var view = await client.GetFromJsonAsync<BatchView>($"/api/v1/batches/{batch.BatchId}");
        Assert.Equal(3, view!.AcceptedCount);
        Assert.Equal(ids.Order(), view.Orders.Select(o => o.OrderId).Order());

        var needsReview = await client.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?status=NeedsReview&pageSize=200");
        Assert.Contains(needsReview!.Items, r => r.OrderId == ids[1] && r.StatusReason!.Contains(Scenario.UnknownSku));
        Assert.All(needsReview.Items, r => Assert.Equal(OrderStatus.NeedsReview, r.Status));
        var withOverride = await client.GetFromJsonAsync<Page<UploadRecord>>("/api/v1/stores/S001/uploads?status=Reconciled&pageSize=200");
        Assert.Equal(1, withOverride!.Items.Single(r => r.OrderId == ids[0]).OverrideCount);
    }
}
