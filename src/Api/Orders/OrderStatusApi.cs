using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Limits;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Orders;

public static class OrderStatusApi
{
    public const int MaxIds = ContractLimits.MaxStatusIds;

    /// <summary>The short status of many orders at once (?ids=a,b,c): what an agent polls until its orders are final.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<OrderStatusView>>, ProblemHttpResult>> GetStatuses(
        string? ids, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = parts.Where(p => !Guid.TryParse(p, out _)).ToList();
        if (parts.Length == 0)
            return TypedResults.Problem(title: "ids is required", detail: "ids: pass order ids as ?ids=a,b,c (UUIDs), or POST them as {\"ids\":[…]}.", statusCode: 400);
        if (bad.Count > 0)
            return TypedResults.Problem(title: "Malformed ids", detail: "ids: not UUIDs: " + string.Join(", ", bad.Take(10)), statusCode: 400);
        return await StatusesAsync(parts.Select(Guid.Parse).ToList(), user, db, ct);
    }

    /// <summary>The same for ids in the body (up to 500, which a URL cannot carry).</summary>
    internal static async Task<Results<Ok<IReadOnlyList<OrderStatusView>>, ProblemHttpResult>> PostStatuses(
        OrderStatusRequest request, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        if (request.Ids is not { Count: > 0 } ids)
            return TypedResults.Problem(title: "ids is required", detail: "ids: send {\"ids\":[\"…\", …]} with 1 to 500 order ids.", statusCode: 400);
        return await StatusesAsync(ids, user, db, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<OrderStatusView>>, ProblemHttpResult>> StatusesAsync(
        IReadOnlyList<Guid> ids, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        if (ids.Count > MaxIds)
            return TypedResults.Problem(title: "Too many ids", detail: $"ids: ask for at most {MaxIds} orders at once; this asked for {ids.Count}.", statusCode: 400);
        var wanted = ids.Distinct().ToList();
        // One statement over both homes of an order (final rows and those waiting for their worker).
        var query = OrderHeaders.All(db).Where(o => wanted.Contains(o.Id));
        // A register key sees only its store's orders; others' look "not found" rather than leaking existence.
        if (!user.IsInRole(Roles.Hq) && !user.IsInRole(Roles.Integrator))
        {
            var store = user.StoreOf();
            query = query.Where(o => o.StoreId == store);
        }
        var found = await query.Select(o => new OrderStatusView(o.Id, true, o.Status, o.StatusReason, o.FinishedAt)).ToDictionaryAsync(o => o.OrderId, ct);
        IReadOnlyList<OrderStatusView> result = wanted.Select(id => found.GetValueOrDefault(id) ?? new OrderStatusView(id, false, null, null, null)).ToList();
        return TypedResults.Ok(result);
    }
}
