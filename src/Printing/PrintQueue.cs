using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PosCloud.Printing;

/// <summary>
/// Prints jobs one after another in the background, so the sale is committed and the clerk moves on
/// whatever the printer does. Enqueue never blocks. A failed job stays at the head and is retried with
/// backoff (receipts come out in sale order, and when the printer is down the jobs behind it would fail
/// the same way); nothing is dropped. State changes are visible through <see cref="GetStatus"/>,
/// <see cref="Jobs"/>, <see cref="StatusChanged"/> and the persistence callback.
/// </summary>
public sealed class PrintQueue : IAsyncDisposable
{
    private readonly ReceiptPrinter _printer;
    private readonly PrintQueueOptions _options;
    private readonly PrintJobPersistence? _persist;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PrintJob> _channel = Channel.CreateUnbounded<PrintJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, PrintJobStatus> _status = new();
    private readonly ConcurrentQueue<Guid> _printedOrder = new();
    // State changes go out through one ordered channel, so the persistence callback never sees
    // "Queued" after "Printed", and neither the sale nor the printer waits for it.
    private readonly Channel<(PrintJob Job, PrintJobStatus Status)> _notifications =
        Channel.CreateUnbounded<(PrintJob, PrintJobStatus)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _notifier;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _worker;

    public PrintQueue(ReceiptPrinter printer, PrintQueueOptions? options = null, PrintJobPersistence? persist = null,
        TimeProvider? time = null, ILogger? logger = null)
    {
        _printer = printer ?? throw new ArgumentNullException(nameof(printer));
        _options = options ?? PrintQueueOptions.Default;
        _persist = persist;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised on every state change, in order, from the queue's notifier task.</summary>
    public event Action<PrintJobStatus>? StatusChanged;

    public IReadOnlyList<PrintJobStatus> Jobs => _status.Values.OrderBy(s => s.UpdatedAt).ToList();

    public PrintJobStatus? GetStatus(Guid jobId) => _status.TryGetValue(jobId, out var s) ? s : null;

    public void Start()
    {
        _notifier ??= Task.Run(NotifyLoopAsync);
        _worker ??= Task.Run(() => RunAsync(_stop.Token));
    }

    public PrintJobStatus Enqueue(string description, byte[] data) =>
        Enqueue(new PrintJob(Guid.NewGuid(), description, data, _time.GetUtcNow()));

    /// <summary>Adds a job; a job id already queued or printed is not added twice.</summary>
    /// <param name="previousAttempts">Attempts made before a restart (from the agent's store).</param>
    public PrintJobStatus Enqueue(PrintJob job, int previousAttempts = 0)
    {
        ArgumentNullException.ThrowIfNull(job);
        var fresh = new PrintJobStatus(job.Id, job.Description, PrintJobState.Queued, previousAttempts, null, _time.GetUtcNow(), null);
        if (!_status.TryAdd(job.Id, fresh)) return _status[job.Id];
        if (!_channel.Writer.TryWrite(job)) throw new InvalidOperationException("The print queue is stopped.");
        _notifications.Writer.TryWrite((job, fresh));
        return fresh;
    }

    /// <summary>Skip the current backoff wait (the clerk fixed the printer and pressed "retry").</summary>
    public void RetryNow() => Volatile.Read(ref _wake).TrySetResult();

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var job in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await PrintUntilDoneAsync(job, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PrintUntilDoneAsync(PrintJob job, CancellationToken ct)
    {
        var attempts = _status[job.Id].Attempts;
        while (true)
        {
            attempts++;
            Set(job, PrintJobState.Printing, attempts, null, null);
            try
            {
                if (_options.CheckStatusFirst)
                {
                    var status = await _printer.GetStatusAsync(ct).ConfigureAwait(false);
                    if (status.Reachability == PrinterReachability.Unreachable)
                        throw new PrinterException(PrintFailure.Unreachable, status.Description);
                    if (!status.CanPrint)
                        throw new PrinterException(PrintFailure.NotReady, status.Description);
                }
                await _printer.PrintAsync(job.Data, ct).ConfigureAwait(false);
                Set(job, PrintJobState.Printed, attempts, null, null);
                TrimPrinted(job.Id);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var delay = _options.BackoffAfter(attempts);
                var reason = ex is PrinterException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                _logger.LogWarning("Print job {JobId} ({Description}) failed, attempt {Attempt}: {Reason}; retrying in {Delay}",
                    job.Id, job.Description, attempts, reason, delay);
                Set(job, PrintJobState.Failed, attempts, reason, _time.GetUtcNow() + delay);
                await WaitAsync(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _wake, wake);
        using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(delay, _time, delayCts.Token);
        await Task.WhenAny(timer, wake.Task).ConfigureAwait(false);
        await delayCts.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private void Set(PrintJob job, PrintJobState state, int attempts, string? error, DateTimeOffset? next)
    {
        var status = new PrintJobStatus(job.Id, job.Description, state, attempts, error, _time.GetUtcNow(), next);
        _status[job.Id] = status;
        _notifications.Writer.TryWrite((job, status));
    }

    private async Task NotifyLoopAsync()
    {
        await foreach (var (job, status) in _notifications.Reader.ReadAllAsync().ConfigureAwait(false))
            await NotifyAsync(job, status, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task NotifyAsync(PrintJob job, PrintJobStatus status, CancellationToken ct)
    {
        try
        {
            StatusChanged?.Invoke(status);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "StatusChanged handler failed for print job {JobId}", job.Id);
        }
        if (_persist is null) return;
        try
        {
            await _persist(job, status, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogError(ex, "Persisting print job {JobId} state {State} failed; printing continues", job.Id, status.State);
        }
    }

    private void TrimPrinted(Guid id)
    {
        _printedOrder.Enqueue(id);
        while (_printedOrder.Count > _options.KeepPrinted && _printedOrder.TryDequeue(out var old))
            _status.TryRemove(old, out _);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_worker is not null) await _worker.ConfigureAwait(false);
        _notifications.Writer.TryComplete();
        if (_notifier is not null) await _notifier.ConfigureAwait(false); // deliver the last state changes
        _stop.Dispose();
    }
}
