using System.Net.Http.Json;
using System.Text.Json;
using PosCloud.Contracts.Invoices;
using PosCloud.Contracts.Orders;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>The real cloud (src/Api) as its own process on embedded defaults, with a private SQLite file, behind a cuttable proxy.</summary>
public sealed class CloudProcess : IAsyncDisposable
{
    public const string RegisterKey = "agent-test-S001-R1-key";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _dir;
    public ChildProcess Process { get; }
    public TcpProxy Proxy { get; }
    public int Port { get; }
    public HttpClient Client { get; }

    private CloudProcess(string dir, int port, ChildProcess process)
    {
        _dir = dir;
        Port = port;
        Process = process;
        Proxy = new TcpProxy(port);
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", RegisterKey);
    }

    public const string HqKey = "agent-test-hq-key";
    public const string Track = "AB";

    /// <param name="invoiceBlockSize">Numbers HQ assigns to S001-R1 for the current period (and the next, in case a test
    /// runs across midnight at a period's end) before the agent starts; 0 = none.</param>
    /// <param name="postgres">A PostgreSQL connection string (its database is created by the Api's migration) instead of
    /// the embedded SQLite file: column sizes and numeric bounds are enforced there, as in production.</param>
    public static async Task<CloudProcess> StartAsync(int invoiceBlockSize = 1000, string? postgres = null)
    {
        var dir = Repo.TempDir("poscloud-cloud");
        var port = Repo.FreePort();
        var process = new ChildProcess("cloud", Repo.ApiDll,
        [
            "--urls", $"http://127.0.0.1:{port}",
            .. postgres is null
                ? new[] { $"--ConnectionStrings:PosCloud=Data Source={Path.Combine(dir, "cloud.db")}" }
                : ["--Database:Provider=PostgreSql", $"--ConnectionStrings:PosCloud={postgres}"],
            $"--Demo:RegisterKey={RegisterKey}", $"--Demo:HqKey={HqKey}",
            "--Demo:InvoiceNumbers=false", // the tests assign the blocks they count on
            "--Outbox:PollInterval=00:00:00.200",
            // The 10,000-order benchmark and the tests poll hard; rate limiting has its own tests in the cloud.
            "--RateLimit:PermitsPerSecond=1000", "--RateLimit:Burst=1000", "--RateLimit:PerAddressPermitsPerSecond=1000", "--RateLimit:PerAddressBurst=1000",
        ]);
        var cloud = new CloudProcess(dir, port, process);
        await cloud.WaitReadyAsync(TimeSpan.FromSeconds(90));
        if (invoiceBlockSize > 0)
        {
            var period = InProcessAgent.CurrentPeriod;
            foreach (var p in new[] { period, period.Next() })
                await cloud.AssignInvoiceBlockAsync(p.Code, Track, 10_000_000, 10_000_000 + invoiceBlockSize - 1);
        }
        return cloud;
    }

    /// <summary>As HQ: registers the range and assigns all of it to S001-R1 (what the agent's snapshot then carries).</summary>
    public async Task AssignInvoiceBlockAsync(string period, string track, int from, int to)
    {
        using var hq = Hq();
        (await hq.PostAsJsonAsync("api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(period, track, $"{from:D8}", $"{to:D8}"))).EnsureSuccessStatusCode();
        (await hq.PostAsJsonAsync("api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(period, track, $"{from:D8}", $"{to:D8}"))).EnsureSuccessStatusCode();
    }

    /// <summary>What the cloud recorded of S001-R1's numbers: used, voided, gaps per block, and flags.</summary>
    public async Task<RegisterInvoicesView> RegisterInvoicesAsync()
    {
        using var hq = Hq();
        return (await hq.GetFromJsonAsync<RegisterInvoicesView>("api/v1/registers/S001-R1/invoices", Json))!;
    }

    private HttpClient Hq()
    {
        var hq = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        hq.DefaultRequestHeaders.Add("X-Api-Key", HqKey);
        return hq;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Process.HasExited) throw new InvalidOperationException("The cloud exited:\n" + Process.Output);
            try { if ((await Client.GetAsync("health/ready")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The cloud was not ready:\n" + Process.Output);
    }

    public async Task<OrderView?> GetOrderAsync(Guid id)
    {
        var r = await Client.GetAsync($"api/v1/orders/{id}");
        return r.IsSuccessStatusCode ? await r.Content.ReadFromJsonAsync<OrderView>(Json) : null;
    }

    /// <summary>How many orders of the store the cloud holds (its 上傳紀錄 count).</summary>
    public async Task<int> StoreOrderCountAsync()
    {
        var page = await Client.GetFromJsonAsync<Page<UploadRecord>>("api/v1/stores/S001/uploads?pageSize=1", Json);
        return page!.TotalCount;
    }

    public async Task<IReadOnlyList<UploadRecord>> StoreOrdersAsync()
    {
        var page = await Client.GetFromJsonAsync<Page<UploadRecord>>("api/v1/stores/S001/uploads?pageSize=200", Json);
        return page!.Items;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Process.Dispose();
        Client.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
