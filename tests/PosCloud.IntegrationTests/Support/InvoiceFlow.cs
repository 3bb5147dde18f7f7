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
        // The B2B sale carries the invoice as printed: the clerk's typed name, not the catalog's (職人 輕量防潑水外套 酒紅 M).
        var typed = Sale(9002, 1, TimeSpan.FromHours(2.5), B2BBuyer);
        var b2b = typed with
        {
            Invoice = typed.Invoice! with { Items = [new OfflineInvoiceItem(PrintedName, 1, 589m, 589m)], SalesAmount = 561, TaxAmount = 28, TotalAmount = 589 },
        };
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

        // Deadlines (the 2025 rule, Taiwan days): B2C end of issue day + 2, B2B end of issue day + 7; closest first.
        var deadlines = (await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!
            .Where(d => d.Number.StartsWith(track, StringComparison.Ordinal)).ToList();
        Assert.Equal([N(0), N(4), N(100), N(1)], deadlines.Select(d => d.Number));
        Assert.Equal(TaiwanTime.Instant(TaiwanTime.Local(first.Invoice!.IssuedAt).Date.AddDays(3)), deadlines[0].Deadline);
        Assert.All(deadlines, d => Assert.Equal(period.Code, d.Period));
        Assert.True(deadlines[3].IsB2B);
        Assert.Equal(TaiwanTime.Instant(TaiwanTime.Local(b2b.Invoice!.IssuedAt).Date.AddDays(8)), deadlines[3].Deadline);
        Assert.DoesNotContain(deadlines, d => d.Overdue);
        var withinThreeDays = (await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines?within=3.00:00:00"))!;
        Assert.Contains(withinThreeDays, d => d.Number == N(0));
        Assert.DoesNotContain(withinThreeDays, d => d.Number == N(1));
        Assert.DoesNotContain((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines?within=1.00:00:00"))!, d => d.Number.StartsWith(track, StringComparison.Ordinal));

        // The adapter reports an upload: the invoice leaves the list; a repeated report keeps the first time.
        var marked = (await (await hq.PostAsync($"/api/v1/invoices/{N(0)}/platform-upload", null)).Content.ReadFromJsonAsync<PlatformUploadView>())!;
        var remarked = (await (await hq.PostAsync($"/api/v1/invoices/{N(0)}/platform-upload", null)).Content.ReadFromJsonAsync<PlatformUploadView>())!;
        Assert.Equal(marked.UploadedToPlatformAt, remarked.UploadedToPlatformAt);
        Assert.DoesNotContain((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!, d => d.Number == N(0));
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsync($"/api/v1/invoices/{N(3)}/platform-upload", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hq.PostAsync($"/api/v1/invoices/{N(999)}/platform-upload", null)).StatusCode);

        // F0401 of the B2B invoice: number, Taiwan date, random code, amounts (589 = 561 + 28 tax). Its item
        // description is the name printed, even after reconciliation gave the order the catalog's name: wait for that first.
        await Scenario.WaitUntilFinalAsync(register, [b2b.OrderId], TimeSpan.FromSeconds(60));
        var reconciled = await Scenario.GetOrderAsync(register, b2b.OrderId);
        Assert.Equal(("職人 輕量防潑水外套 酒紅 M", "外套"), (reconciled.Lines[0].CatalogName, reconciled.Lines[0].TypedName));
        var f0401 = await hq.GetAsync($"/api/v1/invoices/{period.Code}/{N(1)}/f0401");
        Assert.Equal(HttpStatusCode.OK, f0401.StatusCode);
        Assert.Equal("application/xml", f0401.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await f0401.Content.ReadAsStringAsync());
        XNamespace ns = "urn:GEINV:eInvoiceMessage:F0401:4.1"; // Invoicing:MigVersion defaults to 4.1
        string V(string name) => xml.Descendants(ns + name).First().Value;
        Assert.Equal(N(1), V("InvoiceNumber"));
        Assert.Equal(TaiwanTime.Local(b2b.Invoice.IssuedAt).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), V("InvoiceDate"));
        Assert.Equal("0001", V("RandomNumber"));
        Assert.Equal("12345675", xml.Descendants(ns + "Seller").Single().Element(ns + "Identifier")!.Value);
        Assert.Equal(B2BBuyer, xml.Descendants(ns + "Buyer").Single().Element(ns + "Identifier")!.Value);
        Assert.Equal(("561", "28", "589"), (V("SalesAmount"), V("TaxAmount"), V("TotalAmount")));
        Assert.Equal(PrintedName, V("Description"));
        // The number alone answers while it is unambiguous, and says the same.
        Assert.Equal(xml.ToString(), XDocument.Parse(await hq.GetStringAsync($"/api/v1/invoices/{N(1)}/f0401")).ToString());
        var asIssued = (await hq.GetFromJsonAsync<InvoiceView>($"/api/v1/invoices/{period.Code}/{N(1)}"))!;
        Assert.Equal((true, true, 561L, 28L), (asIssued.AsIssued, asIssued.IsB2B, asIssued.SalesAmount!.Value, asIssued.TaxAmount!.Value));
        Assert.Equal([(1, PrintedName, 589m)], asIssued.Items.Select(i => (i.Sequence, i.Description, i.Amount)));
        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/v1/invoices/{N(999)}/f0401")).StatusCode);

        // E0402: refused while the period is open; for a closed period, every received number never used or voided.
        var open = await hq.GetAsync($"/api/v1/invoice-periods/{period.Code}/e0402");
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Contains("still open", await open.Content.ReadAsStringAsync());
        var closed = period.Previous();
        await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(closed.Code, closedTrack, "20000000", "20000099")));
        // A block for a closed period is refused (a track is valid only in its own period); the test puts one in the
        // database to stand for a block assigned while the period was open.
        var late = await hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(closed.Code, closedTrack, "20000000", "20000049"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("closed period", await late.Content.ReadAsStringAsync());
        await AddBlockAsync(api, closed, closedTrack, 20000000, 20000049);
        var lastDay = TaiwanTime.Instant(closed.LastDay.ToDateTime(new TimeOnly(12, 0)));
        OfflineOrder Old(long local, int serial, params string[] voided) => Scenario.Order(local, lastDay.AddMinutes(local - 9100)) with
        {
            Invoice = new OfflineInvoice($"{closedTrack}{20000000 + serial:D8}", lastDay.AddMinutes(local - 9100), "4321"),
            VoidedInvoiceNumbers = voided,
        };
        await Scenario.UploadAsync(register, Scenario.Batch(Old(9101, 0), Old(9102, 1), Old(9103, 4, $"{closedTrack}20000002")));
        var e0402 = (await hq.GetFromJsonAsync<E0402View>($"/api/v1/invoice-periods/{closed.Code}/e0402"))!;
        // Other tests sharing the database may have ranges of their own tracks in that period.
        var doc = Assert.Single(e0402.Documents, d => d.Track == closedTrack);
        Assert.Equal([($"{closedTrack}20000003", 1), ($"{closedTrack}20000005", 95)], doc.Blank.Select(b => (b.First, b.Count)));
        Assert.Equal(TaiwanTime.Instant(closed.Next().FirstDay.AddDays(10).ToDateTime(TimeOnly.MinValue)), e0402.DueBy);
        XNamespace e = "urn:GEINV:eInvoiceMessage:E0402:4.1";
        var blankXml = XDocument.Parse(doc.Xml);
        Assert.Equal(closed.Code, blankXml.Descendants(e + "YearMonth").Single().Value);
        Assert.Equal(["20000003", "20000005"], blankXml.Descendants(e + "InvoiceBeginNo").Select(x => x.Value));
        Assert.Equal(["20000003", "20000099"], blankXml.Descendants(e + "InvoiceEndNo").Select(x => x.Value));
    }

    public const string PrintedName = "外套 手打特價";

    /// <summary>A block as HQ assigned it while its period was open (the API refuses blocks for closed periods).</summary>
    public static Task<int> AddBlockAsync(ApiFactory api, InvoicePeriod period, string track, long from, long to, string registerId = "S001-R1") =>
        api.WithDbAsync(db =>
        {
            db.InvoiceBlocks.Add(new PosCloud.Core.Stores.InvoiceBlock { Period = period.Code, Track = track, From = from, To = to, RegisterId = registerId });
            return db.SaveChangesAsync();
        });

    /// <summary>
    /// Tracks repeat from period to period: the same track and numbers in two closed periods. The next period's sale
    /// with the same number is stored (not a duplicate use); F0401, E0402 blanks and the register view are per period;
    /// the number alone is ambiguous (409 listing the periods).
    /// </summary>
    public static async Task TwoPeriodsAsync(ApiFactory api, string track)
    {
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var register = api.CreateRegisterClient();
        var today = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(DateTimeOffset.UtcNow)));
        var (p1, p2) = (today.Previous().Previous(), today.Previous());
        foreach (var p in new[] { p1, p2 })
        {
            await CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(p.Code, track, "50000000", "50000099")));
            await AddBlockAsync(api, p, track, 50000000, 50000049);
        }
        string N(int serial) => $"{track}{50000000 + serial:D8}";
        // p1's last evening and p2's first morning (Taiwan), whole seconds.
        var lastOfP1 = TaiwanTime.Instant(p1.LastDay.ToDateTime(new TimeOnly(20, 0)));
        var firstOfP2 = TaiwanTime.Instant(p2.FirstDay.ToDateTime(new TimeOnly(9, 0)));
        OfflineOrder Sale(long local, DateTimeOffset at, int serial, string random, params string[] voided) => Scenario.Order(local, at) with
        {
            Invoice = new OfflineInvoice(N(serial), at, random, Items: [new OfflineInvoiceItem("外套", 1, 589m, 589m)], TotalAmount: 589),
            VoidedInvoiceNumbers = voided.Length == 0 ? null : voided,
        };
        var batch = Scenario.Batch(
            Sale(9201, lastOfP1, 0, "1111"), Sale(9202, lastOfP1.AddMinutes(1), 1, "1112"), Sale(9203, lastOfP1.AddMinutes(2), 2, "1113", N(3)),
            Sale(9204, firstOfP2, 0, "2221"), Sale(9205, firstOfP2.AddMinutes(1), 1, "2222"));
        Assert.All((await Scenario.UploadAsync(register, batch)).Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));

        // Stored twice (once per period), never flagged as a duplicate use.
        var zero = N(0);
        Assert.Equal(2, await api.WithDbAsync(db => Task.FromResult(db.IssuedInvoices.Count(i => i.Number == zero))));
        var all = (await hq.GetFromJsonAsync<RegisterInvoicesView>("/api/v1/registers/S001-R1/invoices"))!;
        Assert.DoesNotContain(all.Flags, f => f.Number.StartsWith(track, StringComparison.Ordinal));

        // The number alone is ambiguous; with its period it is one invoice, each with its own date and random code.
        var ambiguous = await hq.GetAsync($"/api/v1/invoices/{zero}/f0401");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        var problem = await ambiguous.Content.ReadAsStringAsync();
        Assert.Contains(p1.Code, problem);
        Assert.Contains(p2.Code, problem);
        Assert.Equal(HttpStatusCode.Conflict, (await hq.GetAsync($"/api/v1/invoices/{zero}")).StatusCode);
        XNamespace ns = "urn:GEINV:eInvoiceMessage:F0401:4.1";
        foreach (var (p, at, random) in new[] { (p1, lastOfP1, "1111"), (p2, firstOfP2, "2221") })
        {
            var xml = XDocument.Parse(await hq.GetStringAsync($"/api/v1/invoices/{p.Code}/{zero}/f0401"));
            Assert.Equal(TaiwanTime.Local(at).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), xml.Descendants(ns + "InvoiceDate").Single().Value);
            Assert.Equal(random, xml.Descendants(ns + "RandomNumber").Single().Value);
            Assert.Equal(p.Code, (await hq.GetFromJsonAsync<InvoiceView>($"/api/v1/invoices/{p.Code}/{zero}"))!.Period);
        }

        // A register reads its own store's invoices (a return at one register finds a sale made at another); another store's key may not.
        Assert.Equal(HttpStatusCode.OK, (await register.GetAsync($"/api/v1/invoices/{p1.Code}/{zero}")).StatusCode);
        using (var otherStore = api.CreateRegisterClient("demo-S004-R3-key"))
            Assert.Equal(HttpStatusCode.Forbidden, (await otherStore.GetAsync($"/api/v1/invoices/{p1.Code}/{zero}")).StatusCode);

        // The register view per period.
        var v1 = Assert.Single((await hq.GetFromJsonAsync<RegisterInvoicesView>($"/api/v1/registers/S001-R1/invoices?period={p1.Code}"))!.Blocks, b => b.Block.Track == track);
        Assert.Equal([N(0), N(1), N(2)], v1.Used);
        Assert.Equal([N(3)], v1.Voided);
        Assert.Equal([(N(4), N(49), 46)], v1.Blank.Select(b => (b.First, b.Last, b.Count)));
        var v2 = Assert.Single((await hq.GetFromJsonAsync<RegisterInvoicesView>($"/api/v1/registers/S001-R1/invoices?period={p2.Code}"))!.Blocks, b => b.Block.Track == track);
        Assert.Equal([N(0), N(1)], v2.Used);
        Assert.Empty(v2.Voided);
        Assert.Equal([(N(2), N(49), 48)], v2.Blank.Select(b => (b.First, b.Last, b.Count)));

        // E0402 per period: p1 used 0–2 and voided 3; p2 used only 0–1, so its 2 and 3 are blank.
        var e1 = Assert.Single((await hq.GetFromJsonAsync<E0402View>($"/api/v1/invoice-periods/{p1.Code}/e0402"))!.Documents, d => d.Track == track);
        Assert.Equal([(N(4), N(99), 96)], e1.Blank.Select(b => (b.First, b.Last, b.Count)));
        var e2 = Assert.Single((await hq.GetFromJsonAsync<E0402View>($"/api/v1/invoice-periods/{p2.Code}/e0402"))!.Documents, d => d.Track == track);
        Assert.Equal([(N(2), N(99), 98)], e2.Blank.Select(b => (b.First, b.Last, b.Count)));
        XNamespace e = "urn:GEINV:eInvoiceMessage:E0402:4.1";
        Assert.Equal(p2.Code, XDocument.Parse(e2.Xml).Descendants(e + "YearMonth").Single().Value);
    }

    public static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
