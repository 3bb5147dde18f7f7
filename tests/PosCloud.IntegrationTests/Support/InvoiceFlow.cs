using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using PosCloud.Api.Invoices;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// The e-invoice main flow of issue 6, against any Api (embedded SQLite or PostgreSQL): HQ registers a range,
/// assigns a block to S001-R1, the snapshot carries it, orders arrive with invoices (one number used twice,
/// one outside the block, one gap, one voided) and are all accepted; the problems are visible, deadlines come
/// closest first, F0401 and E0402 are produced.
/// </summary>
public static class InvoiceFlow
{
    public const string B2BBuyer = "87654322";

    public static async Task RunAsync(ApiFactory api, string track = "AB", string closedTrack = "CD")
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var register = api.CreateRegisterClient();
        // Whole seconds: every provider stores them exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var period = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(now)));

        // HQ: range, then the default block (50 numbers) for S001-R1.
        var range = await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(period.Code, track, "10000000", "10000999")));
        Assert.Equal((1000, $"{track}10000000", $"{track}10000999"), (range.Size, range.First, range.Last));
        var block = await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(period.Code)));
        Assert.Equal((10000000L, 10000049L, "S001-R1"), (block.From, block.To, block.RegisterId));

        var snapshot = (await register.GetFromJsonAsync<StoreSnapshot>("/api/v1/stores/S001/snapshot"))!;
        Assert.Contains(new SnapshotInvoiceRange("S001-R1", period.Code, track, 10000000, 10000049), snapshot.InvoiceRanges);

        // Sales: 00, 01 (B2B), 03 voided (failed print) then 04; 01 again (in the batch), 100 (in the range, not the block).
        string N(int serial) => $"{track}{10000000 + serial:D8}";
        OfflineOrder Sale(long local, int serial, TimeSpan ago, string? buyer = null, params string[] voided)
        {
            var at = now - ago;
            return Scenario.Order(local, at) with
            {
                Invoice = new OfflineInvoice(N(serial), at, $"{serial % 10000:D4}", BuyerTaxId: buyer),
                VoidedInvoiceNumbers = voided.Length == 0 ? null : voided,
            };
        }
        var first = Sale(9001, 0, TimeSpan.FromHours(3));
        var b2b = Sale(9002, 1, TimeSpan.FromHours(2.5), B2BBuyer);
        var afterVoid = Sale(9003, 4, TimeSpan.FromHours(2), null, N(3));
        var twice = Sale(9004, 1, TimeSpan.FromHours(1.5));
        var outside = Sale(9005, 100, TimeSpan.FromHours(1));
        var batch = Scenario.Batch(first, b2b, afterVoid, twice, outside);
        var response = await Scenario.UploadAsync(register, batch);
        Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        // A later batch reuses the first number: the stored row wins, this sale is still accepted.
        var again = Sale(9006, 0, TimeSpan.FromMinutes(30));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single((await Scenario.UploadAsync(register, Scenario.Batch(again))).Results).Outcome);
        // A retried upload of the first batch changes nothing (orders are exactly once, and so are their flags).
        Assert.All((await Scenario.UploadAsync(register, batch)).Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));

        var view = (await hq.GetFromJsonAsync<RegisterInvoicesView>($"/api/v1/registers/S001-R1/invoices?period={period.Code}"))!;
        var usage = Assert.Single(view.Blocks);
        Assert.Equal([N(0), N(1), N(4)], usage.Used);
        Assert.Equal([N(3)], usage.Voided);
        Assert.Equal([N(2)], usage.Gaps);
        Assert.Equal([(N(2), N(2), 1), (N(5), N(49), 45)], usage.Blank.Select(b => (b.First, b.Last, b.Count)));
        var flags = view.Flags.Where(f => f.Number.StartsWith(track, StringComparison.Ordinal)).Select(f => (f.Number, f.Kind, f.OrderId)).ToList();
        Assert.Equal(3, flags.Count);
        Assert.Contains((N(1), InvoiceFlagKinds.DuplicateUse, (Guid?)twice.OrderId), flags);
        Assert.Contains((N(100), InvoiceFlagKinds.OutsideBlock, (Guid?)outside.OrderId), flags);
        Assert.Contains((N(0), InvoiceFlagKinds.DuplicateUse, (Guid?)again.OrderId), flags);
        var reused = N(1);
        Assert.Equal(1, await api.WithDbAsync(db => Task.FromResult(db.IssuedInvoices.Count(i => i.Number == reused))));
        Assert.Equal(twice.OrderId, (await Scenario.GetOrderAsync(register, twice.OrderId)).OrderId);

        // Deadlines: B2C 48 h from issue, B2B end of the issue day + 7 days; closest first.
        var deadlines = (await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!
            .Where(d => d.Number.StartsWith(track, StringComparison.Ordinal)).ToList();
        Assert.Equal([N(0), N(4), N(100), N(1)], deadlines.Select(d => d.Number));
        Assert.Equal(first.Invoice!.IssuedAt.AddHours(48), deadlines[0].Deadline);
        Assert.True(deadlines[3].IsB2B);
        Assert.Equal(TaiwanTime.Instant(TaiwanTime.Local(b2b.Invoice!.IssuedAt).Date.AddDays(8)), deadlines[3].Deadline);
        Assert.DoesNotContain(deadlines, d => d.Overdue);
        var withinTwoDays = (await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines?within=2.00:00:00"))!;
        Assert.Contains(withinTwoDays, d => d.Number == N(0));
        Assert.DoesNotContain(withinTwoDays, d => d.Number == N(1));
        Assert.DoesNotContain((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines?within=1.00:00:00"))!, d => d.Number.StartsWith(track, StringComparison.Ordinal));

        // The adapter reports an upload: the invoice leaves the list; a repeated report keeps the first time.
        var marked = (await (await hq.PostAsync($"/api/v1/invoices/{N(0)}/platform-upload", null)).Content.ReadFromJsonAsync<PlatformUploadView>())!;
        var remarked = (await (await hq.PostAsync($"/api/v1/invoices/{N(0)}/platform-upload", null)).Content.ReadFromJsonAsync<PlatformUploadView>())!;
        Assert.Equal(marked.UploadedToPlatformAt, remarked.UploadedToPlatformAt);
        Assert.DoesNotContain((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!, d => d.Number == N(0));
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsync($"/api/v1/invoices/{N(3)}/platform-upload", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hq.PostAsync($"/api/v1/invoices/{N(999)}/platform-upload", null)).StatusCode);

        // F0401 of the B2B invoice: number, Taiwan date, random code, amounts (589 = 561 + 28 tax). Its item
        // description is the catalog's name, which the order has once reconciled: wait for that first.
        await Scenario.WaitUntilFinalAsync(register, [b2b.OrderId], TimeSpan.FromSeconds(60));
        var f0401 = await hq.GetAsync($"/api/v1/invoices/{N(1)}/f0401");
        Assert.Equal(HttpStatusCode.OK, f0401.StatusCode);
        Assert.Equal("application/xml", f0401.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await f0401.Content.ReadAsStringAsync());
        XNamespace ns = "urn:GEINV:eInvoiceMessage:F0401:4.0";
        string V(string name) => xml.Descendants(ns + name).First().Value;
        Assert.Equal(N(1), V("InvoiceNumber"));
        Assert.Equal(TaiwanTime.Local(b2b.Invoice.IssuedAt).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), V("InvoiceDate"));
        Assert.Equal("0001", V("RandomNumber"));
        Assert.Equal("12345675", xml.Descendants(ns + "Seller").Single().Element(ns + "Identifier")!.Value);
        Assert.Equal(B2BBuyer, xml.Descendants(ns + "Buyer").Single().Element(ns + "Identifier")!.Value);
        Assert.Equal(("561", "28", "589"), (V("SalesAmount"), V("TaxAmount"), V("TotalAmount")));
        Assert.Equal("職人 輕量防潑水外套 酒紅 M", V("Description"));
        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/v1/invoices/{N(999)}/f0401")).StatusCode);

        // E0402: refused while the period is open; for a closed period, every received number never used or voided.
        var open = await hq.GetAsync($"/api/v1/invoice-periods/{period.Code}/e0402");
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Contains("still open", await open.Content.ReadAsStringAsync());
        var closed = period.Previous();
        await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(closed.Code, closedTrack, "20000000", "20000099")));
        await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(closed.Code, closedTrack, "20000000", "20000049")));
        var lastDay = TaiwanTime.Instant(closed.LastDay.ToDateTime(new TimeOnly(12, 0)));
        OfflineOrder Old(long local, int serial, params string[] voided) => Scenario.Order(local, lastDay.AddMinutes(local - 9100)) with
        {
            Invoice = new OfflineInvoice($"{closedTrack}{20000000 + serial:D8}", lastDay.AddMinutes(local - 9100), "4321"),
            VoidedInvoiceNumbers = voided,
        };
        await Scenario.UploadAsync(register, Scenario.Batch(Old(9101, 0), Old(9102, 1), Old(9103, 4, $"{closedTrack}20000002")));
        var e0402 = (await hq.GetFromJsonAsync<E0402View>($"/api/v1/invoice-periods/{closed.Code}/e0402"))!;
        var doc = Assert.Single(e0402.Documents);
        Assert.Equal(closedTrack, doc.Track);
        Assert.Equal([($"{closedTrack}20000003", 1), ($"{closedTrack}20000005", 95)], doc.Blank.Select(b => (b.First, b.Count)));
        XNamespace e = "urn:GEINV:eInvoiceMessage:E0402:4.0";
        var blankXml = XDocument.Parse(doc.Xml);
        Assert.Equal(closed.Code, blankXml.Descendants(e + "YearMonth").Single().Value);
        Assert.Equal(["20000003", "20000005"], blankXml.Descendants(e + "InvoiceBeginNo").Select(x => x.Value));
        Assert.Equal(["20000003", "20000099"], blankXml.Descendants(e + "InvoiceEndNo").Select(x => x.Value));
    }

    public static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
