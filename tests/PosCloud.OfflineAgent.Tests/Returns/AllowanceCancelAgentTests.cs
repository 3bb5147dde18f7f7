using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Returns;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Returns;

/// <summary>
/// Cancelling an allowance (作廢折讓) through the real agent: the manager's PIN, the reason, the deadline (the
/// allowance's period filed), the return undone (its quantities returnable again, its number never reused), and the
/// cancel travelling to the cloud once with the return sent again.
/// </summary>
public sealed class AllowanceCancelAgentTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CancelAsync(InProcessAgent agent, Guid returnId, string? reason, string? pin)
    {
        var r = await agent.Client.PostAsJsonAsync($"api/returns/{returnId}/cancel-allowance", new { reason, staffId = "S001-E02", managerPin = pin });
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> ReturnBagAsync(InProcessAgent agent, Guid orderId)
    {
        var r = await agent.Client.PostAsJsonAsync("api/returns", ReturnsAgentTests.Return(orderId, whole: false, [(1, 1)]));
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(r.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("return");
    }

    private static IEnumerable<string?> Codes(JsonElement body) => body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString());

    [Fact]
    public async Task A_mistaken_allowance_is_cancelled_with_the_managers_pin_its_return_undone_and_only_until_its_period_is_filed()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 10, 10, 0, 0, Taipei));
        await using var agent = await InProcessAgent.StartAsync(clock, 100, "--Agent:ManagerPin=2468", "--Returns:ManagerApprovalAbove=0");
        var (sold, body) = await agent.SellAsync(ReturnsAgentTests.TwoLineSale());
        Assert.True(sold.IsSuccessStatusCode, body.ToString());
        var orderId = body.GetProperty("sale").GetProperty("orderId").GetGuid();
        var invoice = body.GetProperty("sale").GetProperty("invoiceNumber").GetString();

        // After filing (Jan 16): the bag comes back on an allowance issued in period 11602.
        clock.Set(new DateTimeOffset(2027, 1, 16, 9, 0, 0, Taipei));
        var first = await ReturnBagAsync(agent, orderId);
        var firstId = first.GetProperty("returnId").GetGuid();
        Assert.Equal("11512" + invoice + "1", first.GetProperty("allowanceNumber").GetString());
        var listed = (await agent.Client.GetFromJsonAsync<JsonElement[]>("api/returns"))!.Single().GetProperty("view");
        Assert.True(listed.GetProperty("canCancelAllowance").GetBoolean());
        Assert.Equal("2027-03-15", listed.GetProperty("allowanceCancelLastDay").GetString());
        // Nothing left of the bag while the return stands.
        var sale = await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/sale?orderId={orderId}");
        Assert.Equal(0m, sale.GetProperty("sale").GetProperty("lines")[1].GetProperty("left").GetDecimal());

        // Refused: no PIN, a wrong PIN, no reason. Nothing changes.
        var (noPin, noPinBody) = await CancelAsync(agent, firstId, "折讓開錯", null);
        Assert.Equal(HttpStatusCode.BadRequest, noPin);
        Assert.True(noPinBody.GetProperty("needsManagerPin").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await CancelAsync(agent, firstId, "折讓開錯", "1111")).Status);
        var (noReason, noReasonBody) = await CancelAsync(agent, firstId, " ", "2468");
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("reason.required", Codes(noReasonBody));

        var (ok, cancelled) = await CancelAsync(agent, firstId, "折讓開錯", "2468");
        Assert.Equal(HttpStatusCode.OK, ok);
        var view = cancelled.GetProperty("return");
        Assert.Equal(309m, view.GetProperty("refundTakenBack").GetDecimal());
        Assert.Equal("store-manager-pin", view.GetProperty("allowanceCancelApprovedBy").GetString());
        Assert.Equal("Pending", view.GetProperty("allowanceCancelState").GetString());
        Assert.False(view.GetProperty("canCancelAllowance").GetBoolean());
        var (again, againBody) = await CancelAsync(agent, firstId, "折讓開錯", "2468");
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains("allowance.cancelled", Codes(againBody));

        // The return is undone: the bag can come back again, on a new allowance number (the cancelled one is never reused).
        sale = await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/sale?orderId={orderId}");
        Assert.Equal(1m, sale.GetProperty("sale").GetProperty("lines")[1].GetProperty("left").GetDecimal());
        var second = await ReturnBagAsync(agent, orderId);
        Assert.Equal("11512" + invoice + "2", second.GetProperty("allowanceNumber").GetString());

        // What travels: the return again, with its cancel.
        await using (var db = await agent.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == firstId);
            var wire = ReturnMapping.ToWire(stored);
            Assert.NotNull(wire.Allowance);
            Assert.Equal((stored.AllowanceCancelId!.Value, wire.Allowance!.Number, "折讓開錯", 309m),
                (wire.CancelledAllowance!.CancelId, wire.CancelledAllowance.AllowanceNumber, wire.CancelledAllowance.Reason, wire.CancelledAllowance.RefundTakenBack));
            Assert.Null(stored.BatchId);
        }

        // The shift's cash: 309 paid back twice, 309 taken back once.
        var report = await agent.Client.GetFromJsonAsync<JsonElement>("api/shift-report");
        Assert.Equal(309m, report.GetProperty("cashRefunds").GetDecimal());

        // Once 11602 is filed (from March 16) the second allowance can no longer be cancelled.
        clock.Set(new DateTimeOffset(2027, 3, 16, 0, 0, 1, Taipei));
        var (late, lateBody) = await CancelAsync(agent, second.GetProperty("returnId").GetGuid(), "折讓開錯", "2468");
        Assert.Equal(HttpStatusCode.BadRequest, late);
        Assert.Contains("allowance.filed", Codes(lateBody));
    }

    [Fact]
    public async Task The_cancel_of_an_uploaded_allowance_travels_once_with_its_return_sent_again()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50, "--Agent:ManagerPin=2468", "--Returns:ManagerApprovalAbove=0",
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200");
        // A company buyer's partial return before filing: an allowance (§20 一(一) 但書).
        var (sold, body) = await agent.SellAsync(ReturnsAgentTests.TwoLineSale(buyerTaxId: InProcessAgent.SellerId));
        Assert.True(sold.IsSuccessStatusCode, body.ToString());
        var ret = await ReturnBagAsync(agent, body.GetProperty("sale").GetProperty("orderId").GetGuid());
        var returnId = ret.GetProperty("returnId").GetGuid();
        Assert.Equal("Allowance", ret.GetProperty("document").GetString());

        async Task<JsonElement> WaitFor(Func<JsonElement, bool> done)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            JsonElement v = default;
            while (DateTime.UtcNow < until)
            {
                v = (await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/{returnId}")).GetProperty("return");
                if (done(v)) return v;
                await Task.Delay(150);
            }
            return v;
        }
        var uploaded = await WaitFor(v => v.GetProperty("state").GetString() == "Reconciled");
        Assert.Equal("Reconciled", uploaded.GetProperty("state").GetString());
        Assert.Null(cloud.StoredReturns[returnId].CancelledAllowance);

        var (ok, _) = await CancelAsync(agent, returnId, "開錯折讓", "2468");
        Assert.Equal(HttpStatusCode.OK, ok);
        var answered = await WaitFor(v => v.GetProperty("allowanceCancelState").GetString() == "Accepted");
        Assert.Equal("Accepted", answered.GetProperty("allowanceCancelState").GetString());
        Assert.Equal("Reconciled", answered.GetProperty("state").GetString()); // sent again for its cancel, its own state kept
        var stored = Assert.Single(cloud.StoredAllowanceCancels.Values);
        Assert.Equal((ret.GetProperty("allowanceNumber").GetString(), "開錯折讓"), (stored.AllowanceNumber, stored.Reason));
        await Task.Delay(1000); // the queue has nothing more to send: the cancel went once
        Assert.Single(cloud.Uploads, u => u.Request.Returns?.Any(r => r.ReturnId == returnId && r.CancelledAllowance is not null) == true);
    }
}

