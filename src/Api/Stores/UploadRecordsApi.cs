using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Stores;

/// <summary>上傳紀錄: a store's uploaded orders, newest first, filtered by status and receive time.</summary>
internal static class UploadRecordsApi
{
    public const int MaxPageSize = 200;

    internal static async Task<Results<Ok<Page<UploadRecord>>, ProblemHttpResult, ForbidHttpResult>> GetUploads(
        string storeId, OrderStatus? status, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        if (!user.CanAccessStore(storeId)) return TypedResults.Forbid();
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize || number < 1)
            return TypedResults.Problem(title: "Bad paging", detail: $"page must be ≥ 1 and pageSize 1–{MaxPageSize}.", statusCode: 400);
        if (from > to)
            return TypedResults.Problem(title: "Bad range", detail: "from must not be after to.", statusCode: 400);

        var query = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId);
        if (status is { } s) query = query.Where(o => o.Status == s);
        if (from is { } f) { var fu = f.ToUniversalTime(); query = query.Where(o => o.ReceivedAt >= fu); }
        if (to is { } t) { var tu = t.ToUniversalTime(); query = query.Where(o => o.ReceivedAt < tu); }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.LocalNumber)
            .Skip((number - 1) * size).Take(size)
            .Select(o => new UploadRecord(o.Id, o.BatchId, o.RegisterId, o.LocalNumber, o.SoldAt, o.ReceivedAt, o.Total,
                o.Status, o.StatusReason, o.FinishedAt, o.Overrides.Count))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<UploadRecord>(items, number, size, total));
    }
}
