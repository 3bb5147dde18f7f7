using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

namespace PosCloud.Core.Seeding;

public static class DemoSeeder
{
    /// <summary>The date the demo catalog's first prices apply from.</summary>
    public static readonly DateTimeOffset CatalogEffectiveFrom = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeds the demo dataset into an empty database; does nothing when stores exist.</summary>
    /// <param name="demoRegisterKey">The API key of S001-R1 (setting Demo:RegisterKey).</param>
    /// <param name="demoHqKey">An HQ key (setting Demo:HqKey) for trying the HQ endpoints.</param>
    /// <param name="exampleRegisterKey">The API key of S004-R3 (setting Demo:ExampleRegisterKey): the README's and Swagger's
    /// examples upload as this register, so they never collide with the sale numbers of a store agent running as S001-R1 (the demo register).</param>
    public static async Task<bool> SeedAsync(CloudDbContext db, string demoRegisterKey, string demoHqKey, DateTimeOffset now, CancellationToken ct = default,
        string? exampleRegisterKey = null)
    {
        if (await db.Stores.AnyAsync(ct)) return false;
        var staff = DemoDataset.Staff();
        foreach (var s in DemoDataset.Stores())
        {
            db.Stores.Add(new Store
            {
                Id = s.Id,
                Name = s.Name,
                ManagerStaffId = staff.FirstOrDefault(x => x.StoreId == s.Id && x.Role == "manager")?.Id,
                // S002 issues under its own 統一編號 (a branch registered separately): the demo shows seller-per-store.
                SellerTaxId = s.SellerTaxId,
                SellerName = s.SellerName,
            });
            for (var n = 1; n <= s.Registers; n++)
            {
                var id = $"{s.Id}-R{n}";
                db.Registers.Add(new Register { Id = id, StoreId = s.Id, ApiKeyHash = id == DemoRegisterId ? ApiKeyHash.Of(demoRegisterKey)
                    : id == ExampleRegisterId && exampleRegisterKey is not null ? ApiKeyHash.Of(exampleRegisterKey) : null });
            }
        }
        db.Staff.AddRange(staff.Select(s => new Staff { Id = s.Id, StoreId = s.StoreId, Name = s.Name, Role = s.Role }));
        db.Customers.AddRange(DemoDataset.Customers().Select(c => new Customer { Id = c.Id, Name = c.Name, Phone = c.Phone, MemberLevel = c.Level }));
        foreach (var p in DemoDataset.Catalog())
        {
            db.Products.Add(new Product
            {
                Sku = p.Sku,
                SkuKey = p.Sku.Trim().ToUpperInvariant(),
                Barcode = p.Barcode,
                Name = p.Name,
                Category = p.Category,
                GiftEligible = p.GiftEligible,
                Active = p.Active,
                Prices = { new ProductPrice { Sku = p.Sku, EffectiveFrom = CatalogEffectiveFrom, ListPrice = p.ListPrice, AddOnPrice = p.AddOnPrice } },
            });
        }
        db.ApiClients.Add(new ApiClient { Id = Guid.CreateVersion7(now), Name = "Demo HQ", Role = "hq", ApiKeyHash = ApiKeyHash.Of(demoHqKey), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public const string DemoRegisterId = "S001-R1";
    public const string DefaultDemoRegisterKey = "demo-S001-R1-key";
    public const string ExampleRegisterId = "S004-R3";
    public const string DefaultExampleRegisterKey = "demo-S004-R3-key";
    public const string DefaultDemoHqKey = "demo-hq-key";
}
