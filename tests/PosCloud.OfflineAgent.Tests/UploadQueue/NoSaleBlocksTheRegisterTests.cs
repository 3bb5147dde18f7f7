using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.UploadQueue;

/// <summary>
/// The real agent (in-process) against a stand-in cloud that refuses one sale, fails one batch forever or forgets
/// a sale it had accepted: the other sales still upload, the stuck one says why, nothing is sent twice into the cloud.
/// </summary>
public sealed class NoSaleBlocksTheRegisterTests
{
    private static readonly string LongName = new('長', 250);

    private static Task<InProcessAgent> StartAgentAsync(FakeCloud cloud, params string[] extra) => InProcessAgent.StartAsync(100, null, 50,
    [
        $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:FailuresToOffline=2", "--Cloud:SuccessesToOnline=1",
        "--Cloud:RequestTimeout=00:00:05", "--Agent:ManagerPin=2468",
        "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200",
        "--Upload:IdleInterval=00:00:00.200", "--Upload:SplitAfterFailures=2", "--Upload:BlockedRetryInterval=00:01:00",
        .. extra,
    ]);

    private static object Sale(string? name) => new
    {
        staffId = "S001-E02",
        lines = new[] { new { sku = "TS-0400001", name, type = "regular", quantity = 1, unitPrice = 500m } },
        paymentMethod = "cash",
        cashTendered = 1000,
    };

    private static async Task<Guid> SellAsync(InProcessAgent agent, string? name = null)
    {
        var (r, body) = await agent.SellAsync(Sale(name));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return body.GetProperty("sale").GetProperty("orderId").GetGuid();
    }

