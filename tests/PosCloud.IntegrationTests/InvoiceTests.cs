using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.IntegrationTests.Support;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.IntegrationTests;

/// <summary>E-invoice ranges, blocks, issued numbers, deadlines, F0401 and E0402 on the embedded default (SQLite).</summary>
public class InvoiceTests
{
    private static readonly string Period = InvoicePeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Code;

    [Fact]
    public async Task Main_flow_on_embedded_sqlite()
    {
        await using var api = ApiFactory.Embedded(out _);
        await InvoiceFlow.RunAsync(api);
    }

    [Fact]
    public async Task Two_periods_with_the_same_track_on_embedded_sqlite()
    {
        await using var api = ApiFactory.Embedded(out _);
        await InvoiceFlow.TwoPeriodsAsync(api, "KL");
    }

    [Fact]
    public async Task An_invoice_as_issued_beyond_its_bounds_is_refused_naming_the_field_and_the_rest_of_the_batch_goes_through()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var register = api.CreateRegisterClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var good = Scenario.Order(9301, at) with { Invoice = new OfflineInvoice("MN10000000", at, "1234", Items: [new OfflineInvoiceItem("外套", 1, 589m, 589m)], TotalAmount: 589) };
        var bad = Scenario.Order(9302, at) with { Invoice = new OfflineInvoice("MN10000001", at, "1234", Items: [new OfflineInvoiceItem(new string('長', 257), 1, 589m, 589m)], TotalAmount: 589) };
        var results = (await Scenario.UploadAsync(register, Scenario.Batch(good, bad))).Results;
        Assert.Equal(PosCloud.Contracts.UploadOutcome.Accepted, results[0].Outcome);
        Assert.Equal(PosCloud.Contracts.UploadOutcome.Rejected, results[1].Outcome);
        Assert.Equal("orders[1].invoice.items[0].description", Assert.Single(results[1].Errors).Field);
    }

    [Fact]
    public async Task Bad_ranges_are_named_and_overlaps_refused()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);

        var bad = await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest("11513", "ab", "123", "20000000"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal(["from", "period", "track"], problem.Errors.Keys.Order());
        var backwards = await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "EF", "10000100", "10000000"));
        Assert.Contains("to", (await backwards.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);

        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "EF", "10000000", "10000499")));
        var overlap = await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "EF", "10000450", "10000999"));
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Contains("EF10000000", (await overlap.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        // Adjacent is fine; so is the same numbers in another track or period.
        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "EF", "10000500", "10000999")));
        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "EG", "10000000", "10000499")));
        var ranges = (await hq.GetFromJsonAsync<List<InvoiceRangeView>>($"/api/v1/invoice-ranges?period={Period}"))!;
        Assert.Equal(3, ranges.Count);
    }

    [Fact]
    public async Task Blocks_lie_inside_a_range_never_overlap_and_default_to_the_next_free_50()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "GH", "30000000", "30000099")));

        var explicitBlock = await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks",
            new AssignInvoiceBlockRequest(Period, "GH", "30000000", "30000029")));
        Assert.Equal(30, explicitBlock.Size);
        var overlapping = await hq.PostAsJsonAsync("/api/v1/registers/S004-R2/invoice-blocks", new AssignInvoiceBlockRequest(Period, "GH", "30000020", "30000039"));
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Contains("overlaps", (await overlapping.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var outside = await hq.PostAsJsonAsync("/api/v1/registers/S004-R2/invoice-blocks", new AssignInvoiceBlockRequest(Period, "GH", "30000090", "30000109"));
        Assert.Equal(HttpStatusCode.Conflict, outside.StatusCode);
        Assert.Contains("does not lie inside", (await outside.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        var next = await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S004-R2/invoice-blocks", new AssignInvoiceBlockRequest(Period)));
        Assert.Equal(("GH30000030", "GH30000079", "S004-R2"), (next.First, next.Last, next.RegisterId));
        var full = await hq.PostAsJsonAsync("/api/v1/registers/S004-R2/invoice-blocks", new AssignInvoiceBlockRequest(Period));
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("No registered range", (await full.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var small = await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S004-R2/invoice-blocks", new AssignInvoiceBlockRequest(Period, Size: 20)));
        Assert.Equal("GH30000080", small.First);

        Assert.Equal(HttpStatusCode.NotFound, (await hq.PostAsJsonAsync("/api/v1/registers/S999-R9/invoice-blocks", new AssignInvoiceBlockRequest(Period))).StatusCode);
        Assert.Equal(2, (await hq.GetFromJsonAsync<List<InvoiceRangeView>>("/api/v1/registers/S004-R2/invoice-blocks"))!.Count);
    }

    /// <summary>Out of the box the demo registers can sell: each has a ZZ block in this period and the next, in its snapshot.</summary>
    [Fact]
    public async Task The_demo_gives_every_register_number_blocks_for_this_period_and_the_next()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:PosCloud"] = $"Data Source={file}", ["Demo:InvoiceNumbers"] = "true" };
        await using (var api = new ApiFactory(settings))
        {
            using var register = api.CreateRegisterClient();
            var snapshot = (await register.GetFromJsonAsync<PosCloud.Contracts.Stores.StoreSnapshot>("/api/v1/stores/S001/snapshot"))!;
            var current = InvoicePeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
            var own = snapshot.InvoiceRanges.Where(r => r.RegisterId == "S001-R1").OrderBy(r => r.Period).ToList();
            Assert.Equal([current.Code, current.Next().Code], own.Select(r => r.Period));
            Assert.All(own, r => Assert.Equal(("ZZ", 1000L), (r.Track, r.To - r.From + 1)));
            // Every demo register has its own, non-overlapping block.
            var blocks = await api.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.InvoiceBlocks.Where(b => b.Period == current.Code).OrderBy(b => b.From)));
            var registers = await api.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Registers));
            Assert.True(registers > 1);
            Assert.Equal(registers, blocks.Select(b => b.RegisterId).Distinct().Count());
            Assert.All(blocks.Zip(blocks.Skip(1)), p => Assert.True(p.First.To < p.Second.From));
        }
        await using (var again = new ApiFactory(settings))
        {
            // A second start leaves the seeded blocks alone (no second range, no start-up failure).
            using var register = again.CreateRegisterClient();
            var snapshot = (await register.GetFromJsonAsync<PosCloud.Contracts.Stores.StoreSnapshot>("/api/v1/stores/S001/snapshot"))!;
            Assert.Equal(2, snapshot.InvoiceRanges.Count(r => r.RegisterId == "S001-R1"));
        }
    }

    [Fact]
    public async Task A_register_key_cannot_manage_ranges_or_read_the_platform_endpoints()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var register = api.CreateRegisterClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await register.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(Period, "AB", "10000000", "10000099"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await register.GetAsync("/api/v1/registers/S001-R1/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await register.GetAsync("/api/v1/invoices/deadlines")).StatusCode);
    }

    [Fact]
    public async Task The_invoice_endpoints_are_in_the_openapi_document()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateClient();
        var json = await client.GetStringAsync("/swagger/v1/swagger.json");
        foreach (var path in new[] { "/api/v1/invoice-ranges", "/api/v1/registers/{registerId}/invoice-blocks", "/api/v1/registers/{registerId}/invoices",
                     "/api/v1/invoices/deadlines", "/api/v1/invoices/{number}/platform-upload", "/api/v1/invoices/{number}/f0401", "/api/v1/invoice-periods/{period}/e0402",
                     "/api/v1/invoices/{period}/{number}", "/api/v1/invoices/{period}/{number}/f0401", "/api/v1/invoices/{period}/{number}/platform-upload" })
            Assert.Contains($"\"{path}\"", json);
        Assert.Contains("closest first", json);
    }

    [Fact]
    public async Task A_MIG_version_other_than_4_0_or_4_1_stops_the_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["Invoicing:MigVersion"] = "3.2",
        });
        var ex = Assert.ThrowsAny<Exception>(() => api.Services);
        Assert.Contains("Invoicing:MigVersion", ex.ToString());
    }

    [Fact]
    public async Task A_seller_id_with_a_bad_checksum_stops_the_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["Invoicing:SellerId"] = "12345678",
        });
        var ex = Assert.ThrowsAny<Exception>(() => api.Services);
        Assert.Contains("Invoicing:SellerId", ex.ToString());
    }
}
