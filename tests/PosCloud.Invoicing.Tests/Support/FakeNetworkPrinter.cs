using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace PosCloud.Invoicing.Tests.Support;

/// <summary>
/// A network receipt printer on 127.0.0.1: records every print job (the bytes of one connection)
/// and answers DLE EOT status queries with configurable bytes, like a real printer on port 9100.
/// </summary>
public sealed class FakeNetworkPrinter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<byte[]> _jobs = Channel.CreateUnbounded<byte[]>();
    private readonly Task _accept;

    /// <summary>Answers to DLE EOT 1, 2, 4; null = never answer (a printer without real-time status).</summary>
    public Func<int, byte?> StatusReply { get; set; } = n => n switch { 1 => 0x12, 2 => 0x12, 4 => 0x12, _ => null };

    public FakeNetworkPrinter(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public async Task<byte[]> NextJobAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _jobs.Reader.ReadAsync(cts.Token);
    }

    public bool TryGetJob(out byte[]? job) => _jobs.Reader.TryRead(out job);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                // A status connection sends only DLE EOT n triples; answer each as it completes.
                var all = received.GetBuffer().AsSpan(0, (int)received.Length);
                if (all.Length % 3 == 0 && all.Length > 0 && all[^3] == 0x10 && all[^2] == 0x04 && IsOnlyStatusQueries(all))
                {
                    if (StatusReply(all[^1]) is { } reply) await stream.WriteAsync(new[] { reply }, _stop.Token);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { return; }
        catch (IOException) { }
        var bytes = received.ToArray();
        if (bytes.Length > 0 && !IsOnlyStatusQueries(bytes)) _jobs.Writer.TryWrite(bytes);
    }

    private static bool IsOnlyStatusQueries(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 3 != 0) return false;
        for (var i = 0; i < bytes.Length; i += 3)
            if (bytes[i] != 0x10 || bytes[i + 1] != 0x04) return false;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accept; } catch { }
        _stop.Dispose();
    }
}