    private static async Task<Dictionary<Guid, JsonElement>> RowsAsync(InProcessAgent agent) =>
        (await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders?limit=1000"))!.ToDictionary(r => r.GetProperty("orderId").GetGuid());

    private static async Task<Dictionary<Guid, JsonElement>> WaitRowsAsync(InProcessAgent agent, Func<Dictionary<Guid, JsonElement>, bool> done, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        Dictionary<Guid, JsonElement> rows;
        do
        {
            rows = await RowsAsync(agent);
            if (done(rows)) return rows;
            await Task.Delay(150);
        } while (DateTime.UtcNow < until);
        throw new TimeoutException($"Never got to: {what}. Rows: {string.Join("; ", rows.Values.Select(r => $"#{r.GetProperty("localNumber")} {r.GetProperty("state")}"))}");
    }

    private static string State(JsonElement row) => row.GetProperty("state").GetString()!;

    [Fact]
    public async Task A_sale_the_cloud_refuses_is_failed_with_the_field_named_the_later_sales_upload_and_a_manager_correction_uploads_it_once_with_history()
    {
        await using var cloud = await FakeCloud.StartAsync();
        // As the cloud's validator answers: per order, naming the field, the others of the batch taken.
        cloud.Reject = (o, i) => o.Lines.Select((l, n) => (l, n)).FirstOrDefault(x => x.l.Name is { Length: > 200 }) is { l: not null } bad
            ? new FieldError($"orders[{i}].lines[{bad.n}].name", "at most 200 characters") : null;
        cloud.Healthy = false;
        await using var agent = await StartAgentAsync(cloud);
        var first = await SellAsync(agent);
        var refused = await SellAsync(agent, LongName);
        var later = new[] { await SellAsync(agent), await SellAsync(agent) };
        cloud.Healthy = true;

        var rows = await WaitRowsAsync(agent, r => r.Values.All(x => State(x) is "Reconciled" or "Rejected"), "every sale uploaded or refused");
        Assert.Equal("Rejected", State(rows[refused]));
        Assert.Equal("lines[0].name: at most 200 characters", rows[refused].GetProperty("reasons").GetString());
        Assert.True(rows[refused].GetProperty("correctable").GetBoolean());
        Assert.All(later.Append(first), id => Assert.Equal("Reconciled", State(rows[id])));
        Assert.Equal(3, cloud.Stored.Count);
        var status = await agent.StatusAsync();
        Assert.Equal(1, status.GetProperty("refused").GetInt32());
        Assert.Equal(0, status.GetProperty("uploadBlocked").GetInt32());
        Assert.Equal(1, status.GetProperty("unsynced").GetInt32());

        // Correcting needs a manager's PIN, and only typed fields.
        var correction = new { field = "lines[0].name", value = "長外套（品名過長已修正）" };
        var noPin = await agent.Client.PostAsJsonAsync($"api/orders/{refused}/correct", new { managerPin = "1111", changes = new[] { correction } });
        Assert.Equal(HttpStatusCode.Forbidden, noPin.StatusCode);
        var price = await agent.Client.PostAsJsonAsync($"api/orders/{refused}/correct", new { managerPin = "2468", changes = new[] { new { field = "lines[0].unitPrice", value = "1" } } });
        Assert.Equal(HttpStatusCode.BadRequest, price.StatusCode);
        Assert.Contains("lines[0].unitPrice", await price.Content.ReadAsStringAsync());
        var ok = await agent.Client.PostAsJsonAsync($"api/orders/{refused}/correct", new { managerPin = "2468", changes = new[] { correction } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        rows = await WaitRowsAsync(agent, r => State(r[refused]) == "Reconciled", "the corrected sale reconciled");
        Assert.Equal(1, rows[refused].GetProperty("sendCount").GetInt32());
        Assert.Equal(correction.value, cloud.Stored[refused].Lines[0].Name);
        Assert.Equal(4, cloud.Stored.Count); // same orderId, stored once
        Assert.Equal(2, cloud.TimesSent(refused));
        var detail = await agent.Client.GetFromJsonAsync<JsonElement>($"api/orders/{refused}");
        var history = Assert.Single(detail.GetProperty("corrections").EnumerateArray());
        Assert.Equal("lines[0].name", history.GetProperty("field").GetString());
        Assert.Equal(LongName, history.GetProperty("oldValue").GetString());
        Assert.Equal(correction.value, history.GetProperty("newValue").GetString());
        Assert.Equal("store-manager-pin", history.GetProperty("correctedBy").GetString());
        Assert.Contains("at most 200 characters", history.GetProperty("cloudReasons").GetString());
        Assert.Equal(0, (await agent.StatusAsync()).GetProperty("unsynced").GetInt32());

        // A sale the cloud has cannot be "corrected".
        var again = await agent.Client.PostAsJsonAsync($"api/orders/{refused}/correct", new { managerPin = "2468", changes = new[] { correction } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_batch_answered_500_forever_is_split_the_others_upload_and_the_bad_sale_alone_is_upload_blocked_and_not_retried_in_a_loop()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.FailBatch = b => b.Orders.Any(o => o.Lines.Any(l => l.Name == "POISON")) ? 500 : null;
        cloud.Healthy = false;
        await using var agent = await StartAgentAsync(cloud);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await SellAsync(agent, i == 2 ? "POISON" : null));
        var poison = ids[2];
        cloud.Healthy = true;

        var rows = await WaitRowsAsync(agent, r => r.Values.Count(x => State(x) == "Reconciled") == 5 && State(r[poison]) == "Blocked", "five uploaded, one blocked");
        Assert.Contains("500", rows[poison].GetProperty("uploadBlockedReason").GetString());
        Assert.Equal(5, cloud.Stored.Count);
        Assert.DoesNotContain(poison, cloud.Stored.Keys);
        var status = await agent.StatusAsync();
        Assert.Equal(1, status.GetProperty("uploadBlocked").GetInt32());
        Assert.Contains("500", status.GetProperty("uploadBlockedReason").GetString());

        // The first batch (all six) was sent again with the SAME batchId until it was split; the splits have new ids.
        var uploads = cloud.Uploads.ToList();
        var firstBatch = uploads[0].Request.BatchId;
        Assert.Equal(6, uploads[0].Request.Orders.Count);
        Assert.Equal(2, uploads.Count(u => u.Request.BatchId == firstBatch));
        Assert.Equal(uploads.Count(u => u.Status == 202), uploads.Where(u => u.Status == 202).Select(u => u.Request.BatchId).Distinct().Count());

        // Set aside: not retried in a tight loop (Upload:BlockedRetryInterval is a minute here).
        var sent = cloud.TimesSent(poison);
        await Task.Delay(1500);
        Assert.Equal(sent, cloud.TimesSent(poison));

        // New sales still go.
        var after = await SellAsync(agent);
        await WaitRowsAsync(agent, r => State(r[after]) == "Reconciled", "a new sale uploaded past the blocked one");

        // A manager corrects the typed name: it goes in a new batch, same orderId, and is taken.
        var ok = await agent.Client.PostAsJsonAsync($"api/orders/{poison}/correct", new { managerPin = "2468", changes = new[] { new { field = "lines[0].name", value = "外套" } } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await WaitRowsAsync(agent, r => State(r[poison]) == "Reconciled", "the corrected blocked sale uploaded");
        Assert.Equal(0, (await agent.StatusAsync()).GetProperty("uploadBlocked").GetInt32());
        Assert.Equal(7, cloud.Stored.Count);
    }

    [Fact]
    public async Task A_batch_never_answered_keeps_its_batchId_until_the_cloud_says_it_never_received_it_then_is_split()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.Hang = b => b.Orders.Any(o => o.Lines.Any(l => l.Name == "HANG"));
        cloud.Healthy = false;
        await using var agent = await StartAgentAsync(cloud, "--Cloud:RequestTimeout=00:00:01");
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(await SellAsync(agent, i == 1 ? "HANG" : null));
        cloud.Healthy = true;

        var rows = await WaitRowsAsync(agent, r => r.Values.Count(x => State(x) == "Reconciled") == 3 && State(r[ids[1]]) == "Blocked", "three uploaded, the unanswered one blocked", 60);
        Assert.Contains("did not answer", rows[ids[1]].GetProperty("uploadBlockedReason").GetString());
        var uploads = cloud.Uploads.ToList();
        // No answer: the same batchId again (the cloud might have stored it), split only after it said it never received it.
        Assert.Equal(2, uploads.Count(u => u.Request.BatchId == uploads[0].Request.BatchId));
        Assert.Equal(3, cloud.Stored.Count);
        Assert.DoesNotContain(ids[1], cloud.Stored.Keys);
    }

    [Fact]
    public async Task A_sale_the_cloud_forgot_after_a_restore_is_sent_again_with_its_orderId_only_after_the_grace_period()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await StartAgentAsync(cloud, "--Upload:MissingInCloudGrace=00:00:03", "--Upload:PresenceCheckInterval=00:00:01");
        var ids = new[] { await SellAsync(agent), await SellAsync(agent), await SellAsync(agent) };
        await WaitRowsAsync(agent, r => ids.All(id => State(r[id]) == "Reconciled"), "all reconciled");
        Assert.All(ids, id => Assert.Equal(1, cloud.TimesSent(id)));

        // The cloud's database is restored from a backup taken before the second sale arrived.
        Assert.True(cloud.Stored.TryRemove(ids[1], out _));
        var forgotAt = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        Assert.Equal(1, cloud.TimesSent(ids[1])); // within the grace period: not yet

        // The row was Reconciled all along and the cloud stores the sale before the agent reads the answer: wait for the
        // agent to have recorded the resend too.
        var rows = await WaitRowsAsync(agent, r => State(r[ids[1]]) == "Reconciled" && cloud.Stored.ContainsKey(ids[1])
            && r[ids[1]].GetProperty("sendCount").GetInt32() == 1, "the forgotten sale sent again");
        var resent = cloud.Uploads.Where(u => u.Request.Orders.Any(o => o.OrderId == ids[1])).Select(u => u.At).ToList();
        Assert.Equal(2, resent.Count);
        Assert.True(resent[1] - forgotAt >= TimeSpan.FromSeconds(3), $"re-sent {(resent[1] - forgotAt).TotalSeconds:0.0} s after the cloud forgot it");
        Assert.Equal(1, rows[ids[1]].GetProperty("sendCount").GetInt32());
        // The other two were never sent again.
        Assert.Equal(1, cloud.TimesSent(ids[0]));
        Assert.Equal(1, cloud.TimesSent(ids[2]));
    }
}
