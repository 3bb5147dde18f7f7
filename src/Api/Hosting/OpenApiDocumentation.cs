using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PosCloud.Contracts.Batches;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PosCloud.Api.Hosting;

/// <summary>Describes each tag, so the Swagger UI explains the API's parts to an integrator.</summary>
internal sealed class TagDescriptions : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["Batches"] = "Registers upload their offline orders in batches; each order is accepted exactly once.",
        ["Orders"] = "An uploaded order's status, reconciled lines and manager price overrides (店長改價).",
        ["Returns"] = "Returns (退貨) and cancels (作廢) taken at registers, each stored once by its returnId and reconciled against its original sale: status, refunds, invoice outcome (cancel, reissue, allowance) and the 店長改價 share a returned line reversed.",
        ["Stores"] = "A store's upload records (上傳紀錄) and the snapshot its registers sell from offline.",
        ["Sync status"] = "Every store's sync state at a glance, including missing sales and broken hash chains.",
        ["Catalog"] = "Products and their price history (HQ and integrators).",
        ["Registers and keys"] = "Registers and API keys (HQ only). Keys are shown once and stored hashed.",
        ["Dashboard users"] = "The people who sign in to the HQ dashboard at /dashboard (HQ only): viewers look, operators also act. Passwords are stored hashed and never answered.",
        ["Master data"] = "Stores, staff and customers (HQ and integrators).",
        ["Reconciliation"] = "HQ maps unknown SKUs and re-runs orders; affected orders reconcile again automatically.",
        ["Readiness"] = "Before an outage: every register's readiness (heartbeat every minute; reasons and since when, HQ and integrators). After one: HQ imports a register's signed export of its unsynced sales.",
        ["E-invoices"] = "Taiwan e-invoices: number ranges and register blocks (HQ), numbers used, voided, blank or flagged per register, upload deadlines, F0401 and E0402 content for the MOF platform adapter (HQ and integrators).",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct();
        foreach (var name in used)
        {
            var existing = document.Tags.FirstOrDefault(t => t.Name == name);
            if (existing is not null) existing.Description ??= Descriptions.GetValueOrDefault(name);
            else document.Tags.Add(new OpenApiTag { Name = name, Description = Descriptions.GetValueOrDefault(name) ?? name });
        }
    }
}

/// <summary>A realistic upload in the schema, so "Try it out" starts from a request that works with the demo data.</summary>
internal sealed class UploadExample : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(UploadBatchRequest) || schema is not OpenApiSchema concrete) return;
        concrete.Example = JsonNode.Parse("""
            {
              "batchId": "7d0c6f9e-7c1b-4d7e-9a51-1f0d2b3c4a04",
              "storeId": "S004",
              "registerId": "S004-R3",
              "orders": [{
                "orderId": "0b6b1f5e-3f1a-4c55-8f0e-6f2b8c9d1e04",
                "localNumber": 1,
                "soldAt": "2026-11-27T09:30:00+08:00",
                "staffId": "S004-E02",
                "customerPhone": "0909847665",
                "lines": [
                  { "sku": "TS-0400001", "name": "外套", "type": "regular", "quantity": 1, "unitPrice": 500, "priceSource": "typed" },
                  { "sku": "4712331020621", "name": "芒果乾", "type": "addOn", "quantity": 1, "unitPrice": 91, "priceSource": "catalog" }
                ],
                "payments": [{ "method": "cash", "amount": 591 }],
                "total": 591,
                "previousHash": null,
                "hash": "3f1c…"
              }]
            }
            """);
    }
}