/// <summary>A return the cloud holds while its original is not there: the register shows 等待中 with the reason, then 成功.</summary>
public sealed class ReturnWaitingForOriginalTests
{
    [Fact]
    public async Task A_return_waiting_in_the_cloud_for_its_original_shows_waiting_with_the_reason_then_success()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(100, null, 50,
            $"--Cloud:BaseUrl={cloud.Url}", "--Cloud:ProbeInterval=00:00:00.200", "--Cloud:SuccessesToOnline=1",
            "--Upload:BackoffBase=00:00:00.050", "--Upload:BackoffMax=00:00:00.300", "--Upload:StatusPollInterval=00:00:00.200");
        var (sold, body) = await agent.SellAsync(ReturnsAgentTests.TwoLineSale());
        Assert.True(sold.IsSuccessStatusCode, body.ToString());
        var orderId = body.GetProperty("sale").GetProperty("orderId").GetGuid();
        cloud.OriginalsMissing[orderId] = true; // the cloud has not got (or reconciled) the sale: its order view is 404
        var r = await agent.Client.PostAsJsonAsync("api/returns", ReturnsAgentTests.Return(orderId, whole: false, [(1, 1)]));
        var returnId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("return").GetProperty("returnId").GetGuid();

        async Task<JsonElement> WaitFor(Func<JsonElement, bool> done)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            JsonElement v = default;
            while (DateTime.UtcNow < until)
            {
                v = (await agent.Client.GetFromJsonAsync<JsonElement>($"api/returns/{returnId}")).GetProperty("return");
                if (done(v)) return v;
                await Task.Delay(150);
            }
            return v;
        }
        var waiting = await WaitFor(v => v.GetProperty("waitingForOriginal").GetBoolean());
        Assert.True(waiting.GetProperty("waitingForOriginal").GetBoolean(), waiting.ToString());
        Assert.Equal("Uploaded", waiting.GetProperty("state").GetString());
        Assert.Equal(PosCloud.Contracts.Orders.ReturnStatusReasons.WaitingForOriginal, waiting.GetProperty("reasons").GetString());

        cloud.OriginalsMissing.TryRemove(orderId, out _);
        var done = await WaitFor(v => v.GetProperty("state").GetString() == "Reconciled");
        Assert.Equal("Reconciled", done.GetProperty("state").GetString());
        Assert.False(done.GetProperty("waitingForOriginal").GetBoolean());
    }
}
