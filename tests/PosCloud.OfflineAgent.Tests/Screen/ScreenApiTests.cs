using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Screen;

/// <summary>The agent calls the screen needs, on the real agent (in-process, offline: no cloud).</summary>
public sealed class ScreenApiTests
{
    [Fact]
    public async Task Status_tells_the_screen_the_cap_the_pin_and_that_no_online_pos_is_set()
    {
        await using var agent = await InProcessAgent.StartAsync();
        var s = await agent.StatusAsync();
        Assert.Equal(JsonValueKind.Null, s.GetProperty("onlinePosUrl").ValueKind);
        Assert.False(s.GetProperty("managerPinConfigured").GetBoolean());
        Assert.Equal(0m, s.GetProperty("offlineSaleCap").GetDecimal());
        Assert.Equal(JsonValueKind.String, s.GetProperty("snapshotGeneratedAt").ValueKind);
    }

    [Fact]
    public async Task With_a_pin_and_no_cap_set_the_default_cap_applies_and_a_large_sale_asks_for_the_pin()
    {
        await using var agent = await InProcessAgent.StartAsync(extra: ["--Agent:OfflineSaleCap=", "--Agent:ManagerPin=2468"]);
        Assert.Equal(30000m, (await agent.StatusAsync()).GetProperty("offlineSaleCap").GetDecimal());
        var (r, body) = await agent.SellAsync(InProcessAgent.Sale(price: 30001m));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True(body.GetProperty("needsManagerPin").GetBoolean());
    }

    [Fact]
    public async Task Reset_is_refused_while_offline_even_with_the_right_pin_and_keeps_everything()
    {
        await using var agent = await InProcessAgent.StartAsync(extra: ["--Agent:ManagerPin=2468"]);
        var (sold, _) = await agent.SellAsync(InProcessAgent.Sale());
        sold.EnsureSuccessStatusCode();
        // The monitor calls the agent offline after its failed probes; wait until it has.
        for (var i = 0; i < 100 && (await agent.StatusAsync()).GetProperty("connectivity").GetString() != "offline"; i++) await Task.Delay(100);

        var r = await agent.Client.PostAsJsonAsync("api/admin/reset", new { managerPin = "2468" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("guard.offline", body.GetProperty("code").GetString());
        Assert.Contains("離線", body.GetProperty("messageZh").GetString());
        Assert.Single((await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!);
        Assert.Equal(JsonValueKind.String, (await agent.StatusAsync()).GetProperty("snapshotVersion").ValueKind);
    }

    [Fact]
    public async Task The_order_list_says_how_it_was_paid()
    {
        await using var agent = await InProcessAgent.StartAsync();
        (await agent.SellAsync(InProcessAgent.Sale())).Response.EnsureSuccessStatusCode();
        var row = Assert.Single((await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!);
        Assert.Equal("cash", row.GetProperty("paymentMethod").GetString());
    }
}
