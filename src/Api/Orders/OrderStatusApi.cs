using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Orders;

public static class OrderStatusApi
{
    public const int MaxIds = 500;

    /// <summary>The short status of many orders at once: what an agent polls until its orders are final.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<OrderStatusView>>, ProblemHttpResult>> GetStatuses(
        string? ids, ClaimsPrincipal user, CloudDbContext db, CancellationToken ct)
    {
        var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = parts.Where(p => !Guid.TryParse(p, out _)).ToList();
        if (parts.Length == 0)
            return TypedResults.Problem(title: "ids is required", detail: "Pass order ids as ?ids=a,b,c (UUIDs).", statusCode: 400);
        if (bad.Count > 0)
            return TypedResults.Problem(title: "Malformed ids", detail: "Not UUIDs: " + string.Join(", ", bad.Take(10)), statusCode: 400);
        if (parts.Length > MaxIds)
            return TypedResults.Problem(title: "Too many ids", detail: $"Ask for at most {MaxIds} orders at once; this asked for {parts.Length}.", statusCode: 400);

        var wanted = parts.Select(Guid.Parse).Distinct().ToList();
        var query = db.Orders.AsNoTracking().Where(o => wanted.Contains(o.Id));
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
