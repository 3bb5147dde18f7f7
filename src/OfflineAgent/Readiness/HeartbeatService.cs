using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Readiness;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;

namespace PosCloud.OfflineAgent.Readiness;

/// <summary>
/// While online, reports this register's readiness to the cloud every Readiness:HeartbeatInterval
/// (POST /api/v1/registers/{registerId}/heartbeat) and measures the clock against the cloud's answer.
/// Its own loop beside the upload queue: a heartbeat never delays a sale's upload, and the reverse.
/// </summary>
public sealed class HeartbeatService(
    CloudRegisterClient cloud,
    ConnectivityMonitor connectivity,
    SnapshotCache snapshot,
    IDbContextFactory<AgentDbContext> dbFactory,
    ReceiptPrinting printing,
    ClockWatch clock,
    IOptions<AgentOptions> agent,
    IOptions<InvoicingOptions> invoicing,
    IOptions<ReadinessOptions> options,
    TimeProvider time,
    ILogger<HeartbeatService> log) : BackgroundService
{
    public static readonly string AgentVersion =
        typeof(HeartbeatService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Last answer of the cloud (for logs and tests).</summary>
    public HeartbeatAnswer? LastAnswer { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = new SemaphoreSlim(0);
        // Coming back online: report (and measure the clock) at once, not a minute later.
        connectivity.Changed += s => { if (s.Status == Reachability.Online) wake.Release(); };
        while (!stoppingToken.IsCancellationRequested)
        {
            if (connectivity.IsOnline)
            {
                try { await BeatAsync(stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
                {
                    log.LogInformation("Heartbeat not delivered ({Reason}); next in {Interval}.", e.Message, options.Value.HeartbeatInterval);
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Heartbeat failed; next in {Interval}.", options.Value.HeartbeatInterval);
                }
            }
            try { await wake.WaitAsync(options.Value.HeartbeatInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    internal async Task BeatAsync(CancellationToken ct)
    {
        var heartbeat = await BuildAsync(ct);
        var sent = time.GetUtcNow();
        var reply = await cloud.SendHeartbeatAsync(heartbeat, ct);
        var received = time.GetUtcNow();
        // The answer's time has milliseconds; an older cloud's (or a failed answer's) Date header has seconds.
        var serverTime = reply.Answer?.ServerTime ?? reply.Date;
        if (serverTime is { } server) clock.Record(ClockRules.Offset(sent, received, server), received);
        if (!reply.Accepted)
        {
            log.LogWarning("The cloud refused the heartbeat: {Status}.", (int)reply.Status);
            return;
        }
        LastAnswer = reply.Answer;
    }

    internal async Task<RegisterHeartbeat> BuildAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = await InvoiceNumbersQuery.GetAsync(db, snapshot, agent.Value.RegisterId, now, invoicing.Value.LowNumbersWarning, ct);
        var next = InvoicePeriod.Parse(numbers.Period).Next();
        var nextStates = await db.InvoiceBlocks.AsNoTracking().Where(s => s.Period == next.Code).ToListAsync(ct);
        var nextLeft = NumberRangeRules.Remaining(NumberRangeRules.RegisterBlocks(snapshot.Current, agent.Value.RegisterId), next,
            b => nextStates.FirstOrDefault(s => s.Track == b.Track && s.From == b.From) is { } s ? new InvoiceNumber(s.Track, s.LastUsedSerial) : null);
        var printer = printing.Status();
        return new RegisterHeartbeat(
            now, snapshot.Current?.Version, snapshot.Age?.TotalSeconds is { } age ? Math.Max(0, age) : null,
            numbers.Period, numbers.Remaining, nextLeft, printer.State, await GuardsApi.CountUnsyncedAsync(db, ct),
            clock.Offset?.TotalSeconds, AgentVersion, printer.State == "error" ? printer.Message : null);
    }
}
