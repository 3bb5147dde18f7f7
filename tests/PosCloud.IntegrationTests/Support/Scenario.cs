using System.Net;
using System.Net.Http.Json;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;

namespace PosCloud.IntegrationTests.Support;

/// <summary>The foundation scenario: three offline orders of S001-R1, one with a typed price, one with an unknown SKU.</summary>
public static class Scenario
{
    public const string UnknownSku = "ZZ-NOT-IN-CATALOG";

    public static UploadBatchRequest ThreeOrders(DateTimeOffset soldAt, long firstLocalNumber = 1)
    {
        OfflineOrder Order(long n, params OfflineOrderLine[] lines)
        {
            var total = lines.Sum(l => l.Quantity * l.UnitPrice);
            return new OfflineOrder(Guid.NewGuid(), n, soldAt.AddMinutes(n - firstLocalNumber), "S001-E02", "0909847665", lines, [new OfflinePayment("cash", total)], total);
        }
        return new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1",
        [
            // Catalog 589; typed 500 → one override of -89 × 2.
            Order(firstLocalNumber, new OfflineOrderLine("ts-0400001 ", "外套(手打)", LineType.Regular, 2, 500m)),
            // Unknown SKU → NeedsReview.
            Order(firstLocalNumber + 1, new OfflineOrderLine(UnknownSku, "神秘商品", LineType.Regular, 1, 120m)),
            // Catalog prices exactly (regular 619 by barcode, add-on 91) → no override.
            Order(firstLocalNumber + 2,
                new OfflineOrderLine("4712265906404", "襪子", LineType.Regular, 1, 619m),
                new OfflineOrderLine("FD-0500049", "芒果乾", LineType.AddOn, 1, 91m)),
        ]);
    }

    /// <summary>A valid order of S001 whose total and payment match its lines.</summary>
    public static OfflineOrder Order(long localNumber, DateTimeOffset soldAt, params OfflineOrderLine[] lines)
    {
        if (lines.Length == 0) lines = [new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m)];
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        return new OfflineOrder(Guid.NewGuid(), localNumber, soldAt, "S001-E02", null, lines, [new OfflinePayment("cash", total)], total);
    }

    public static UploadBatchRequest Batch(params OfflineOrder[] orders) => new(Guid.NewGuid(), "S001", "S001-R1", orders);

    public static async Task<UploadBatchResponse> UploadAsync(HttpClient client, UploadBatchRequest batch)
    {
        var response = await client.PostAsJsonAsync("/api/v1/batches", batch);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<UploadBatchResponse>())!;
    }

    public static async Task<OrderView> GetOrderAsync(HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<OrderView>($"/api/v1/orders/{orderId}"))!;

    /// <summary>
    /// Polls until every order is final (Reconciled, NeedsReview or Failed). A register key may make 20
    /// requests a second: polling many orders for long is throttled, and is answered as a client should,
    /// by waiting as long as Retry-After says.
    /// </summary>
    public static async Task<IReadOnlyList<OrderView>> WaitUntilFinalAsync(HttpClient client, IEnumerable<Guid> orderIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var ids = orderIds.ToList();
        while (true)
        {
            var views = new List<OrderView>();
            foreach (var id in ids) views.Add(await GetOrderPolitelyAsync(client, id));
            if (views.All(v => v.Status.IsFinal())) return views;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Orders not final in time: " + string.Join(", ", views.Select(v => $"{v.OrderId}={v.Status}")));
            await Task.Delay(100);
        }
    }

    private static async Task<OrderView> GetOrderPolitelyAsync(HttpClient client, Guid orderId)
    {
        using var response = await RetryAfter.SendAsync(() => client.GetAsync($"/api/v1/orders/{orderId}"), [HttpStatusCode.TooManyRequests]);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OrderView>())!;
    }

    /// <summary>The checks of the foundation scenario on the three reconciled orders.</summary>
    public static void AssertReconciled(UploadBatchRequest batch, IReadOnlyList<OrderView> views)
    {
        var byId = views.ToDictionary(v => v.OrderId);
        var priced = byId[batch.Orders[0].OrderId];
        Assert.Equal(OrderStatus.Reconciled, priced.Status);
        var line = Assert.Single(priced.Lines);
        Assert.Equal("職人 輕量防潑水外套 酒紅 M", line.CatalogName);
        Assert.Equal("外套(手打)", line.TypedName);
        Assert.Equal(589m, line.ExpectedUnitPrice);
        Assert.Equal(500m, line.ChargedUnitPrice);
        var o = Assert.Single(priced.Overrides);
        Assert.Equal((589m, 500m, -178m, 2m), (o.ExpectedUnitPrice, o.ChargedUnitPrice, o.Difference, o.Quantity));
        Assert.Equal("S001-E01", o.ManagerStaffId);
        Assert.Equal(1000m, priced.Total);

        var unknown = byId[batch.Orders[1].OrderId];
        Assert.Equal(OrderStatus.NeedsReview, unknown.Status);
        Assert.Contains(UnknownSku, unknown.StatusReason);
        Assert.Equal("神秘商品", Assert.Single(unknown.Lines).TypedName);
        Assert.Null(unknown.Lines[0].CatalogName);

        var exact = byId[batch.Orders[2].OrderId];
        Assert.Equal(OrderStatus.Reconciled, exact.Status);
        Assert.Equal(["運動襪三入組 卡其", "輕旅 台灣芒果乾 300g"], exact.Lines.Select(l => l.CatalogName));
        Assert.Empty(exact.Overrides);

        foreach (var v in views)
            Assert.Equal([OrderStatus.Received, OrderStatus.Reconciling, v.Status], v.History.Select(h => h.Status));
    }
}
