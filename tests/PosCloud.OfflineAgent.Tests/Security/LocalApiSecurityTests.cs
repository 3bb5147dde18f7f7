using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Security;

/// <summary>The agent's local API over real HTTP, as a hostile web page in the register's browser would try it.</summary>
public sealed class LocalApiSecurityTests
{
    private static HttpRequestMessage Request(HttpMethod method, InProcessAgent agent, string path, string? host = null, string? origin = null, string? token = null)
    {
        var r = new HttpRequestMessage(method, new Uri(agent.Client.BaseAddress!, path));
        if (host is not null) r.Headers.Host = host;
        if (origin is not null) r.Headers.Add("Origin", origin);
        if (token is not null) r.Headers.Add(AgentPage.TokenHeader, token);
        return r;
    }

    [Fact]
    public async Task A_foreign_Host_name_is_refused_so_DNS_rebinding_reaches_nothing()
    {
        await using var agent = await InProcessAgent.StartAsync();
        using var raw = new HttpClient();
        var port = agent.Client.BaseAddress!.Port;

        // A page on rebind.evil.example whose name now resolves to 127.0.0.1: same socket, foreign Host.
        foreach (var host in new[] { $"rebind.evil.example:{port}", "rebind.evil.example", $"127.0.0.1:{port + 1}", $"192.168.1.20:{port}" })
        {
            var refused = await raw.SendAsync(Request(HttpMethod.Get, agent, "api/status", host: host));
            Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
            Assert.Equal("agent.host", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        var page = await raw.SendAsync(Request(HttpMethod.Get, agent, "/", host: $"rebind.evil.example:{port}"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, page.StatusCode);
        Assert.DoesNotContain("poscloud-agent-token", await page.Content.ReadAsStringAsync());

        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"LOCALHOST:{port}", $"[::1]:{port}" })
            Assert.Equal(HttpStatusCode.OK, (await raw.SendAsync(Request(HttpMethod.Get, agent, "api/status", host: host))).StatusCode);
    }

    [Fact]
    public async Task A_cross_site_reset_without_the_token_is_refused_and_wipes_nothing()
    {
        await using var agent = await InProcessAgent.StartAsync();
        using var raw = new HttpClient();
        var own = agent.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var token = await AgentPage.TokenAsync(agent.Client);

        // The attack of issue 18: a form on evil.example posting to the agent, no body, no token.
        var crossSite = await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", origin: "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal("agent.origin", (await crossSite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // Even the right token does not help a foreign Origin, and no Origin at all is refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", origin: "https://evil.example", token: token))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", token: token))).StatusCode);
        // The agent's own Origin without the token (or with a made-up one): refused.
        var noToken = await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", origin: own));
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal("agent.token", (await noToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", origin: own, token: new string('0', 64)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await raw.SendAsync(Request(HttpMethod.Post, agent, "api/checkout/scan", origin: "null"))).StatusCode);

        // Nothing was wiped: the offline catalog is still there.
        Assert.Equal("t1", (await agent.StatusAsync()).GetProperty("snapshotVersion").GetString());

        // The agent's own page (Origin + the token from the page) gets past the guard to the reset's own rules, which
        // refuse it here (this agent is offline, and reset also needs the manager's PIN: ResetGuardTests).
        var ownPage = await raw.SendAsync(Request(HttpMethod.Post, agent, "api/admin/reset", origin: own, token: token));
        Assert.Equal(HttpStatusCode.Conflict, ownPage.StatusCode);
        Assert.Equal("guard.offline", (await ownPage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("t1", (await agent.StatusAsync()).GetProperty("snapshotVersion").GetString());
    }

    [Fact]
    public async Task Pages_carry_the_token_and_every_answer_forbids_framing_and_sniffing()
    {
        await using var agent = await InProcessAgent.StartAsync();
        using var raw = new HttpClient();
        foreach (var path in new[] { "/", "/index.html", "/report.html" })
        {
            var page = await raw.SendAsync(Request(HttpMethod.Get, agent, path));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<meta name=\"poscloud-agent-token\"", html);
            Assert.Contains("<script src=\"agent-token.js\"></script>", html);
            Assert.True(page.Headers.CacheControl?.NoStore, $"{path} must not be cached: its token dies with the process");
        }
        Assert.Equal(await AgentPage.TokenAsync(agent.Client), await AgentPage.TokenAsync(agent.Client));
        foreach (var path in new[] { "/", "api/status", "agent-token.js" })
        {
            var r = await raw.SendAsync(Request(HttpMethod.Get, agent, path));
            Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", r.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Five_wrong_manager_PINs_lock_the_PIN_even_the_right_one_and_say_how_long()
    {
        await using var agent = await InProcessAgent.StartAsync(extra: ["--Agent:OfflineSaleCap=100", "--Agent:ManagerPin=2468"]);
        object Sale(string pin) => new
        {
            staffId = "S001-E02",
            lines = new[] { new { sku = "TS-0400001", type = "regular", quantity = 1, unitPrice = 500m } },
            paymentMethod = "cash", cashTendered = 1000, managerPin = pin,
        };
        string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("code").GetString()!;

        for (var i = 1; i <= 4; i++)
        {
            var (r, body) = await agent.SellAsync(Sale($"000{i}"));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("manager.pin.wrong", Code(body));
        }
        var (fifth, fifthBody) = await agent.SellAsync(Sale("0005"));
        Assert.Equal("manager.pin.locked", Code(fifthBody));
        Assert.Equal(TimeSpan.FromSeconds(30), fifth.Headers.RetryAfter?.Delta);

        // Locked: the right PIN is refused too, without being looked at, and the screen gets the wait in words.
        var (sixth, sixthBody) = await agent.SellAsync(Sale("2468"));
        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Equal("manager.pin.locked", Code(sixthBody));
        var message = sixthBody.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Contains("主管密碼錯誤次數過多", message);
        Assert.Contains("Too many wrong manager PINs: try again in", message);
        Assert.InRange(sixth.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Empty((await agent.Client.GetFromJsonAsync<JsonElement[]>("api/orders"))!);
    }

    [Theory]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://0.0.0.0:{port}", "Kestrel:Endpoints:Http:Url=http://0.0.0.0:")]
    [InlineData("--urls=http://+:{port}", "http://+:")]
    public async Task A_non_loopback_address_in_any_setting_is_refused_at_start(string setting, string named)
    {
        var port = Repo.FreePort();
        var data = Repo.TempDir("poscloud-agent-bind");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            Repo.AgentDll, $"--Cloud:BaseUrl=http://127.0.0.1:{Repo.FreePort()}/", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", "--Agent:RegisterKey=k",
            $"--Agent:DataPath={data}", $"--Invoicing:QrAesKey={InProcessAgent.QrKeyHex}", setting.Replace("{port}", port.ToString()),
        }) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Repo.FreePort()}";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(true); throw new Xunit.Sdk.XunitException("The agent started on a non-loopback address:\n" + await stdout); }
        try { Directory.Delete(data, true); } catch (IOException) { }

        Assert.Equal(2, process.ExitCode);
        var error = (await stderr).Trim();
        Assert.Single(error.Split('\n'));
        Assert.Contains("listens on this machine only", error);
        Assert.Contains(named, error);
    }
}
