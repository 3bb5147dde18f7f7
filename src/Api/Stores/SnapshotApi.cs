using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Stores;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Stores;

/// <summary>
/// What an agent caches for the next outage. The ETag is a hash of the content, so an unchanged
/// snapshot answers 304 with no body whatever time it is asked.
/// </summary>
internal static class SnapshotApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static async Task<Results<Ok<StoreSnapshot>, StatusCodeHttpResult, NotFound<ProblemDetails>, ForbidHttpResult>> GetSnapshot(
        string storeId, HttpContext http, ClaimsPrincipal user, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!user.CanAccessStore(storeId)) return TypedResults.Forbid();
        var store = await db.Stores.AsNoTracking().FirstOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "Store not found", Detail = $"No store {storeId}.", Status = 404 });

        var now = time.GetUtcNow();
        var staff = await db.Staff.AsNoTracking().Where(s => s.StoreId == storeId).OrderBy(s => s.Id)
            .Select(s => new SnapshotStaff(s.Id, s.Name, s.Role)).ToListAsync(ct);
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new SnapshotCustomer(c.Id, c.Name, c.Phone, c.MemberLevel)).ToListAsync(ct);
        var products = await db.Products.AsNoTracking().Include(p => p.Prices).OrderBy(p => p.Sku).AsSplitQuery().ToListAsync(ct);
        var catalog = products.Select(p =>
        {
            var price = p.Prices.Where(x => x.EffectiveFrom <= now).MaxBy(x => x.EffectiveFrom);
            return new SnapshotProduct(p.Sku, p.Barcode, p.Name, price?.ListPrice ?? 0m, price?.AddOnPrice, p.GiftEligible, p.Active);
        }).ToList();
        var registers = await db.Registers.AsNoTracking().Where(r => r.StoreId == storeId).Select(r => r.Id).ToListAsync(ct);
        var blocks = await db.InvoiceBlocks.AsNoTracking().Where(b => b.RegisterId != null && registers.Contains(b.RegisterId))
            .OrderBy(b => b.Period).ThenBy(b => b.Track).ThenBy(b => b.From)
            .Select(b => new SnapshotInvoiceRange(b.RegisterId!, b.Period, b.Track, b.From, b.To)).ToListAsync(ct);

        // The store's own seller (null: the register uses the business's Invoicing:SellerId / SellerName).
        var content = new StoreSnapshot(store.Id, store.Name, "", default, staff, customers, catalog, blocks, store.SellerTaxId, store.SellerName);
        var version = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, Json)))[..16];
        var etag = $"\"{version}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(v => v.Trim() == etag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(content with { Version = version, GeneratedAt = now });
    }
}
