using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PosCloud.Tests.Support;

/// <summary>
/// A line a test can cut and restore: a TCP relay on 127.0.0.1 in front of a real service (the cloud, RabbitMQ,
/// PostgreSQL), so one test takes it "down" without stopping it for everyone else. Cut, it drops every connection
/// and refuses new ones at once (as a dead router or broker does). ResponseDelay holds the service's answers to a
/// POST back after the service has done the work — the window a crash test needs.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;

    public TcpProxy(int targetPort) : this("127.0.0.1", targetPort) { }

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url => $"http://127.0.0.1:{Port}/";
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open) { foreach (var c in _open) c.Dispose(); _open.Clear(); }
    }

    public void Restore() => _cut = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
            if (_cut) { client.Client.LingerState = new LingerOption(true, 0); client.Dispose(); continue; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            lock (_open) { _open.Add(client); _open.Add(upstream); }
            var a = client.GetStream();
            var b = upstream.GetStream();
            var slow = new StrongBox<bool>(false);
            await Task.WhenAny(PumpAsync(a, b, false, slow), PumpAsync(b, a, true, slow));
        }
        catch { /* a cut line */ }
        finally
        {
            lock (_open) { _open.Remove(client); _open.Remove(upstream); }
            client.Dispose();
        }
    }

    /// <summary>Only connections that carried a POST (uploads) are slowed: health probes must stay quick.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool fromService, StrongBox<bool> slow)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (!fromService && n >= 4 && buffer[0] == 'P' && buffer[1] == 'O' && buffer[2] == 'S' && buffer[3] == 'T') slow.Value = true;
                if (fromService && slow.Value && ResponseDelay > TimeSpan.Zero) await Task.Delay(ResponseDelay, _stop.Token);
                if (_cut) return;
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch { /* closed */ }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        return ValueTask.CompletedTask;
    }
}
