using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PosCloud.Contracts.Admin;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The HQ API and the dashboard's operator buttons are two doors to one service: the same mistake gets the same answer.</summary>
public class HqActionsTests
{
    [Fact]
    public async Task The_api_and_the_dashboard_answer_the_same_mistake_with_the_same_status()
    {
        await using var api = ApiFactory.Embedded(out _);
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardSignIn.PostAsync(browser, "hq-operator", "operator-demo-1234")).StatusCode);
        var csrf = JsonDocument.Parse(await browser.GetStringAsync("/dashboard/api/me")).RootElement.GetProperty("csrf").GetString()!;
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);

        async Task<(HttpStatusCode Api, HttpStatusCode Dashboard)> BothAsync(string apiPath, object apiBody, string dashboardPath, object dashboardBody) =>
            ((await hq.PostAsJsonAsync(apiPath, apiBody)).StatusCode, (await browser.PostAsJsonAsync(dashboardPath, dashboardBody)).StatusCode);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            await BothAsync("/api/v1/sku-aliases", new MapSkuRequest("X-UNKNOWN-1", "NO-SUCH-SKU"), "/dashboard/api/sku-mappings", new { alias = "X-UNKNOWN-1", sku = "NO-SUCH-SKU" }));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict),
            await BothAsync("/api/v1/sku-aliases", new MapSkuRequest("TS-0400001", "AC-0400017"), "/dashboard/api/sku-mappings", new { alias = "TS-0400001", sku = "AC-0400017" }));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            await BothAsync("/api/v1/sku-aliases", new MapSkuRequest(new string('x', 65), "AC-0400017"), "/dashboard/api/sku-mappings", new { alias = new string('x', 65), sku = "AC-0400017" }));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            await BothAsync("/api/v1/stores/S999/reruns", new { }, "/dashboard/api/stores/S999/rerun", new { }));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK),
            await BothAsync("/api/v1/sku-aliases", new MapSkuRequest("X-ALIAS-OK", "AC-0400017"), "/dashboard/api/sku-mappings", new { alias = "X-ALIAS-OK", sku = "AC-0400017" }));
    }
}
