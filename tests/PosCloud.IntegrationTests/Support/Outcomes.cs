using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Persistence;

namespace PosCloud.IntegrationTests.Support;

/// <summary>Bigger batches from the foundation scenario, and the "once and only once" checks on the database.</summary>
public static class Outcomes
{
    /// <summary>
    /// One batch of <paramref name="triples"/> × the three foundation orders (per triple: one override,
    /// one NeedsReview, one exact), numbered from <paramref name="firstLocalNumber"/>.
    /// </summary>
    public static UploadBatchRequest Triples(int triples, long firstLocalNumber, DateTimeOffset soldAt)
    {
        var orders = Enumerable.Range(0, triples)
            .SelectMany(t => Scenario.ThreeOrders(soldAt, firstLocalNumber + 3 * t).Orders)
            .ToList();
        return new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", orders);
    }

    /// <summary>
    /// Uploads like an agent: a 503 (database busy) or 429 (rate limit) is sent again after Retry-After,
    /// same batchId — the Api saved nothing — and every order must end up accepted.
    /// </summary>
    public static async Task UploadAcceptedAsync(HttpClient client, UploadBatchRequest batch)
    {
        using var response = await RetryAfter.SendAsync(() => client.PostAsJsonAsync("/api/v1/batches", batch),
            [HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests], attempts: 10);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var answer = (await response.Content.ReadFromJsonAsync<UploadBatchResponse>())!;
        Assert.All(answer.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
    }

    /// <summary>
    /// How many of <paramref name="ids"/> are stored, waiting for their worker (ReceivedOrders) or final (Orders);
    /// an order is in exactly one of the two, so a double shows as more than asked.
    /// </summary>
    public static async Task<int> StoredCountAsync(CloudDbContext db, IReadOnlyCollection<Guid> ids)
    {
        var wanted = ids.ToArray();
        // One statement, so one snapshot: a worker moving an order between the tables cannot be counted twice or not at all.
        return await db.ReceivedOrders.Where(o => wanted.Contains(o.Id)).Select(o => o.Id)
            .Concat(db.Orders.Where(o => wanted.Contains(o.Id)).Select(o => o.Id)).CountAsync();
    }

    /// <summary>Waits until every order is in a final state, reading the database (fast for hundreds of orders).</summary>
    public static async Task WaitAllFinalAsync(Func<Func<CloudDbContext, Task<int>>, Task<int>> withDb, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var wanted = ids.ToArray();
        while (true)
        {
            var final = await withDb(db => db.Orders.CountAsync(o => wanted.Contains(o.Id)
                && (o.Status == OrderStatus.Reconciled || o.Status == OrderStatus.NeedsReview || o.Status == OrderStatus.Failed)));
            if (final == wanted.Length) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{final} of {wanted.Length} orders final in time");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Each order: history exactly Received → Reconciling → its final state (one of each, nothing
    /// twice), and the foundation scenario's overrides once: one per triple, never doubled.
    /// </summary>
    public static async Task AssertReconciledExactlyOnceAsync(CloudDbContext db, IReadOnlyCollection<Guid> ids)
    {
        var wanted = ids.ToArray();
        var history = await db.OrderStatusChanges.AsNoTracking().Where(h => wanted.Contains(h.OrderId))
            .Select(h => new { h.OrderId, h.Status, h.Id }).ToListAsync();
        var orders = await db.Orders.AsNoTracking().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Status }).ToListAsync();
        Assert.Equal(wanted.Length, orders.Count);
        foreach (var o in orders)
        {
            var h = history.Where(x => x.OrderId == o.Id).OrderBy(x => x.Id).Select(x => x.Status).ToList();
            Assert.True(h.SequenceEqual([OrderStatus.Received, OrderStatus.Reconciling, o.Status]),
                $"order {o.Id}: history {string.Join(" → ", h)}");
        }
        var triples = wanted.Length / 3;
        Assert.Equal(triples, orders.Count(o => o.Status == OrderStatus.NeedsReview));
        Assert.Equal(2 * triples, orders.Count(o => o.Status == OrderStatus.Reconciled));
        Assert.Equal(triples, await db.PriceOverrides.CountAsync(p => wanted.Contains(p.OrderId)));
    }
}
