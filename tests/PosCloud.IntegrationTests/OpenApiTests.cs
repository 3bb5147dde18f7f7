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
