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
}
