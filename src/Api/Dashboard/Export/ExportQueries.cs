using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Dashboard.Charts;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Dashboard.Export;

/// <summary>The two CSV exports, by local sale date range.</summary>
public sealed class ExportQueries(CloudDbContext db)
{
    public async Task<byte[]> OverridesAsync(DayRange range, TimeZoneInfo zone, CancellationToken ct)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var rows = await (
            from x in db.PriceOverrides.AsNoTracking()
            join o in db.Orders.AsNoTracking() on x.OrderId equals o.Id
            join s in db.Stores.AsNoTracking() on o.StoreId equals s.Id
            where o.SoldAt >= start && o.SoldAt < end
            select new { o.StoreId, StoreName = s.Name, o.RegisterId, o.LocalNumber, o.Id, o.SoldAt, x.LineNumber, x.Sku, x.Quantity, x.ExpectedUnitPrice, x.ChargedUnitPrice, x.Difference, x.Reason, x.ManagerStaffId })
            .ToListAsync(ct);
        var lines = new List<string>
        {
            Csv.Line("門市 Store", "店名 Store name", "收銀機 Register", "序號 Local no.", "訂單 Order id", "銷售時間 Sold at", "行 Line",
                "SKU", "數量 Qty", "定價 Expected", "實收單價 Charged", "差額 Difference", "原因 Reason", "店長 Manager"),
        };
        lines.AddRange(rows.OrderBy(r => r.SoldAt).ThenBy(r => r.Id).ThenBy(r => r.LineNumber).Select(r => Csv.Line(
            Csv.Text(r.StoreId), Csv.Text(r.StoreName), Csv.Text(r.RegisterId), r.LocalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Id.ToString(), Csv.Time(r.SoldAt, zone), r.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Csv.Text(r.Sku), Csv.Number(r.Quantity), Csv.Number(r.ExpectedUnitPrice), Csv.Number(r.ChargedUnitPrice), Csv.Number(r.Difference),
            Csv.Text(r.Reason), Csv.Text(r.ManagerStaffId))));
        return Csv.Document(lines);
    }

    /// <summary>Orders that need a person: 需處理 (NeedsReview) and 失敗 (Failed), with the reason.</summary>
    public async Task<byte[]> NeedsReviewAsync(DayRange range, TimeZoneInfo zone, CancellationToken ct)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var rows = await (
            from o in db.Orders.AsNoTracking()
            join s in db.Stores.AsNoTracking() on o.StoreId equals s.Id
            where (o.Status == OrderStatus.NeedsReview || o.Status == OrderStatus.Failed) && o.SoldAt >= start && o.SoldAt < end
            select new { o.StoreId, StoreName = s.Name, o.RegisterId, o.LocalNumber, o.Id, o.SoldAt, o.ReceivedAt, o.Status, o.StatusReason, o.Total })
            .ToListAsync(ct);
        var lines = new List<string>
        {
            Csv.Line("門市 Store", "店名 Store name", "收銀機 Register", "序號 Local no.", "訂單 Order id", "銷售時間 Sold at", "上傳時間 Received at",
                "狀態 Status", "原因 Reason", "金額 Total"),
        };
        lines.AddRange(rows.OrderBy(r => r.StoreId, StringComparer.Ordinal).ThenBy(r => r.SoldAt).Select(r => Csv.Line(
            Csv.Text(r.StoreId), Csv.Text(r.StoreName), Csv.Text(r.RegisterId), r.LocalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Id.ToString(), Csv.Time(r.SoldAt, zone), Csv.Time(r.ReceivedAt, zone),
            Csv.Text($"{r.Status.ZhTw()} {r.Status}"), Csv.Text(r.StatusReason), Csv.Number(r.Total))));
        return Csv.Document(lines);
    }

    /// <summary>
    /// Returns by local return date: each with its original sale, refund, invoice outcome, status and the override
    /// share it reversed, so a store's net sales and net overrides can be added up from the exports.
    /// </summary>
    public async Task<byte[]> ReturnsAsync(DayRange range, TimeZoneInfo zone, CancellationToken ct)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var rows = await (
            from r in db.Returns.AsNoTracking()
            join s in db.Stores.AsNoTracking() on r.StoreId equals s.Id
            where r.ReturnedAt >= start && r.ReturnedAt < end
            select new
            {
                r.StoreId, StoreName = s.Name, r.RegisterId, r.LocalNumber, r.Id, r.OrderId, r.ReturnedAt, r.Reason, r.RefundTotal,
                r.InvoiceOutcome, r.Status, r.StatusReason, r.QuantitiesTakenBack,
                Reversal = r.Lines.Sum(l => l.OverrideReversal ?? 0),
            })
            .ToListAsync(ct);
        var lines = new List<string>
        {
            Csv.Line("門市 Store", "店名 Store name", "收銀機 Register", "序號 Local no.", "退貨 Return id", "原訂單 Original order", "退貨時間 Returned at",
                "原因 Reason", "退款 Refund", "發票處理 Invoice", "狀態 Status", "說明 Status reason", "已沖銷 Netted", "改價沖回 Override reversal"),
        };
        lines.AddRange(rows.OrderBy(r => r.StoreId, StringComparer.Ordinal).ThenBy(r => r.ReturnedAt).Select(r => Csv.Line(
            Csv.Text(r.StoreId), Csv.Text(r.StoreName), Csv.Text(r.RegisterId), r.LocalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Id.ToString(), r.OrderId.ToString(), Csv.Time(r.ReturnedAt, zone), Csv.Text(r.Reason), Csv.Number(r.RefundTotal),
            Csv.Text(r.InvoiceOutcome), Csv.Text($"{r.Status.ZhTw()} {r.Status}"), Csv.Text(r.StatusReason), r.QuantitiesTakenBack ? "Y" : "N",
            Csv.Number(r.Reversal))));
        return Csv.Document(lines);
    }
}
