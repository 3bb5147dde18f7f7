using System.Net;
using System.Net.Http.Headers;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class RetryRulesTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(7, 1.0, 60000)]   // 64 s capped at 60
    [InlineData(50, 0.0, 30000)]  // no overflow far out
    public void Backoff_doubles_with_equal_jitter_and_a_cap(int attempt, double random, double expectedMs) =>
        Assert.Equal(expectedMs, RetryRules.Backoff(attempt, Base, Max, random).TotalMilliseconds, 3);

    [Fact]
    public void Jitter_spreads_retries_within_half_to_full_wait()
    {
        var waits = Enumerable.Range(0, 100).Select(i => RetryRules.Backoff(4, Base, Max, i / 100.0).TotalMilliseconds).ToList();
        Assert.All(waits, w => Assert.InRange(w, 4000, 8000));
        Assert.True(waits.Distinct().Count() > 50);
    }

    [Fact]
    public void Retry_after_seconds_date_missing_and_absurd()
    {
        var now = DateTimeOffset.Parse("2026-11-27T00:00:00Z");
        Assert.Equal(TimeSpan.FromSeconds(7), RetryRules.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryRules.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Equal(TimeSpan.Zero, RetryRules.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryRules.RetryAfter(null, now));
        Assert.Equal(TimeSpan.FromMinutes(10), RetryRules.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(5)), now));
    }

    [Theory]
    [InlineData(null, AttemptVerdict.RetryWithBackoff)]
    [InlineData(HttpStatusCode.Accepted, AttemptVerdict.Done)]
    [InlineData(HttpStatusCode.TooManyRequests, AttemptVerdict.RetryAfterServerSaid)]
    [InlineData(HttpStatusCode.ServiceUnavailable, AttemptVerdict.RetryWithBackoff)]
    [InlineData(HttpStatusCode.InternalServerError, AttemptVerdict.RetryWithBackoff)]
    [InlineData(HttpStatusCode.RequestTimeout, AttemptVerdict.RetryWithBackoff)]
    [InlineData(HttpStatusCode.Unauthorized, AttemptVerdict.RetryLater)]
    public void Classify(HttpStatusCode? status, AttemptVerdict verdict) => Assert.Equal(verdict, RetryRules.Classify(status));
}

public sealed class OutcomeRulesTests
{
    [Fact]
    public void Upload_results_move_orders()
    {
        var id = Guid.NewGuid();
        Assert.Equal(AgentOrderState.Uploaded, OutcomeRules.FromUpload(new OrderUploadResult(id, UploadOutcome.Accepted, OrderStatus.Received, [])).State);
        Assert.Equal(AgentOrderState.Reconciled, OutcomeRules.FromUpload(new OrderUploadResult(id, UploadOutcome.Duplicate, OrderStatus.Reconciled, [])).State);
        var rejected = OutcomeRules.FromUpload(new OrderUploadResult(id, UploadOutcome.Rejected, OrderStatus.Failed, [new FieldError("orders[0].staffId", "staff X does not belong")]));
        Assert.Equal(AgentOrderState.Rejected, rejected.State);
        Assert.Contains("staffId", rejected.Reasons);
        Assert.True(OutcomeRules.IsUnsynced(AgentOrderState.Rejected));
        Assert.False(OutcomeRules.IsUnsynced(AgentOrderState.Uploaded));
    }
}

