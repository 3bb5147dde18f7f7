using System.Net;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;
using PosCloud.OfflineAgent.UploadRecords;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class StuckBatchRulesTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.NotImplemented, true)]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)] // the Api's "database briefly away": every batch's trouble
    [InlineData(HttpStatusCode.BadGateway, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Accepted, false)]
    public void Which_answers_mean_nothing_was_stored_and_this_batch_may_be_why(HttpStatusCode status, bool refusedWhole) =>
        Assert.Equal(refusedWhole, StuckBatchRules.RefusedWhole(status));

    [Theory]
    // 5xx answers: same batch until the limit, then split (or set aside when alone).
    [InlineData(10, true, 1, 0, true, 3, StuckBatchStep.RetrySame)]
    [InlineData(10, true, 2, 0, true, 3, StuckBatchStep.RetrySame)]
    [InlineData(10, true, 3, 0, true, 3, StuckBatchStep.Split)]
    [InlineData(2, true, 3, 0, true, 3, StuckBatchStep.Split)]
    [InlineData(1, true, 3, 0, true, 3, StuckBatchStep.SetAside)]
    [InlineData(1, true, 9, 0, false, 3, StuckBatchStep.SetAside)]
    // No answer: never split blind. During an outage, wait (same batchId); while the cloud is reachable, ask it first.
    [InlineData(10, false, 0, 2, true, 3, StuckBatchStep.RetrySame)]
    [InlineData(10, false, 0, 30, false, 3, StuckBatchStep.RetrySame)]
    [InlineData(10, false, 0, 3, true, 3, StuckBatchStep.AskCloudIfStored)]
    [InlineData(1, false, 0, 3, true, 3, StuckBatchStep.AskCloudIfStored)]
    public void After_a_failure(int orders, bool answered5xx, int serverFailures, int noAnswer, bool reachable, int splitAfter, StuckBatchStep expected) =>
        Assert.Equal(expected, StuckBatchRules.AfterFailure(orders, answered5xx, serverFailures, noAnswer, reachable, splitAfter));

    [Fact]
    public void The_cloud_never_received_it_split_or_set_aside()
    {
        Assert.Equal(StuckBatchStep.Split, StuckBatchRules.NotStored(2));
        Assert.Equal(StuckBatchStep.SetAside, StuckBatchRules.NotStored(1));
    }

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(5, 3, 2)]
    [InlineData(100, 50, 50)]
    public void Halves_keep_the_order_and_lose_nothing(int n, int first, int second)
    {
        var items = Enumerable.Range(1, n).ToList();
        var (a, b) = StuckBatchRules.Halves(items);
        Assert.Equal(first, a.Count);
        Assert.Equal(second, b.Count);
        Assert.Equal(items, a.Concat(b));
        Assert.Throws<ArgumentException>(() => StuckBatchRules.Halves([1]));
    }

    [Fact]
    public void A_set_aside_sale_waits_at_least_the_interval_growing_to_about_eight_times_never_a_tight_loop()
    {
        var interval = TimeSpan.FromMinutes(5);
        Assert.InRange(StuckBatchRules.SetAsideWait(0, interval, 0), interval, interval * 1.5);
        Assert.InRange(StuckBatchRules.SetAsideWait(0, interval, 1), interval, interval * 1.5);
        Assert.True(StuckBatchRules.SetAsideWait(3, interval, 0) > StuckBatchRules.SetAsideWait(1, interval, 1));
        Assert.InRange(StuckBatchRules.SetAsideWait(50, interval, 1), interval * 4, interval * 8.5);
    }
}

public sealed class RestoreRulesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-30T00:00:00Z");
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    [Fact]
    public void Unknown_for_the_grace_period_then_resend_known_again_clears_it()
    {
        Assert.Equal((PresenceVerdict.Present, (DateTimeOffset?)null), RestoreRules.OnStatus(true, null, T0, Grace));
        Assert.Equal((PresenceVerdict.MissingWithinGrace, (DateTimeOffset?)T0), RestoreRules.OnStatus(false, null, T0, Grace));
        Assert.Equal((PresenceVerdict.MissingWithinGrace, (DateTimeOffset?)T0), RestoreRules.OnStatus(false, T0, T0.AddMinutes(9.9), Grace));
        Assert.Equal((PresenceVerdict.Resend, (DateTimeOffset?)T0), RestoreRules.OnStatus(false, T0, T0.AddMinutes(10), Grace));
        // Back before the grace ran out (a replica caught up): forget the clock.
        Assert.Equal((PresenceVerdict.Present, (DateTimeOffset?)null), RestoreRules.OnStatus(true, T0, T0.AddMinutes(5), Grace));
    }

    [Theory]
    [InlineData(AgentOrderState.Uploaded, true)]
    [InlineData(AgentOrderState.Reconciled, true)]
    [InlineData(AgentOrderState.NeedsReview, true)]
    [InlineData(AgentOrderState.Failed, true)]
    [InlineData(AgentOrderState.Pending, false)]
    [InlineData(AgentOrderState.Rejected, false)] // never stored by the cloud: "unknown" is expected, not a loss
    public void Only_sales_the_cloud_had_are_checked(AgentOrderState state, bool check) => Assert.Equal(check, RestoreRules.CloudHadIt(state));
}

