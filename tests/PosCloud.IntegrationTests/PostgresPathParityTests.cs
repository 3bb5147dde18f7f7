using System.Net.Http.Json;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// PostgreSQL appends uploads and writes a batch's final rows with COPY (FinalOrderWriter); every
/// other provider (and re-runs) go through EF. Both must reach the same result for every rule: the
/// same tricky batch through the PostgreSQL hosts and through the embedded default, compared field by field.
/// </summary>
public class PostgresPathParityTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    private const string Alias = "OLD-SOCK-CODE";

    [SkippableFact]
    public async Task The_bulk_path_on_PostgreSQL_reconciles_every_rule_like_the_EF_path()
    {
        var server = cloud.Require().Api;
        await using var embedded = ApiFactory.Embedded(out _);

        var onPostgres = await RunAsync(server);
        var onEf = await RunAsync(embedded);

        Assert.Equal(onEf, onPostgres);
        // And the batch did exercise the rules it is meant to (so equality is not two empty answers).
        Assert.Contains("unknownSku", onPostgres);
        Assert.Contains("giftNotEligible", onPostgres);
        Assert.Contains("noAddOnPrice", onPostgres);
        Assert.Contains("運動襪三入組 卡其", onPostgres); // through the alias
        Assert.Contains("職人 輕量防潑水外套 酒紅 M", onPostgres); // through the barcode
    }

    /// <summary>Maps an alias, uploads the batch, waits for the final states; returns the outcome as comparable text.</summary>
    private static async Task<string> RunAsync(ApiFactory api)
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var register = api.CreateRegisterClient();
        var mapped = await hq.PostAsJsonAsync("/api/v1/sku-aliases", new MapSkuRequest(Alias, "AC-0400017"));
        mapped.EnsureSuccessStatusCode();

        var soldAt = DateTimeOffset.UtcNow.AddHours(-2);
        OfflineOrder Order(long n, params OfflineOrderLine[] lines)
        {
            var total = lines.Sum(l => l.Quantity * l.UnitPrice);
            return new OfflineOrder(Guid.NewGuid(), n, soldAt.AddMinutes(n - 9000), "S001-E02", null, lines, [new OfflinePayment("cash", total)], total);
        }
        var batch = Scenario.Batch(
            Order(9001,
                new OfflineOrderLine($"  {Alias.ToLowerInvariant()} ", "舊編號襪子", LineType.Regular, 1, 619m),   // alias, whitespace, case
                new OfflineOrderLine("4718996504049", "外套", LineType.Regular, 2, 500m),                           // barcode, override ×2
                new OfflineOrderLine("fd-0500049", null, LineType.AddOn, 1.5m, 91m),                                // add-on price, decimal qty
                new OfflineOrderLine("BT-0400130", "贈品", LineType.Gift, 1, 0m),                                   // eligible gift
                new OfflineOrderLine("FD-0400005", "贈品?", LineType.Gift, 1, 10m),                                 // gift not eligible, non-zero
                new OfflineOrderLine("TS-0400001", "加價購?", LineType.AddOn, 1, 300m)),                            // no add-on price
            Order(9002,
                new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m),
                new OfflineOrderLine("NOT-IN-ANY-CATALOG", "手打", LineType.Regular, 1, 50m)));                   // unknown → NeedsReview

        var answer = await Scenario.UploadAsync(register, batch);
        Assert.All(answer.Results, r => Assert.True(r.Outcome == UploadOutcome.Accepted, string.Join("; ", r.Errors.Select(e => $"{e.Field}: {e.Message}"))));
        var views = await Scenario.WaitUntilFinalAsync(register, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(60));
        return string.Join("\n", views.OrderBy(v => v.LocalNumber).Select(Describe));
    }

    private static string Describe(OrderView v) =>
        $"{v.LocalNumber} {v.Status} {v.StatusReason} history={string.Join(">", v.History.Select(h => h.Status))}\n" +
        string.Join("\n", v.Lines.OrderBy(l => l.LineNumber).Select(l =>
            $"  line {l.LineNumber} {l.Sku} → {l.MatchedSku} {l.CatalogName} typed={l.TypedName} {l.Type} q={N(l.Quantity)} expected={N(l.ExpectedUnitPrice)} charged={N(l.ChargedUnitPrice)} flags={string.Join(",", l.Flags)}")) + "\n" +
        string.Join("\n", v.Overrides.OrderBy(o => o.LineNumber).Select(o =>
            $"  override {o.LineNumber} {o.Sku} {N(o.ExpectedUnitPrice)}→{N(o.ChargedUnitPrice)} diff={N(o.Difference)} q={N(o.Quantity)} {o.Reason} by {o.ManagerStaffId}"));

    /// <summary>Providers keep different decimal scales (PostgreSQL numeric(18,3) answers 1.000): compare values.</summary>
    private static string N(decimal? d) => d?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
