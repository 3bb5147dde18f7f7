using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts.Stores;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Tests.Support;

/// <summary>
/// The real agent (AgentApp, Kestrel on a loopback port) inside the test process, with no cloud: its
/// Cloud:BaseUrl points at a closed port, so it is offline, and the test hands it the snapshot (with the
/// register's invoice blocks) the cloud would have sent. For API-level tests that need no second process.
/// </summary>
public sealed class InProcessAgent : IAsyncDisposable
{
    public const string SellerId = "12345675";
    public const string QrKeyHex = "FE05F029154F6AA67A78B338ED2F6601"; // the published AES test vector key (EINVOICE.md)
    public const string Track = "ZX";

    private readonly string _data;
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => App.Services;

    private InProcessAgent(WebApplication app, string url, string data)
    {
        App = app;
        _data = data;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The Taiwan period of today, as the agent will judge a sale made now.</summary>
    public static InvoicePeriod CurrentPeriod => InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(DateTimeOffset.UtcNow)));

    /// <param name="blockSize">Numbers in the register's block of the current period (0: no block).</param>
    public static Task<InProcessAgent> StartAsync(int blockSize = 100, string? printer = null, int lowWarning = 50, params string[] extra) =>
        StartCoreAsync(blockSize, printer, lowWarning, null, CurrentPeriod, extra);

    /// <summary>The agent on a clock the test sets (returns across filing deadlines); the block is of the clock's period.</summary>
    public static Task<InProcessAgent> StartAsync(SettableClock clock, int blockSize, params string[] extra) =>
        StartCoreAsync(blockSize, null, 50, b => b.Services.AddSingleton<TimeProvider>(clock),
            InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(clock.GetUtcNow()))), extra);

    private static async Task<InProcessAgent> StartCoreAsync(int blockSize, string? printer, int lowWarning, Action<WebApplicationBuilder>? configure, InvoicePeriod period, string[] extra)
    {
        var data = Repo.TempDir("poscloud-agent-inproc");
        var url = $"http://127.0.0.1:{Repo.FreePort()}/";
        var app = AgentApp.Build([
            $"--Cloud:BaseUrl=http://127.0.0.1:{Repo.FreePort()}/", "--Agent:StoreId=S001", "--Agent:RegisterId=S001-R1", "--Agent:RegisterKey=k",
            $"--Agent:DataPath={data}", "--Agent:OfflineSaleCap=0", $"--urls={url.TrimEnd('/')}",
            $"--Invoicing:SellerId={SellerId}", "--Invoicing:SellerName=測試零售股份有限公司", $"--Invoicing:QrAesKey={QrKeyHex}",
            $"--Invoicing:LowNumbersWarning={lowWarning}", $"--Printer:Endpoint={printer ?? ""}",
            "--Printer:ConnectTimeout=00:00:01", "--Printer:WriteTimeout=00:00:03", "--Printer:StatusTimeout=00:00:00.300", "--Printer:RetryMax=00:00:01",
            "--Logging:LogLevel:Default=Warning", .. extra,
        ], configure) ?? throw new InvalidOperationException("The agent refused its settings.");
        await AgentApp.PrepareAsync(app);
        var ranges = blockSize > 0
            ? new[] { new SnapshotInvoiceRange("S001-R1", period.Code, Track, 10_000_000, 10_000_000 + blockSize - 1),
                      // Another register's block of the same store: the agent must never issue from it.
                      new SnapshotInvoiceRange("S001-R2", period.Code, Track, 20_000_000, 20_000_099) }
            : [];
        await app.Services.GetRequiredService<SnapshotCache>().SaveAsync(Snapshot(ranges), "\"t1\"", CancellationToken.None);
        await app.StartAsync();
        var agent = new InProcessAgent(app, url, data);
        await agent.Client.ActAsPageAsync();
        return agent;
    }

    public static StoreSnapshot Snapshot(IReadOnlyList<SnapshotInvoiceRange> ranges) => new(
        "S001", "測試門市", "t1", DateTimeOffset.UtcNow,
        [new SnapshotStaff("S001-E02", "許淑芬", "clerk")],
        [],
        [new SnapshotProduct("TS-0400001", "4710000000017", "職人 輕量防潑水外套 酒紅 M", 589m, null, false, true),
         new SnapshotProduct("AC-0400017", null, "帆布托特包: 米白", 309m, 299m, true, true)],
        ranges);

    /// <summary>A cash sale, optionally with buyer fields.</summary>
    public static object Sale(decimal price = 500m, string? carrier = null, string? buyerTaxId = null, string? donationCode = null, string sku = "TS-0400001") => new
    {
        staffId = "S001-E02",
        lines = new[] { new { sku, name = (string?)null, type = "regular", quantity = 1, unitPrice = price } },
        paymentMethod = "cash",
        cashTendered = 100000,
        carrier,
        buyerTaxId,
        donationCode,
    };

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SellAsync(object sale)
    {
        var r = await Client.PostAsJsonAsync("api/checkout/complete", sale);
        return (r, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<JsonElement> StatusAsync() => await Client.GetFromJsonAsync<JsonElement>("api/status");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }
}
