using System.Diagnostics;
using System.Text.Json;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The OpenAPI document validates with a standard linter (Redocly CLI, recommended rules) and every operation has a stable name.</summary>
public class OpenApiTests
{
    [SkippableFact]
    public async Task The_document_passes_redocly_lint_with_no_errors_and_no_warnings()
    {
        await using var api = ApiFactory.Embedded(out _);
        // As an integrator would fetch it from a real host (the linter rightly warns about localhost servers).
        using var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.poscloud.test") });
        var json = await client.GetStringAsync("/swagger/v1/swagger.json");

        using (var doc = JsonDocument.Parse(json))
        {
            var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Op: o.Value))).ToList();
            Assert.True(operations.Count >= 15, $"only {operations.Count} operations documented");
            Assert.All(operations, o => Assert.True(o.Op.TryGetProperty("operationId", out _), $"{o.Method} {o.Path} has no operationId"));
            Assert.All(operations, o => Assert.StartsWith("/api/v1/", o.Path));
        }

        var redocly = FindOnPath("redocly");
        if (redocly is null)
        {
            var reason = "*** Redocly CLI is not installed (npm install -g @redocly/cli@2.77.0): the OpenAPI lint was NOT run. ***";
            Console.Error.WriteLine(reason);
            if (Infrastructure.Required) throw new InvalidOperationException(reason);
            throw new SkipException(reason);
        }
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        using var lint = Process.Start(new ProcessStartInfo(redocly, ["lint", file, "--format=stylish"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await lint.StandardOutput.ReadToEndAsync() + await lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        Assert.True(lint.ExitCode == 0, output);
        Assert.DoesNotContain(" warning ", output);
        Assert.DoesNotContain(" error ", output);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>The document states the contract's bounds (issue 18: it stated none), from the constants the validators enforce.</summary>
public class OpenApiBoundsTests
{
    [Fact]
    public async Task The_upload_schemas_and_query_parameters_state_their_bounds()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var client = api.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        JsonElement Field(string schema, string field) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(field);

        Assert.Equal(200, Field("OfflineOrderLine", "name").GetProperty("maxLength").GetInt32());
        Assert.Equal(64, Field("OfflineOrderLine", "sku").GetProperty("maxLength").GetInt32());
        Assert.True(Field("OfflineOrderLine", "sku").TryGetProperty("pattern", out _));
        Assert.Equal(9999m, Field("OfflineOrderLine", "quantity").GetProperty("maximum").GetDecimal());
        Assert.Equal(0.001m, Field("OfflineOrderLine", "quantity").GetProperty("multipleOf").GetDecimal());
        Assert.Equal(10_000_000m, Field("OfflineOrderLine", "unitPrice").GetProperty("maximum").GetDecimal());
        Assert.Equal(0m, Field("OfflineOrderLine", "unitPrice").GetProperty("minimum").GetDecimal());
        Assert.Equal(1_000_000_000L, Field("OfflineOrder", "localNumber").GetProperty("maximum").GetInt64());
        Assert.Equal(30, Field("OfflineOrder", "customerPhone").GetProperty("maxLength").GetInt32());
        Assert.Equal(200, Field("OfflineOrder", "lines").GetProperty("maxItems").GetInt32());
        Assert.Contains("2000-01-01", Field("OfflineOrder", "soldAt").GetProperty("description").GetString());
        Assert.Equal(30, Field("OfflinePayment", "method").GetProperty("maxLength").GetInt32());
        Assert.Equal(40, Field("OfflineInvoice", "number").GetProperty("maxLength").GetInt32());
        Assert.Equal(500, Field("UploadBatchRequest", "orders").GetProperty("maxItems").GetInt32());
        Assert.Equal(10_000_000m, Field("ProductUpsert", "listPrice").GetProperty("maximum").GetDecimal());
        Assert.Equal(500, Field("OrderStatusRequest", "ids").GetProperty("maxItems").GetInt32());

        var uploads = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/stores/{storeId}/uploads").GetProperty("get").GetProperty("parameters");
        var page = uploads.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "page").GetProperty("schema");
        Assert.Equal(100_000, page.GetProperty("maximum").GetInt32());
        Assert.True(doc.RootElement.GetProperty("paths").GetProperty("/api/v1/orders/status").TryGetProperty("post", out _));
    }
}
