using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts;
using PosCloud.Contracts.Limits;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Stores;

/// <summary>
/// 上傳紀錄: a store's uploaded orders (kind=sale, the default) or returns (kind=return), newest first, filtered by
/// status and receive time. A return's row names its original sale in OrderId and its refund as Total.
/// </summary>
internal static class UploadRecordsApi
{
    public const int MaxPageSize = ContractLimits.MaxPageSize;

    internal static async Task<Results<Ok<Page<UploadRecord>>, ProblemHttpResult, ForbidHttpResult>> GetUploads(
        string storeId, OrderStatus? status, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, string? kind,
        ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        if (!user.CanAccessStore(storeId)) return TypedResults.Forbid();
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (number is < 1 or > ContractLimits.MaxPageNumber)
            return QueryProblem("page", $"page must be 1 to {ContractLimits.MaxPageNumber}.");
        if (size is < 1 or > MaxPageSize)
            return QueryProblem("pageSize", $"pageSize must be 1 to {MaxPageSize}.");
        if (status is { } unknown && !Enum.IsDefined(unknown))
            return QueryProblem("status", $"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
        if (from > to)
            return QueryProblem("from", "from must not be after to.");
        if (kind is not (null or UploadRecordKinds.Sale or UploadRecordKinds.Return))
            return QueryProblem("kind", $"kind must be {UploadRecordKinds.Sale} or {UploadRecordKinds.Return}.");
        if (kind == UploadRecordKinds.Return)
        {
            var returns = db.Returns.AsNoTracking().Where(r => r.StoreId == storeId);
            if (status is { } rs) returns = returns.Where(r => r.Status == rs);
            if (from is { } rf) { var fu = rf.ToUniversalTime(); returns = returns.Where(r => r.ReceivedAt >= fu); }
            if (to is { } rt) { var tu = rt.ToUniversalTime(); returns = returns.Where(r => r.ReceivedAt < tu); }
            var returnCount = await returns.CountAsync(ct);
            var rows = await returns.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.LocalNumber)
                .Skip((number - 1) * size).Take(size)
                .Select(r => new UploadRecord(r.OrderId, r.BatchId, r.RegisterId, r.LocalNumber, r.ReturnedAt, r.ReceivedAt, r.RefundTotal,
                    r.Status, r.StatusReason, r.FinishedAt, 0, UploadRecordKinds.Return, r.Id))
                .ToListAsync(ct);
            return TypedResults.Ok(new Page<UploadRecord>(rows, number, size, returnCount));
        }

        // Final orders and those waiting for their worker, in one UNION ALL: the database counts, sorts and pages both.
        var query = OrderHeaders.All(db).Where(o => o.StoreId == storeId);
        if (status is { } s) query = query.Where(o => o.Status == s);
        if (from is { } f) { var fu = f.ToUniversalTime(); query = query.Where(o => o.ReceivedAt >= fu); }
        if (to is { } t) { var tu = t.ToUniversalTime(); query = query.Where(o => o.ReceivedAt < tu); }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.LocalNumber)
            .Skip((number - 1) * size).Take(size) // bounded above: (MaxPageNumber − 1) × MaxPageSize fits an int
            .Select(o => new UploadRecord(o.Id, o.BatchId, o.RegisterId, o.LocalNumber, o.SoldAt, o.ReceivedAt, o.Total,
                o.Status, o.StatusReason, o.FinishedAt, o.OverrideCount))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<UploadRecord>(items, number, size, total));
    }

    /// <summary>A 400 naming the query parameter, like the upload's field errors.</summary>
    internal static ProblemHttpResult QueryProblem(string parameter, string detail) =>
        TypedResults.Problem(title: $"Bad query parameter: {parameter}", detail: $"{parameter}: {detail}", statusCode: 400,
            extensions: new Dictionary<string, object?> { ["field"] = parameter });
}
