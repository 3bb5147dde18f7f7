using System.Net.Http.Json;
using System.Text.Json;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>The real store agent as its own process, pointed at the cloud's proxy, with fast probes so tests are quick.</summary>
public sealed class AgentProcess : IDisposable
{
    public ChildProcess Process { get; }
    public string Url { get; }
    public HttpClient Client { get; }

    private AgentProcess(ChildProcess process, string url)
    {
        Process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<AgentProcess> StartAsync(string cloudUrl, string dataPath, int? port = null, params string[] extra)
    {
        var url = $"http://127.0.0.1:{port ?? Repo.FreePort()}/";
        var process = new ChildProcess("agent", Repo.AgentDll,
        [
            $"--Cloud:BaseUrl={cloudUrl}",
            "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", $"--Agent:RegisterKey={CloudProcess.RegisterKey}",
            $"--Agent:DataPath={dataPath}", "--Agent:ManagerPin=2468",
            // The cloud's demo seller (src/Api/appsettings.json) and the published AES test key.
            $"--Invoicing:SellerId={InProcessAgent.SellerId}", "--Invoicing:SellerName=PosCloud 示範零售股份有限公司", $"--Invoicing:QrAesKey={InProcessAgent.QrKeyHex}",
            "--Cloud:ProbeInterval=00:00:00.300", "--Cloud:ProbeTimeout=00:00:01", "--Cloud:FailuresToOffline=2", "--Cloud:SuccessesToOnline=2",
            "--Cloud:RequestTimeout=00:00:30",
            "--Upload:StatusPollInterval=00:00:00.500", "--Upload:BackoffBase=00:00:00.300", "--Upload:BackoffMax=00:00:02",
            .. extra,
        ], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url.TrimEnd('/') });
        var agent = new AgentProcess(process, url);
        await process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        for (var i = 0; ; i++)
        {
            try { await agent.StatusAsync(); await agent.Client.ActAsPageAsync(); return agent; }
            catch (HttpRequestException) when (i < 50 && !process.HasExited) { await Task.Delay(200); }
            catch (HttpRequestException e) { throw new InvalidOperationException("The agent does not answer:\n" + process.Output, e); }
        }
    }

    public async Task<JsonElement> StatusAsync() => await Client.GetFromJsonAsync<JsonElement>("api/status");

    public async Task<JsonElement[]> OrdersAsync() => (await Client.GetFromJsonAsync<JsonElement[]>("api/orders?limit=1000"))!;

    public async Task WaitUntilAsync(Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < until)
        {
            last = await StatusAsync();
            if (condition(last)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Agent never got to: {what}. Last status: {last}\n{Process.Output}");
    }

    public Task WaitOnlineWithSnapshotAsync() => WaitUntilAsync(
        s => s.GetProperty("connectivity").GetString() == "online" && s.GetProperty("snapshotVersion").ValueKind == JsonValueKind.String,
        TimeSpan.FromSeconds(60), "online with a snapshot");

    public Task WaitOfflineAsync() => WaitUntilAsync(s => s.GetProperty("connectivity").GetString() == "offline", TimeSpan.FromSeconds(30), "offline");

    public async Task WaitAllFinalAsync(int expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement[] orders = [];
        while (DateTime.UtcNow < until)
        {
            orders = await OrdersAsync();
            if (orders.Length == expected && orders.All(o => o.GetProperty("state").GetString() is "Reconciled" or "NeedsReview" or "Failed")) return;
            await Task.Delay(300);
        }
        throw new TimeoutException($"Orders not final: {string.Join(", ", orders.Select(o => o.GetProperty("localNumber") + ":" + o.GetProperty("state")))}\n{Process.Output}");
    }

    /// <summary>A sale through the agent's own API (the browser test drives the screen instead).</summary>
    public static object Sale(string sku = "TS-0400001", decimal price = 500m) => new
    {
        staffId = "S001-E02",
        customerPhone = "0909847665",
        lines = new[] { new { sku, name = (string?)null, type = "regular", quantity = 1, unitPrice = price } },
        paymentMethod = "cash",
        cashTendered = 1000,
    };

    public void Dispose()
    {
        Process.Dispose();
        Client.Dispose();
    }
}
