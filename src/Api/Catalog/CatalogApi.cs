using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosCloud.Api.Auth;
using PosCloud.Contracts.Catalog;
using PosCloud.Core.Persistence;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Api.Catalog;

public static class CatalogApi
{
    public const int MaxImportRows = 100_000;

    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/products").WithTags("Catalog");
        group.MapGet("/{sku}", GetProduct).RequireAuthorization()
            .WithName("GetProduct").WithSummary("A product with its price history").ProducesProblem(404);
        group.MapPut("/{sku}", PutProduct).RequireAuthorization(Policies.MasterData)
            .WithName("UpsertProduct")
            .WithSummary("Create or update one product; a changed price becomes a new history point from effectiveFrom (default now)")
            .ProducesProblem(400).ProducesProblem(403);
        group.MapPost("/import", Import).RequireAuthorization(Policies.MasterData)
            .WithName("ImportProducts")
            .WithSummary("Bulk upsert from CSV (text/csv: sku,barcode,name,category,list_price,add_on_price,gift_eligible,active[,effective_from]) or a JSON array of products")
            .WithDescription("Valid rows are applied in one transaction; each invalid row is reported with its row number and every reason.")
            .Accepts<ProductUpsert[]>("application/json", "text/csv")
            .ProducesProblem(400).ProducesProblem(403);
        return api;
    }

    internal static async Task<Results<Ok<ProductView>, NotFound<ProblemDetails>>> GetProduct(string sku, CloudDbContext db, CancellationToken ct)
    {
        var key = CatalogIndex.SkuKey(sku);
        var p = await db.Products.AsNoTracking().Include(x => x.Prices).FirstOrDefaultAsync(x => x.SkuKey == key, ct);
        return p is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "Product not found", Detail = $"No product with SKU {sku}.", Status = 404 })
            : TypedResults.Ok(new ProductView(p.Sku, p.Barcode, p.Name, p.Category, p.GiftEligible, p.Active,
                p.Prices.OrderBy(x => x.EffectiveFrom).Select(x => new PriceView(x.EffectiveFrom, x.ListPrice, x.AddOnPrice)).ToList()));
    }

    internal static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> PutProduct(string sku, ProductUpsert product, CatalogUpdates updates, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (!string.Equals(CatalogIndex.SkuKey(sku), CatalogIndex.SkuKey(product.Sku ?? ""), StringComparison.Ordinal))
            return TypedResults.Problem(title: "SKU mismatch", detail: $"The path says {sku} but the body says {product.Sku}.", statusCode: 400);
        var result = await updates.ApplyAsync([(1, product)], [], user.Identity?.Name ?? "hq", ct);
        return result.Errors.Count > 0
            ? TypedResults.Problem(title: "Invalid product", detail: string.Join(" ", result.Errors[0].Messages), statusCode: 400)
            : TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(HttpRequest request, CatalogUpdates updates, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        List<(int, ProductUpsert?)> rows;
        List<ImportRowError> errors = [];
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            var csv = await CatalogCsv.ReadAsync(reader, MaxImportRows, ct);
            if (csv.TooManyRows) return TooLarge();
            (rows, errors) = csv;
        }
        else
        {
            ProductUpsert?[]? items;
            try
            {
                items = await JsonSerializer.DeserializeAsync<ProductUpsert?[]>(request.Body, JsonSerializerOptions.Web, ct);
            }
            catch (JsonException ex)
            {
                return TypedResults.Problem(title: "Malformed JSON", statusCode: 400,
                    detail: $"Expected a JSON array of products; at {ex.Path} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}) it is not valid.");
            }
            rows = (items ?? []).Select((p, i) => (i + 1, p)).ToList();
        }
        if (rows.Count + errors.Count > MaxImportRows) return TooLarge();
        return TypedResults.Ok(await updates.ApplyAsync(rows, errors, user.Identity?.Name ?? "hq", ct));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "Import too large", detail: $"At most {MaxImportRows} rows per import.", statusCode: 413);
}