public sealed class ConnectivityRulesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-27T00:00:00Z");

    private static ConnectivityState Run(ConnectivityState s, string probes)
    {
        foreach (var p in probes) s = ConnectivityRules.Next(s, p == '+', p == '+' ? null : "refused", 3, 2, T0);
        return s;
    }

    [Theory]
    [InlineData("", Reachability.Unknown)]
    [InlineData("-", Reachability.Unknown)]
    [InlineData("--", Reachability.Unknown)]
    [InlineData("---", Reachability.Offline)]
    [InlineData("+", Reachability.Unknown)]
    [InlineData("++", Reachability.Online)]
    [InlineData("++--", Reachability.Online)]      // two lost probes on flaky Wi-Fi: still online
    [InlineData("++---", Reachability.Offline)]
    [InlineData("---+", Reachability.Offline)]     // one good probe is not a recovery
    [InlineData("---++", Reachability.Online)]
    [InlineData("++-+--+--", Reachability.Online)] // failures must be in a row
    public void Hysteresis(string probes, Reachability expected) => Assert.Equal(expected, Run(ConnectivityState.Initial(T0), probes).Status);

    [Fact]
    public void Since_moves_only_on_a_change()
    {
        var s = ConnectivityRules.Next(ConnectivityState.Initial(T0), false, "x", 1, 1, T0.AddSeconds(5));
        Assert.Equal(T0.AddSeconds(5), s.Since);
        Assert.Equal(T0.AddSeconds(5), ConnectivityRules.Next(s, false, "x", 1, 1, T0.AddSeconds(9)).Since);
    }
}

public sealed class GuardRulesTests
{
    [Theory]
    [InlineData(GuardedAction.SignOut)]
    [InlineData(GuardedAction.ResetData)]
    [InlineData(GuardedAction.ChangeStore)]
    public void Refused_while_unsynced_and_says_how_many(GuardedAction action)
    {
        var d = GuardRules.Decide(action, 3);
        Assert.False(d.Allowed);
        Assert.Equal(3, d.Unsynced);
        Assert.Contains("3 筆", d.MessageZh);
        Assert.Contains("3 sale(s)", d.MessageEn);
        Assert.True(GuardRules.Decide(action, 0).Allowed);
    }

    [Fact]
    public void Manager_pin_store_wide_or_per_manager()
    {
        var pins = new Dictionary<string, string> { ["S001-E01"] = "1357" };
        Assert.Equal("S001-E01", ManagerApproval.Check("1357", "2468", pins).ApprovedBy);
        Assert.Equal(ManagerApproval.StorePinApprover, ManagerApproval.Check("2468", "2468", pins).ApprovedBy);
        Assert.Equal("manager.pin.wrong", ManagerApproval.Check("0000", "2468", pins).Code);
        Assert.Equal("manager.pin.required", ManagerApproval.Check("", "2468", pins).Code);
        Assert.Equal("manager.pin.notConfigured", ManagerApproval.Check("2468", null, new Dictionary<string, string>()).Code);
    }

    [Fact]
    public void Shift_report_counts_offline_and_unsynced()
    {
        var from = DateTimeOffset.Parse("2026-11-27T00:00:00Z");
        LocalOrder O(long n, bool offline, AgentOrderState state, string method, decimal total, int hour) => new()
        {
            Id = Guid.NewGuid(), LocalNumber = n, MadeOffline = offline, State = state, Total = total, SoldAt = from.AddHours(hour), StaffId = "S001-E02",
            Payments = [new LocalPayment { Method = method, Amount = total }],
        };
        var report = ShiftReportRules.Build("S001", "S001-R1", from, from.AddDays(1), from.AddHours(20),
        [
            O(1, false, AgentOrderState.Reconciled, "cash", 100, 1),
            O(2, true, AgentOrderState.Pending, "cash", 200, 2),
            O(3, true, AgentOrderState.Uploaded, "card", 300, 3),
            O(4, true, AgentOrderState.Rejected, "card", 400, 4),
            O(5, true, AgentOrderState.Pending, "cash", 999, -2), // yesterday's shift
        ]);
        Assert.Equal(4, report.SalesCount);
        Assert.Equal(3, report.OfflineCount);
        Assert.Equal(900m, report.OfflineTotal);
        Assert.Equal(300m, report.CashTotal);
        Assert.Equal(700m, report.CardTotal);
        Assert.Equal(2, report.Unsynced);
        Assert.Equal(1, report.AwaitingCloud);
        Assert.Equal([2L, 3L, 4L], report.OfflineSales.Select(s => s.LocalNumber));
    }
}
