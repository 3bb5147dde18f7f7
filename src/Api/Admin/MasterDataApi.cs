using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Admin;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Api.Admin;

/// <summary>Stores, staff and customers, upserted by HQ or an integrator (idempotent PUTs).</summary>
public static class MasterDataApi
{
    public static RouteGroupBuilder MapMasterDataApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Master data").RequireAuthorization(Policies.MasterData);
        group.MapPut("/stores/{storeId}", PutStore).WithName("UpsertStore").WithSummary("Create or update a store").ProducesProblem(400).ProducesProblem(403);
        group.MapPut("/stores/{storeId}/staff/{staffId}", PutStaff).WithName("UpsertStaff").WithSummary("Create or update a staff member of a store").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        group.MapPut("/customers/{customerId}", PutCustomer).WithName("UpsertCustomer").WithSummary("Create or update a member (looked up by phone at the register)").ProducesProblem(400).ProducesProblem(403);
        return api;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> PutStore(string storeId, StoreUpsert body, CloudDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || storeId.Length > 20)
            return TypedResults.Problem(title: "Invalid store", detail: "name is required and storeId is at most 20 characters.", statusCode: 400);
        // The store's own seller: a 統一編號 that fails the checksum is refused naming the field (never stored, never printed).
        var sellerErrors = StoreSeller.Validate(body.SellerTaxId, body.SellerName);
        if (sellerErrors.Count > 0)
            return TypedResults.Problem(title: "Invalid store seller", detail: string.Join(" ", sellerErrors.Values.SelectMany(v => v)), statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errors"] = sellerErrors });
        var sellerTaxId = StoreSeller.Clean(body.SellerTaxId);
        var sellerName = StoreSeller.Clean(body.SellerName);
        var store = await db.Stores.FindAsync([storeId], ct);
        if (store is null) db.Stores.Add(new Store { Id = storeId, Name = body.Name.Trim(), ManagerStaffId = body.ManagerStaffId, SellerTaxId = sellerTaxId, SellerName = sellerName });
        else { store.Name = body.Name.Trim(); store.ManagerStaffId = body.ManagerStaffId; store.SellerTaxId = sellerTaxId; store.SellerName = sellerName; }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> PutStaff(string storeId, string staffId, StaffUpsert body, CloudDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Role is not ("manager" or "clerk"))
            return TypedResults.Problem(title: "Invalid staff", detail: "name is required and role is 'manager' or 'clerk'.", statusCode: 400);
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct))
            return TypedResults.Problem(title: "Store not found", detail: $"No store {storeId}.", statusCode: 404);
        var staff = await db.Staff.FindAsync([staffId], ct);
        if (staff is not null && staff.StoreId != storeId)
            return TypedResults.Problem(title: "Staff belongs to another store", detail: $"{staffId} is staff of {staff.StoreId}.", statusCode: 400);
        if (staff is null) db.Staff.Add(new Staff { Id = staffId, StoreId = storeId, Name = body.Name.Trim(), Role = body.Role });
        else { staff.Name = body.Name.Trim(); staff.Role = body.Role; }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> PutCustomer(string customerId, CustomerUpsert body, CloudDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || !System.Text.RegularExpressions.Regex.IsMatch(body.Phone ?? "", @"^09\d{8}$"))
            return TypedResults.Problem(title: "Invalid customer", detail: "name is required and phone is a Taiwan mobile number 09xxxxxxxx.", statusCode: 400);
        var customer = await db.Customers.FindAsync([customerId], ct);
        if (customer is null) db.Customers.Add(new Customer { Id = customerId, Name = body.Name.Trim(), Phone = body.Phone!, MemberLevel = body.MemberLevel });
        else { customer.Name = body.Name.Trim(); customer.Phone = body.Phone!; customer.MemberLevel = body.MemberLevel; }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
