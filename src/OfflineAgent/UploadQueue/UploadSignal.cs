namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>Wakes the upload queue early (a sale was made, the cloud came back) instead of waiting out its idle sleep.</summary>
public sealed class UploadSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, cts.Token);
        var woken = _signal.WaitAsync(cts.Token);
        await Task.WhenAny(delay, woken);
        cts.Cancel();
        try { await Task.WhenAll(delay, woken); } catch (OperationCanceledException) { }
    }
}
