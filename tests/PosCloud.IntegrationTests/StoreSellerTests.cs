using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using PosCloud.Contracts;
using PosCloud.Contracts.Admin;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// Seller per store on PostgreSQL (issue 12): the demo's S002 issues under its own 統一編號. Its snapshot carries the
/// seller, the register's QR code and the uploaded invoice say it, and its F0401 says what the proof said even after
/// master data changes; a bad store tax id is refused naming the field.
/// </summary>
public sealed class StoreSellerTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    private const string Branch = "23456701";
    private const string Business = "12345675"; // Invoicing:SellerId of the test cloud (src/Api/appsettings.json)
    private static readonly XNamespace F = "urn:GEINV:eInvoiceMessage:F0401:4.1";

    [Fact]
    public async Task A_stores_own_seller_reaches_the_snapshot_the_QR_code_and_its_F0401_as_issued_on_postgresql()
    {
        var api = cloud.Require().Api;
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        // S002-R1 gets a key (the demo seeds a key only for S001-R1).
        var key = (await (await hq.PostAsync("/api/v1/registers/S002-R1/keys", null)).Content.ReadFromJsonAsync<IssuedKey>())!;
        using var register = api.CreateRegisterClient(key.ApiKey);
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var period = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(now)));
        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(period.Code, "SL", "10000000", "10000999")));
        await InvoiceFlow.CreatedAsync<InvoiceRangeView>(await hq.PostAsJsonAsync("/api/v1/registers/S002-R1/invoice-blocks", new AssignInvoiceBlockRequest(period.Code)));

        // The seeded store's own seller comes with the snapshot.
        var snapshot = (await register.GetFromJsonAsync<StoreSnapshot>("/api/v1/stores/S002/snapshot"))!;
        Assert.Equal(Branch, snapshot.SellerTaxId);
        Assert.False(string.IsNullOrEmpty(snapshot.SellerName));
        var seller = StoreSeller.Resolve(snapshot.SellerTaxId, snapshot.SellerName, Business, "unused");

        // What the register prints from it: the seller id sits in the left QR code (after number, date, random code,
        // two amounts and the buyer), and the invoice goes up with the seller as printed.
        OfflineOrder Sale(long local, int serial, OfflineInvoice? extra = null)
        {
            var line = new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m);
            var order = new OfflineOrder(Guid.NewGuid(), local, now.AddMinutes(-local), "S002-E02", null, [line], [new OfflinePayment("cash", 589m)], 589m);
            var invoice = new OfflineInvoice($"SL{10000000 + serial:D8}", order.SoldAt, "1234", Items: [new OfflineInvoiceItem("外套", 1, 589m, 589m)], TotalAmount: 589);
            return order with { Invoice = extra is null ? invoice : invoice with { SellerTaxId = extra.SellerTaxId, SellerName = extra.SellerName } };
        }
        var printed = Sale(1, 0, new OfflineInvoice("", default, "", SellerTaxId: seller.Identifier, SellerName: seller.Name));
        var library = new InvoiceDocument(InvoiceNumber.Parse(printed.Invoice!.Number), TaiwanTime.Local(printed.SoldAt), "1234", seller, null,
            [new InvoiceItem("外套", 1, 589m, 589m)], null, 0, 589);
        var qr = InvoiceQrContent.Build(library, QrVerificationKey.FromHex("FE05F029154F6AA67A78B338ED2F6601"));
        Assert.Equal(Branch, qr.Left.Substring(45, 8));
        var older = Sale(2, 1);   // a register before seller-per-store sends no seller
        var batch = new UploadBatchRequest(Guid.NewGuid(), "S002", "S002-R1", [printed, older]);
        Assert.All((await Scenario.UploadAsync(register, batch)).Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));

        async Task<(string Id, string Name)> F0401Seller(string number)
        {
            var xml = XDocument.Parse(await hq.GetStringAsync($"/api/v1/invoices/{period.Code}/{number}/f0401"));
            var s = xml.Descendants(F + "Seller").Single();
            return (s.Element(F + "Identifier")!.Value, s.Element(F + "Name")!.Value);
        }
        Assert.Equal((Branch, seller.Name), await F0401Seller(printed.Invoice.Number));
        // Without a seller on the wire: the store's seller from master data, which is what such a register printed.
        Assert.Equal((Branch, seller.Name), await F0401Seller(older.Invoice!.Number));
        Assert.Equal(Branch, await api.WithDbAsync(db => Task.FromResult(db.IssuedInvoices.Single(i => i.Period == period.Code && i.Number == printed.Invoice.Number).SellerTaxId)));

        // Master data changes later (the store goes back to the business's id): the printed invoice keeps its seller.
        Assert.Equal(HttpStatusCode.NoContent, (await hq.PutAsJsonAsync("/api/v1/stores/S002", new StoreUpsert("台中逢甲店"))).StatusCode);
        Assert.Equal((Branch, seller.Name), await F0401Seller(printed.Invoice.Number));
        Assert.Null((await register.GetFromJsonAsync<StoreSnapshot>("/api/v1/stores/S002/snapshot"))!.SellerTaxId);

        // A store tax id that fails the checksum is refused naming the field, and nothing changes.
        var bad = await hq.PutAsJsonAsync("/api/v1/stores/S002", new StoreUpsert("台中逢甲店", SellerTaxId: "23456702", SellerName: "台中逢甲分公司"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("統一編號", problem.GetProperty("errors").GetProperty("sellerTaxId")[0].GetString());
        Assert.Null(await api.WithDbAsync(db => Task.FromResult(db.Stores.Single(s => s.Id == "S002").SellerTaxId)));
        // And a good one is taken.
        Assert.Equal(HttpStatusCode.NoContent, (await hq.PutAsJsonAsync("/api/v1/stores/S002", new StoreUpsert("台中逢甲店", SellerTaxId: Branch, SellerName: "台中逢甲分公司"))).StatusCode);
        Assert.Equal(Branch, (await register.GetFromJsonAsync<StoreSnapshot>("/api/v1/stores/S002/snapshot"))!.SellerTaxId);
    }

    [Fact]
    public async Task The_blank_numbers_of_a_store_with_its_own_id_go_in_an_E0402_under_its_BranchBan_on_postgresql()
    {
        var api = cloud.Require().Api;
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var closed = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(DateTimeOffset.UtcNow))).Previous();
        // A closed period's range (registered directly: the API refuses blocks for closed periods), half of it assigned
        // to S002's register (own id), the rest to S001's (the business's).
        await api.WithDbAsync(db =>
        {
            db.InvoiceNumberRanges.Add(new PosCloud.Core.Invoices.InvoiceNumberRange { Period = closed.Code, Track = "SB", From = 30000000, To = 30000099, RegisteredAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        await InvoiceFlow.AddBlockAsync(api, closed, "SB", 30000000, 30000049, "S002-R1");
        await InvoiceFlow.AddBlockAsync(api, closed, "SB", 30000050, 30000099, "S001-R1");

        var view = (await hq.GetFromJsonAsync<E0402View>($"/api/v1/invoice-periods/{closed.Code}/e0402"))!;
        var docs = view.Documents.Where(d => d.Track == "SB").ToList();
        Assert.Equal([Business, Branch], docs.Select(d => d.BranchBan));
        XNamespace e = "urn:GEINV:eInvoiceMessage:E0402:4.1";
        foreach (var doc in docs)
        {
            var xml = XDocument.Parse(doc.Xml);
            Assert.Equal(Business, xml.Descendants(e + "HeadBan").Single().Value);
            Assert.Equal(doc.BranchBan, xml.Descendants(e + "BranchBan").Single().Value);
        }
        Assert.Equal([("SB30000050", "SB30000099")], docs[0].Blank.Select(b => (b.First, b.Last)));
        Assert.Equal([("SB30000000", "SB30000049")], docs[1].Blank.Select(b => (b.First, b.Last)));
    }
}
