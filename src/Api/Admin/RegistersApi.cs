using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Admin;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;

namespace PosCloud.Api.Admin;

/// <summary>HQ creates registers and their keys. A key is shown once, in the answer that made it; only its hash is kept.</summary>
public static class RegistersApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var registers = api.MapGroup("/registers").WithTags("Registers and keys").RequireAuthorization(Policies.Hq);
        registers.MapPost("/", CreateRegister).WithName("CreateRegister")
            .WithSummary("Create a register {storeId}-R{n} and its API key (shown once)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        registers.MapPost("/{registerId}/keys", RotateKey).WithName("RotateRegisterKey")
            .WithSummary("Issue a new key for a register; the old key stops working at once")
            .ProducesProblem(403).ProducesProblem(404);

        api.MapPost("/api-clients", CreateApiClient).WithTags("Registers and keys").RequireAuthorization(Policies.Hq)
            .WithName("CreateApiClient").WithSummary("Create an HQ or integrator key (shown once)")
            .ProducesProblem(400).ProducesProblem(403);
        return api;
    }

    internal static async Task<Results<Created<IssuedKey>, ProblemHttpResult>> CreateRegister(
        CreateRegisterRequest request, CloudDbContext db, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == request.StoreId, ct))
            return TypedResults.Problem(title: "Store not found", detail: $"No store {request.StoreId}; create it first (PUT /api/v1/stores/{request.StoreId}).", statusCode: 404);
        if (request.Number is < 1 or > 999)
            return TypedResults.Problem(title: "Bad register number", detail: "number must be 1–999.", statusCode: 400);
        var prefix = request.StoreId + "-R";
        var taken = await db.Registers.Where(r => r.StoreId == request.StoreId).Select(r => r.Id).ToListAsync(ct);
        var number = request.Number ?? taken.Select(id => int.TryParse(id[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var key = ApiKeyHash.NewKey();
        db.Registers.Add(new Register { Id = prefix + number, StoreId = request.StoreId, ApiKeyHash = ApiKeyHash.Of(key) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return TypedResults.Problem(title: "Register exists", detail: $"Register {prefix + number} already exists; rotate its key instead.", statusCode: 409);
        }
        return TypedResults.Created($"/api/v1/registers/{prefix + number}", new IssuedKey(prefix + number, Roles.Register, key, request.StoreId));
    }

    internal static async Task<Results<Ok<IssuedKey>, NotFound<ProblemDetails>>> RotateKey(string registerId, CloudDbContext db, CancellationToken ct)
    {
        var key = ApiKeyHash.NewKey();
        var hash = ApiKeyHash.Of(key);
        var changed = await db.Registers.Where(r => r.Id == registerId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ApiKeyHash, hash), ct);
        if (changed == 0)
            return TypedResults.NotFound(new ProblemDetails { Title = "Register not found", Detail = $"No register {registerId}.", Status = 404 });
        var storeId = await db.Registers.Where(r => r.Id == registerId).Select(r => r.StoreId).FirstAsync(ct);
        return TypedResults.Ok(new IssuedKey(registerId, Roles.Register, key, storeId));
    }

    internal static async Task<Results<Created<IssuedKey>, ProblemHttpResult>> CreateApiClient(
        CreateApiClientRequest request, CloudDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (request.Role is not (Roles.Hq or Roles.Integrator))
            return TypedResults.Problem(title: "Bad role", detail: $"role must be '{Roles.Hq}' or '{Roles.Integrator}'.", statusCode: 400);
        if (string.IsNullOrWhiteSpace(request.Name))
            return TypedResults.Problem(title: "name is required", detail: "Name the tool or integrator that will use this key.", statusCode: 400);
        var key = ApiKeyHash.NewKey();
        var client = new ApiClient { Id = Guid.CreateVersion7(), Name = request.Name.Trim(), Role = request.Role, ApiKeyHash = ApiKeyHash.Of(key), CreatedAt = time.GetUtcNow() };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-clients/{client.Id}", new IssuedKey(client.Id.ToString(), client.Role, key, null));
    }
}
