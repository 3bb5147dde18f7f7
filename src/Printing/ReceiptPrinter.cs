using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PosCloud.Printing;

/// <summary>
/// Sends ESC/POS bytes to a receipt printer and asks it for its status. Every operation has a
/// timeout, so a switched-off or jammed printer costs a bounded wait and a clear reason, never a
/// hung checkout. One connection per job: network printers on 9100 commonly serve one client at a time.
/// </summary>
public sealed class ReceiptPrinter
{
    private readonly ReceiptPrinterOptions _options;
    private readonly ILogger _logger;

    public ReceiptPrinter(ReceiptPrinterOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
    }

    public PrinterEndpoint Endpoint => _options.Endpoint;

    /// <summary>Sends the bytes; throws <see cref="PrinterException"/> with the reason when they could not be delivered.</summary>
    public async Task PrintAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(forStatus: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(data, cancellationToken).AsTask()
                .WaitAsync(_options.WriteTimeout, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).WaitAsync(_options.WriteTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new PrinterException(PrintFailure.WriteTimeout, $"送出資料逾時 (write timed out after {_options.WriteTimeout.TotalSeconds:0.#}s to {Endpoint})", ex);
        }
        catch (IOException ex)
        {
            throw new PrinterException(PrintFailure.IoError, $"傳送失敗 (I/O error to {Endpoint}: {ex.Message})", ex);
        }
        _logger.LogInformation("Sent {Bytes} bytes to printer {Endpoint}", data.Length, Endpoint);
    }

    /// <summary>DLE EOT 1, 2 and 4. Never throws for printer trouble: the answer says what is wrong.</summary>
    public async Task<PrinterStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        Stream stream;
        try
        {
            stream = await OpenAsync(forStatus: true, cancellationToken).ConfigureAwait(false);
        }
        catch (PrinterException ex)
        {
            return new PrinterStatus(PrinterReachability.Unreachable, PrinterConditions.None, ex.Message);
        }

        await using (stream.ConfigureAwait(false))
        {
            var answers = new byte[3];
            var queries = new[] { 1, 2, 4 };
            for (var i = 0; i < queries.Length; i++)
            {
                var reply = await QueryAsync(stream, queries[i], cancellationToken).ConfigureAwait(false);
                if (reply is null)
                    return new PrinterStatus(PrinterReachability.NoStatusReply, PrinterConditions.None,
                        $"印表機未回應狀態查詢 (no DLE EOT {queries[i]} reply within {_options.StatusTimeout.TotalSeconds:0.#}s)");
                answers[i] = reply.Value;
            }
            return PrinterStatus.FromDleEot(answers[0], answers[1], answers[2]);
        }
    }

    private async Task<byte?> QueryAsync(Stream stream, int n, CancellationToken ct)
    {
        try
        {
            await stream.WriteAsync(EscPos.RealTimeStatus(n), ct).AsTask().WaitAsync(_options.StatusTimeout, ct).ConfigureAwait(false);
            var buffer = new byte[1];
            var read = await stream.ReadAsync(buffer, ct).AsTask().WaitAsync(_options.StatusTimeout, ct).ConfigureAwait(false);
            return read == 1 ? buffer[0] : null;
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private async Task<Stream> OpenAsync(bool forStatus, CancellationToken ct)
    {
        switch (_options.Endpoint)
        {
            case PrinterEndpoint.Network net:
                var client = new TcpClient { NoDelay = true };
                try
                {
                    await client.ConnectAsync(net.Host, net.Port, ct).AsTask().WaitAsync(_options.ConnectTimeout, ct).ConfigureAwait(false);
                    return new OwningStream(client.GetStream(), client);
                }
                catch (TimeoutException ex)
                {
                    client.Dispose();
                    throw new PrinterException(PrintFailure.ConnectTimeout, $"印表機無回應 (connect to {net} timed out after {_options.ConnectTimeout.TotalSeconds:0.#}s)", ex);
                }
                catch (SocketException ex)
                {
                    client.Dispose();
                    throw new PrinterException(PrintFailure.Unreachable, $"無法連線印表機 (cannot connect to {net}: {ex.SocketErrorCode})", ex);
                }
                catch
                {
                    client.Dispose();
                    throw;
                }
            case PrinterEndpoint.Device dev:
                try
                {
                    var access = forStatus ? FileAccess.ReadWrite : FileAccess.Write;
                    var fs = new FileStream(dev.Path, FileMode.Open, access, FileShare.ReadWrite, bufferSize: 0, useAsync: true);
                    if (fs.CanSeek && !forStatus) fs.Seek(0, SeekOrigin.End);
                    return fs;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new PrinterException(PrintFailure.Unreachable, $"無法開啟印表機裝置 (cannot open {dev.Path}: {ex.Message})", ex);
                }
            default:
                throw new NotSupportedException(_options.Endpoint.GetType().Name);
        }
    }

    /// <summary>A network stream that also closes its TcpClient.</summary>
    private sealed class OwningStream(NetworkStream inner, TcpClient client) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                client.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
