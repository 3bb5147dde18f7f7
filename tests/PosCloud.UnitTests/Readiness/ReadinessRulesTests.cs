using PosCloud.Api.Readiness;
using PosCloud.Contracts.Readiness;

namespace PosCloud.UnitTests.Readiness;

/// <summary>Each readiness rule raised and cleared, with the default settings (24 h, 50 numbers, 7 days, 2 min).</summary>
public class ReadinessRulesTests
{
    private static readonly ReadinessOptions Defaults = new();
    // 2026-11-20 12:00 Taiwan: period 11512 (Nov–Dec) ends 2027-01-01 00:00 +08 — more than 7 days away.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private static ReadinessFacts Healthy(DateTimeOffset now) =>
        new(now.AddSeconds(-30), now.AddMinutes(-5), "11512", 500, 0, "ok", null, 1.5);

    private static NotReadyReason[] Reasons(ReadinessFacts f, DateTimeOffset now) =>
        ReadinessRules.Evaluate(f, now, Defaults).Select(r => r.Reason).ToArray();

    [Fact]
    public void A_healthy_register_is_ready() => Assert.Empty(Reasons(Healthy(Now), Now));

    [Fact]
    public void Never_heard_from_is_no_heartbeat_and_nothing_else()
    {
        var f = new ReadinessFacts(null, null, null, 0, 0, "none", null, 0);
        Assert.Equal([NotReadyReason.NoHeartbeat], Reasons(f, Now));
    }

    [Fact]
    public void Missing_heartbeat_raised_after_the_limit_and_cleared_by_a_new_one()
    {
        var f = Healthy(Now) with { LastHeartbeatAt = Now.AddMinutes(-5).AddSeconds(-1) };
        var raised = Assert.Single(ReadinessRules.Evaluate(f, Now, Defaults));
        Assert.Equal(NotReadyReason.NoHeartbeat, raised.Reason);
        Assert.Equal(f.LastHeartbeatAt!.Value.AddMinutes(5), raised.Onset);
        Assert.Empty(Reasons(f with { LastHeartbeatAt = Now.AddMinutes(-4) }, Now));
    }

    [Fact]
    public void Stale_snapshot_raised_past_24_hours_and_cleared_by_a_fresh_one()
    {
        var f = Healthy(Now) with { SnapshotCheckedAt = Now.AddHours(-24).AddSeconds(-1) };
        var raised = Assert.Single(ReadinessRules.Evaluate(f, Now, Defaults));
        Assert.Equal(NotReadyReason.SnapshotStale, raised.Reason);
        Assert.Equal(f.SnapshotCheckedAt!.Value.AddHours(24), raised.Onset);
        Assert.Empty(Reasons(f with { SnapshotCheckedAt = Now.AddHours(-23) }, Now));
        Assert.Equal([NotReadyReason.SnapshotStale], Reasons(f with { SnapshotCheckedAt = null }, Now));
    }

    [Fact]
    public void Numbers_under_the_low_water_mark_raised_and_cleared_at_the_mark()
    {
        Assert.Equal([NotReadyReason.InvoiceNumbersLow], Reasons(Healthy(Now) with { InvoiceNumbersLeft = 49 }, Now));
        Assert.Empty(Reasons(Healthy(Now) with { InvoiceNumbersLeft = 50 }, Now));
    }

    [Fact]
    public void No_next_period_block_raised_within_7_days_of_the_period_end_and_cleared_by_a_block()
    {
        var end = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var before = end.AddDays(-7).AddSeconds(-1);
        Assert.Empty(Reasons(Healthy(before) with { NextPeriodInvoiceNumbers = 0 }, before));
        var at = end.AddDays(-7);
        var f = Healthy(at) with { NextPeriodInvoiceNumbers = 0 };
        var raised = ReadinessRules.Evaluate(f, at, Defaults);
        Assert.Equal(NotReadyReason.NoNextPeriodBlock, Assert.Single(raised).Reason);
        Assert.Equal(end.AddDays(-7), raised[0].Onset);
        Assert.Empty(Reasons(f with { NextPeriodInvoiceNumbers = 250 }, at));
    }

