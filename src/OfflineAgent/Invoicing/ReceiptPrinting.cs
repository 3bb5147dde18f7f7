using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.Printing;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>What /api/status says about the printer (the screen shows a banner unless State is ok or none).</summary>
/// <param name="State">none (no printer configured), ok, warning (paper near end), error (cannot print now).</param>
/// <param name="Waiting">Proofs not printed yet (queued or failing); they print by themselves when the printer is back.</param>
public sealed record PrinterView(bool Configured, string? Endpoint, string State, string Message, int Waiting);

/// <summary>
/// Prints proofs after the sale is committed, through the library's <see cref="PrintQueue"/> (background,
/// in sale order, retried with backoff, never blocking the checkout). Jobs live in print_jobs: the first
/// proof of a sale is written in the sale's own transaction, so neither a jammed printer nor a crash right
/// after the commit loses it; unprinted jobs are queued again at start.
/// </summary>
public sealed class ReceiptPrinting(
    IDbContextFactory<AgentDbContext> dbFactory,
    ProofRendering proofs,
    IOptions<PrinterOptions> options,
    TimeProvider time,
    ILogger<ReceiptPrinting> log) : BackgroundService
{
    private PrintQueue? _queue;
    private ReceiptPrinter? _printer;
    private volatile PrinterStatus? _lastStatus;

    public bool Configured => options.Value.Configured;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            log.LogInformation("No Printer:Endpoint: proofs are not printed (the preview at {PreviewPath} still works).", "/receipts/<orderId>.png");
            return;
        }
        _printer = new ReceiptPrinter(options.Value.ToDriverOptions(), log);
        _queue = new PrintQueue(_printer, new PrintQueueOptions(TimeSpan.FromSeconds(1), options.Value.RetryMax), PersistAsync, time, log);
        _queue.Start();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Printing at a crash may have printed or not; printing again is better than a customer without a proof.
            var unprinted = await db.PrintJobs.AsNoTracking().Where(j => j.State != nameof(PrintJobState.Printed)).ToListAsync(cancellationToken);
            // In sale order (SQLite cannot order by DateTimeOffset; there are few of them).
            foreach (var job in unprinted.OrderBy(j => j.CreatedAt)) await EnqueueAsync(db, job, cancellationToken);
            if (unprinted.Count > 0) log.LogWarning("{Count} proof(s) not printed before the last stop are queued again.", unprinted.Count);
        }
        log.LogInformation("Printing proofs to {Endpoint}.", _printer.Endpoint);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Polls the idle printer so "paper out" shows before the next sale, not after it.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StatusInterval;
        if (_printer is null || interval <= TimeSpan.Zero) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_queue!.Jobs.All(j => j.State is PrintJobState.Printed or PrintJobState.Failed))
                    _lastStatus = await _printer.GetStatusAsync(stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_queue is not null) await _queue.DisposeAsync();
    }

    /// <summary>After the sale's commit: queue the proof(s) the sale's transaction recorded. Never throws at the sale.</summary>
    public async Task AfterSaleAsync(Guid orderId, CancellationToken ct)
    {
        if (_queue is null) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var job in await db.PrintJobs.AsNoTracking().Where(j => j.OrderId == orderId && j.State == nameof(PrintJobState.Queued)).ToListAsync(ct))
                await EnqueueAsync(db, job, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sale is committed and its job row is stored: the next start prints it.
            log.LogError(e, "Could not queue the proof of order {OrderId}; it prints at the next start.", orderId);
        }
    }

    /// <summary>After a return's commit: queue what it prints (replacement invoice, 折讓證明單). Never throws at the counter.</summary>
    public async Task AfterReturnAsync(Guid returnId, CancellationToken ct)
    {
        if (_queue is null) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var job in await db.PrintJobs.AsNoTracking().Where(j => j.ReturnId == returnId && j.State == nameof(PrintJobState.Queued)).ToListAsync(ct))
                await EnqueueAsync(db, job, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not queue the documents of return {ReturnId}; they print at the next start.", returnId);
        }
    }

    /// <summary>A reprint (補印) of an order's proof; the job row is stored before it is queued.</summary>
    public async Task<Guid> ReprintAsync(Guid orderId, CancellationToken ct)
    {
        if (_queue is null) throw new InvalidOperationException("No printer is configured.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var job = new PrintJobRow { Id = Guid.CreateVersion7(now), OrderId = orderId, Reprint = true, CreatedAt = now, UpdatedAt = now };
        db.PrintJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await EnqueueAsync(db, job, ct);
        return job.Id;
    }

    /// <summary>Skip the backoff wait: the clerk fixed the printer.</summary>
    public void RetryNow() => _queue?.RetryNow();

    public PrinterView Status()
    {
        if (_queue is null)
            return new PrinterView(false, null, "none", "未設定印表機，僅提供預覽 (no printer configured; preview only)", 0);
        var jobs = _queue.Jobs;
        var waiting = jobs.Count(j => j.State != PrintJobState.Printed);
        var failing = jobs.Where(j => j.State == PrintJobState.Failed).MaxBy(j => j.UpdatedAt);
        var endpoint = _printer!.Endpoint.ToString();
        if (failing is not null)
            return new PrinterView(true, endpoint, "error",
                $"{failing.LastError} — 銷售已儲存，{waiting} 張發票待列印，印表機恢復後自動列印 (sales are saved; {waiting} proof(s) wait and print when the printer is back)", waiting);
        if (_lastStatus is { } s && !s.CanPrint)
            return new PrinterView(true, endpoint, "error", s.Description, waiting);
        if (_lastStatus is { } n && n.Conditions.HasFlag(PrinterConditions.PaperNearEnd))
            return new PrinterView(true, endpoint, "warning", n.Description, waiting);
        return new PrinterView(true, endpoint, "ok", "印表機正常 (ready)", waiting);
    }

    private async Task EnqueueAsync(AgentDbContext db, PrintJobRow row, CancellationToken ct)
    {
        if (row.ReturnId is { } returnId)
        {
            var ret = await db.Returns.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == returnId, ct);
            if (ret is null) return;
            var parts = new List<byte[]>();
            if (ret.ReplacementInvoiceNumber is not null) parts.Add(proofs.EscPos(Returns.ReturnDocuments.ReplacementAsOrder(ret), row.Reprint));
            if (ret.AllowanceNumber is not null) parts.Add(proofs.AllowanceEscPos(ret));
            _queue!.Enqueue(new PrintJob(row.Id, $"return #{ret.LocalNumber} {ret.ReplacementInvoiceNumber ?? ret.AllowanceNumber}", parts.SelectMany(b => b).ToArray(), row.CreatedAt), row.Attempts);
            return;
        }
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == row.OrderId, ct);
        if (order?.InvoiceNumber is null)
        {
            log.LogWarning("Print job {JobId}: order {OrderId} has no invoice any more; dropped.", row.Id, row.OrderId);
            await db.PrintJobs.Where(j => j.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, nameof(PrintJobState.Printed)).SetProperty(j => j.LastError, "order gone"), ct);
            return;
        }
        var bytes = proofs.EscPos(order, row.Reprint);
        var description = $"{order.InvoiceNumber}{(row.Reprint ? " 補印" : "")} (sale #{order.LocalNumber})";
        _queue!.Enqueue(new PrintJob(row.Id, description, bytes, row.CreatedAt), row.Attempts);
    }

    private async ValueTask PersistAsync(PrintJob job, PrintJobStatus status, CancellationToken ct)
    {
        if (status.State == PrintJobState.Failed && status.Attempts == 1)
            log.LogWarning("Proof {Description} could not be printed: {Reason}. The sale is saved; it is retried.", job.Description, status.LastError);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = status.State.ToString();
        await db.PrintJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state).SetProperty(j => j.Attempts, status.Attempts)
            .SetProperty(j => j.LastError, status.LastError).SetProperty(j => j.UpdatedAt, status.UpdatedAt), ct);
    }
}
