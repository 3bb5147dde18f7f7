using PosCloud.Contracts;
using PosCloud.Contracts.Batches;

namespace PosCloud.Bench;

public sealed record BenchProduct(string Sku, string? Barcode, string Name, decimal ListPrice, decimal? AddOnPrice, bool GiftEligible);

public sealed record BenchStore(string StoreId, string RegisterId, string ManagerId, string ClerkId, string ApiKey);

/// <summary>
/// The reconnection storm's orders: per store N orders of 3 lines; per line 1% an unknown SKU and
/// 10% a typed price that differs from the catalog price of its line type; a mix of regular, add-on
/// and gift lines. Deterministic (seeded), and it knows what reconciliation must find.
/// </summary>
public sealed class StormData
{
    public const double UnknownSkuRate = 0.01;
    public const double PriceDiffRate = 0.10;

    public required IReadOnlyList<BenchStore> Stores { get; init; }
    public required IReadOnlyList<UploadBatchRequest> Batches { get; init; }
    public int Orders => Batches.Sum(b => b.Orders.Count);
    public int ExpectedNeedsReview { get; init; }
    public int ExpectedOverrides { get; init; }

    public static IReadOnlyList<BenchStore> MakeStores(int count, string prefix = "B") => Enumerable.Range(1, count)
        .Select(i => $"{prefix}{i:D3}")
        .Select(id => new BenchStore(id, $"{id}-R1", $"{id}-E01", $"{id}-E02", $"bench-key-{id}-R1-0123456789abcdef"))
        .ToList();

    /// <summary>The e-invoice track of the bench registers' number blocks (block i = store i in <see cref="InvoiceBlockOf"/>).</summary>
    public const string InvoiceTrack = "YY";
    public const int InvoiceBlockSize = 1000;
    public static long InvoiceBlockOf(int storeIndex) => 10_000_000L + storeIndex * (long)InvoiceBlockSize;

    /// <param name="firstInvoiceBlock">With invoices: the block index of the first store (blocks never overlap between calls).</param>
    public static StormData Generate(IReadOnlyList<BenchStore> stores, int ordersPerStore, int batchSize, IReadOnlyList<BenchProduct> catalog, int seed, DateTimeOffset now,
        bool invoices = false, int firstInvoiceBlock = 0)
    {
        if (invoices && ordersPerStore > InvoiceBlockSize) throw new ArgumentOutOfRangeException(nameof(ordersPerStore), $"at most {InvoiceBlockSize} orders per store with --invoices");
        var rng = new Random(seed);
        var addOn = catalog.Where(p => p.AddOnPrice is not null).ToList();
        var gifts = catalog.Where(p => p.GiftEligible).ToList();
        int needsReview = 0, overrides = 0;
        var batches = new List<UploadBatchRequest>();
        foreach (var (store, storeIndex) in stores.Select((s, i) => (s, i)))
        {
            var orders = new List<OfflineOrder>(ordersPerStore);
            for (var n = 1; n <= ordersPerStore; n++)
            {
                var lines = new List<OfflineOrderLine>(3);
                var unknownInOrder = false;
                for (var j = 0; j < 3; j++)
                {
                    var (type, product) = j switch
                    {
                        1 when rng.NextDouble() < 0.25 => (LineType.AddOn, addOn[rng.Next(addOn.Count)]),
                        2 when rng.NextDouble() < 0.15 => (LineType.Gift, gifts[rng.Next(gifts.Count)]),
                        _ => (LineType.Regular, catalog[rng.Next(catalog.Count)]),
                    };
                    var qty = 1 + rng.Next(3);
                    if (rng.NextDouble() < UnknownSkuRate)
                    {
                        unknownInOrder = true;
                        lines.Add(new OfflineOrderLine($"UNK-{store.StoreId}-{n}-{j}", "手打商品", LineType.Regular, qty, 100m, "typed"));
                        continue;
                    }
                    var expected = type switch { LineType.Gift => 0m, LineType.AddOn => product.AddOnPrice!.Value, _ => product.ListPrice };
                    var typed = expected;
                    if (rng.NextDouble() < PriceDiffRate)
                    {
                        typed = type == LineType.Gift ? 10m : Math.Max(1m, decimal.Round(expected * 0.9m, 0));
                        if (typed == expected) typed = expected + 1m;
                        overrides++;
                    }
                    lines.Add(new OfflineOrderLine(product.Sku, product.Name, type, qty, typed, typed == expected ? "catalog" : "typed", "snap-1"));
                }
                if (unknownInOrder) needsReview++;
                var total = lines.Sum(l => l.Quantity * l.UnitPrice);
                var soldAt = now.AddDays(-1).AddSeconds(n);
                // As the register prints it (B2C, tax included): every item, the totals, a random code.
                var invoice = invoices
                    ? new OfflineInvoice($"{InvoiceTrack}{InvoiceBlockOf(firstInvoiceBlock + storeIndex) + n - 1:D8}", soldAt, rng.Next(10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                        Items: lines.Select(l => new OfflineInvoiceItem(l.Name ?? l.Sku, l.Quantity, l.UnitPrice, l.Quantity * l.UnitPrice)).ToList(),
                        SalesAmount: (long)total, TaxAmount: 0, TotalAmount: (long)total)
                    : null;
                orders.Add(new OfflineOrder(Guid.NewGuid(), n, soldAt, store.ClerkId, null, lines, [new OfflinePayment("cash", total)], total, Invoice: invoice));
            }
            foreach (var chunk in orders.Chunk(batchSize))
                batches.Add(new UploadBatchRequest(Guid.NewGuid(), store.StoreId, store.RegisterId, chunk));
        }
        return new StormData { Stores = stores, Batches = batches, ExpectedNeedsReview = needsReview, ExpectedOverrides = overrides };
    }
}
