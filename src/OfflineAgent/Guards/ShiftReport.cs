using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Guards;

public sealed record ShiftSale(long LocalNumber, Guid OrderId, DateTimeOffset SoldAt, string StaffId, string? StaffName, decimal Total, string PaymentMethod, string State, bool MadeOffline, string? ApprovedBy);

/// <summary>The shift-close report: what was sold offline, by how much, and what the cloud does not have yet.</summary>
public sealed record ShiftReportView(
    string StoreId, string RegisterId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset PrintedAt,
    int SalesCount, int OfflineCount, decimal OfflineTotal, decimal CashTotal, decimal CardTotal, int Unsynced, int AwaitingCloud, int Problems,
    IReadOnlyList<ShiftSale> OfflineSales)
{
    /// <summary>Returns taken in the shift (any sale's), their refunds per method, the nets and the drawer's expected cash (additive).</summary>
    public int ReturnsCount { get; init; }
    /// <summary>Cash paid back in the shift, minus refunds taken back in it (a cancelled allowance's return undone).</summary>
    public decimal CashRefunds { get; init; }
    public decimal CardRefunds { get; init; }
    public decimal NetCash => CashTotal - CashRefunds;
    public decimal NetCard => CardTotal - CardRefunds;
    /// <summary>What the drawer should hold from this shift's business: cash taken minus cash paid back (the opening float is counted apart).</summary>
    public decimal ExpectedCash => NetCash;
}

public static class ShiftReportRules
{
    /// <summary>Pure: the report of the sales made in [from, to).</summary>
    public static ShiftReportView Build(string storeId, string registerId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IEnumerable<LocalOrder> orders,
        IEnumerable<Returns.LocalReturn>? returns = null)
    {
        // A refund belongs to the shift that paid it, whichever shift made the sale; a refund taken back (its allowance
        // cancelled, the return undone) to the shift that took it back, by the refund's method.
        var all = (returns ?? []).ToList();
        var refunds = all.Where(r => r.ReturnedAt >= from && r.ReturnedAt < to).ToList();
        var takenBack = all.Where(r => r.AllowanceCancelledAt is { } at && at >= from && at < to).ToList();
        var inShift = orders.Where(o => o.SoldAt >= from && o.SoldAt < to).OrderBy(o => o.LocalNumber).ToList();
        var offline = inShift.Where(o => o.MadeOffline).ToList();
        decimal Paid(string method) => inShift.SelectMany(o => o.Payments).Where(p => p.Method == method).Sum(p => p.Amount);
        return new ShiftReportView(storeId, registerId, from, to, now,
            inShift.Count, offline.Count, offline.Sum(o => o.Total), Paid("cash"), Paid("card"),
            inShift.Count(o => OutcomeRules.IsUnsynced(o.State)),
            inShift.Count(o => o.State == AgentOrderState.Uploaded),
            inShift.Count(o => o.State is AgentOrderState.NeedsReview or AgentOrderState.Failed or AgentOrderState.Rejected),
            offline.Select(o => new ShiftSale(o.LocalNumber, o.Id, o.SoldAt, o.StaffId, o.StaffName, o.Total,
                string.Join("+", o.Payments.Select(p => p.Method)), o.State.ToString(), o.MadeOffline, o.ApprovedBy)).ToList())
        {
            ReturnsCount = refunds.Count,
            CashRefunds = refunds.Where(r => r.RefundMethod == "cash").Sum(r => r.RefundTotal) - takenBack.Where(r => r.RefundMethod == "cash").Sum(r => r.RefundTakenBack ?? 0),
            CardRefunds = refunds.Where(r => r.RefundMethod == "card").Sum(r => r.RefundTotal) - takenBack.Where(r => r.RefundMethod == "card").Sum(r => r.RefundTakenBack ?? 0),
        };
    }
}