    [Fact]
    public void Period_end_rolls_over_the_year_in_Taiwan_time()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), ReadinessRules.PeriodEnd("11512"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), ReadinessRules.PeriodEnd("11502"));
        Assert.Null(ReadinessRules.PeriodEnd("11513"));
    }

    [Fact]
    public void Printer_error_raised_and_cleared_warning_is_not_an_error()
    {
        Assert.Equal([NotReadyReason.PrinterError], Reasons(Healthy(Now) with { PrinterState = "error", PrinterMessage = "紙張用完" }, Now));
        Assert.Empty(Reasons(Healthy(Now) with { PrinterState = "warning" }, Now));
        Assert.Empty(Reasons(Healthy(Now) with { PrinterState = "none" }, Now));
    }

    [Fact]
    public void Clock_skew_raised_beyond_2_minutes_either_way_and_cleared_within()
    {
        Assert.Equal([NotReadyReason.ClockSkew], Reasons(Healthy(Now) with { ClockOffsetSeconds = 121 }, Now));
        Assert.Equal([NotReadyReason.ClockSkew], Reasons(Healthy(Now) with { ClockOffsetSeconds = -300 }, Now));
        Assert.Empty(Reasons(Healthy(Now) with { ClockOffsetSeconds = -120 }, Now));
    }

    [Fact]
    public void Settings_move_the_limits()
    {
        var strict = new ReadinessOptions { MaxSnapshotAge = TimeSpan.FromHours(1), LowNumbersMark = 1000, MaxClockOffset = TimeSpan.FromSeconds(1) };
        var reasons = ReadinessRules.Evaluate(Healthy(Now), Now, strict).Select(r => r.Reason);
        Assert.Equal([NotReadyReason.InvoiceNumbersLow, NotReadyReason.ClockSkew], reasons);
    }

    [Fact]
    public void First_seen_times_are_kept_while_raised_and_forgotten_when_cleared()
    {
        var t0 = Now; var t1 = Now.AddMinutes(1); var t2 = Now.AddMinutes(2);
        var a = ReadinessRules.Track(new Dictionary<NotReadyReason, DateTimeOffset>(), [NotReadyReason.PrinterError], t0);
        var b = ReadinessRules.Track(a, [NotReadyReason.PrinterError, NotReadyReason.ClockSkew], t1);
        Assert.Equal(t0, b[NotReadyReason.PrinterError]);
        Assert.Equal(t1, b[NotReadyReason.ClockSkew]);
        var c = ReadinessRules.Track(b, [NotReadyReason.ClockSkew], t2);
        Assert.False(c.ContainsKey(NotReadyReason.PrinterError));
        var d = ReadinessRules.Track(c, [NotReadyReason.PrinterError, NotReadyReason.ClockSkew], t2.AddMinutes(1));
        Assert.Equal(t2.AddMinutes(1), d[NotReadyReason.PrinterError]);
        // Round trip through the stored column.
        Assert.Equal(d.OrderBy(p => p.Key), ReadinessRules.ParseSince(ReadinessRules.FormatSince(d)).OrderBy(p => p.Key));
    }

    [Fact]
    public void Since_is_the_earlier_of_first_seen_and_the_limit_crossing()
    {
        var seen = new Dictionary<NotReadyReason, DateTimeOffset> { [NotReadyReason.SnapshotStale] = Now };
        Assert.Equal(Now.AddHours(-1), ReadinessRules.Since(new RaisedReason(NotReadyReason.SnapshotStale, Now.AddHours(-1)), seen, Now));
        Assert.Equal(Now, ReadinessRules.Since(new RaisedReason(NotReadyReason.SnapshotStale, Now.AddHours(1)), seen, Now));
        Assert.Equal(Now.AddDays(-1), ReadinessRules.Since(new RaisedReason(NotReadyReason.PrinterError, null), seen, Now.AddDays(-1)));
    }

    [Fact]
    public void The_view_names_every_reason_in_both_languages_and_since_when()
    {
        var row = new PosCloud.Core.Readiness.RegisterReadiness
        {
            RegisterId = "S001-R1", StoreId = "S001", ReceivedAt = Now.AddSeconds(-10), SnapshotCheckedAt = Now.AddHours(-30),
            InvoicePeriod = "11512", InvoiceNumbersLeft = 500, PrinterState = "error", PrinterMessage = "paper out", ClockOffsetSeconds = -300,
            ReasonsSince = $"PrinterError={Now.AddHours(-2).ToUnixTimeMilliseconds()}",
        };
        var view = ReadinessQuery.View("S001", "台北店", "S001-R1", row, Now, Defaults);
        Assert.False(view.Ready);
        Assert.Equal([NotReadyReason.SnapshotStale, NotReadyReason.PrinterError, NotReadyReason.ClockSkew], view.Issues.Select(i => i.Reason));
        Assert.Equal(Now.AddHours(-6), view.NotReadySince); // the snapshot crossed 24 h six hours ago
        Assert.Contains("快了", view.Issues[2].MessageZh);
        Assert.Contains("ahead of", view.Issues[2].MessageEn);
        Assert.Contains("paper out", view.Issues[1].MessageEn);
        Assert.True(ReadinessQuery.View("S001", "台北店", "S001-R1", null, Now, Defaults).Issues.Single().Reason == NotReadyReason.NoHeartbeat);
    }

    [Fact]
    public void The_metric_counts_registers_per_reason()
    {
        var a = ReadinessQuery.View("S001", "x", "S001-R1", null, Now, Defaults);
        var b = ReadinessQuery.View("S001", "x", "S001-R2", null, Now, Defaults);
        var counts = ReadinessMetrics.Count([a, b]);
        Assert.Equal(2, counts[NotReadyReason.NoHeartbeat]);
        Assert.Equal(0, counts[NotReadyReason.ClockSkew]);
    }

    [Fact]
    public void Heartbeat_fields_are_checked_naming_the_field()
    {
        var good = new RegisterHeartbeat(Now, "v1", 10, "11512", 100, 0, "ok", 5, 0.2, "1.0.0");
        Assert.Null(HeartbeatApi.Problem(good));
        Assert.Equal("printerState", Field(good with { PrinterState = "on fire" }));
        Assert.Equal("invoicePeriod", Field(good with { InvoicePeriod = "11513" }));
        Assert.Equal("invoiceNumbersLeft", Field(good with { InvoiceNumbersLeft = -1 }));
        Assert.Equal("snapshotAgeSeconds", Field(good with { SnapshotAgeSeconds = -1 }));
        Assert.Equal("agentVersion", Field(good with { AgentVersion = new string('x', 65) }));
        Assert.Equal("sentAt", Field(good with { SentAt = default }));

        static string? Field(RegisterHeartbeat h) => HeartbeatApi.Problem(h)?.ProblemDetails.Extensions["field"] as string;
    }

    [Fact]
    public void Options_refuse_zero_or_negative_times()
    {
        var bad = new ReadinessOptions { MaxClockOffset = TimeSpan.Zero, NextPeriodBlockLeadTime = TimeSpan.FromDays(90) };
        var problems = bad.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(bad)).Select(r => r.MemberNames.Single()).ToList();
        Assert.Equal([nameof(ReadinessOptions.MaxClockOffset), nameof(ReadinessOptions.NextPeriodBlockLeadTime)], problems);
        Assert.Empty(new ReadinessOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new ReadinessOptions())));
    }
}