public sealed class CorrectionRulesTests
{
    private static LocalOrder Refused() => new()
    {
        State = AgentOrderState.Rejected, CustomerPhone = "0912345678",
        Lines = [new LocalLine { LineNumber = 2, Sku = "B", Name = "second" }, new LocalLine { LineNumber = 1, Sku = "A", Name = new string('x', 250) }],
        Payments = [new LocalPayment { Sequence = 1, Method = "card", Amount = 10, Reference = "R1" }],
    };

    [Fact]
    public void Typed_fields_are_corrected_by_their_wire_path_and_the_old_values_kept()
    {
        var order = Refused();
        var (changes, errors) = CorrectionRules.Plan(order, [new("lines[0].name", " 外套 "), new("customerPhone", ""), new("payments[0].reference", "R2")]);
        Assert.Empty(errors);
        Assert.Equal([new PlannedChange("lines[0].name", new string('x', 250), "外套"), new PlannedChange("customerPhone", "0912345678", null), new PlannedChange("payments[0].reference", "R1", "R2")], changes);
        CorrectionRules.Apply(order, changes);
        Assert.Equal("外套", order.Lines.Single(l => l.LineNumber == 1).Name); // lines[0] is the first line by number
        Assert.Equal("second", order.Lines.Single(l => l.LineNumber == 2).Name);
        Assert.Null(order.CustomerPhone);
        Assert.Equal("R2", order.Payments[0].Reference);
    }

    [Theory]
    [InlineData("lines[0].unitPrice", "1", "correction.notCorrectable")]
    [InlineData("lines[0].sku", "X", "correction.notCorrectable")]
    [InlineData("payments[0].amount", "1", "correction.notCorrectable")]
    [InlineData("lines[5].name", "x", "correction.notCorrectable")]
    [InlineData("staffId", "x", "correction.notCorrectable")]
    [InlineData("lines[1].name", "second", "correction.unchanged")]
    [InlineData("customerPhone", "0912\u0000", "correction.tooLong")]
    public void What_was_sold_cannot_be_corrected_and_bad_values_are_named(string field, string value, string code)
    {
        var (changes, errors) = CorrectionRules.Plan(Refused(), [new(field, value)]);
        Assert.Empty(changes);
        var e = Assert.Single(errors);
        Assert.Equal(code, e.Code);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Longer_than_the_clouds_column_empty_and_twice_are_refused()
    {
        Assert.Equal("correction.tooLong", CorrectionRules.Plan(Refused(), [new("lines[0].name", new string('y', 201))]).Errors.Single().Code);
        Assert.Empty(CorrectionRules.Plan(Refused(), [new("lines[0].name", new string('y', 200))]).Errors);
        Assert.Equal("correction.empty", CorrectionRules.Plan(Refused(), []).Errors.Single().Code);
        Assert.Equal("correction.duplicate", CorrectionRules.Plan(Refused(), [new("customerPhone", "1"), new("customerPhone", "2")]).Errors.Single().Code);
    }

    [Theory]
    [InlineData(AgentOrderState.Rejected, false, true)]
    [InlineData(AgentOrderState.Pending, true, true)]
    [InlineData(AgentOrderState.Pending, false, false)]
    [InlineData(AgentOrderState.Uploaded, false, false)]
    [InlineData(AgentOrderState.Reconciled, false, false)]
    [InlineData(AgentOrderState.Failed, false, false)] // the cloud HAS it (reconciliation failed): HQ fixes it there
    public void Only_a_sale_the_cloud_does_not_have_may_be_corrected(AgentOrderState state, bool blocked, bool may) =>
        Assert.Equal(may, CorrectionRules.MayCorrect(state, blocked));
}

public sealed class RefusalReasonTests
{
    [Fact]
    public void Reasons_name_the_field_inside_the_sale_not_its_place_in_one_batch()
    {
        var r = OutcomeRules.FromUpload(new OrderUploadResult(Guid.NewGuid(), UploadOutcome.Rejected, OrderStatus.Failed,
            [new FieldError("orders[17].lines[0].name", "at most 200 characters"), new FieldError("orders[17].customerPhone", "at most 20 characters"), new FieldError("orders[3]", "An order is null.")]));
        Assert.Equal("lines[0].name: at most 200 characters\ncustomerPhone: at most 20 characters\nAn order is null.", r.Reasons);
    }
}
