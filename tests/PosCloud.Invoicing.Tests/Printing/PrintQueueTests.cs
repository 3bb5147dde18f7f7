using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PosCloud.Invoicing.Proof;
using PosCloud.Invoicing.Tests.Support;
using PosCloud.Printing;

namespace PosCloud.Invoicing.Tests.Printing;

public class PrintQueueTests
{
    private static readonly PrintQueueOptions FastRetry = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    private static ReceiptPrinter PrinterAt(int port, TimeSpan? connect = null) => new(new ReceiptPrinterOptions(new PrinterEndpoint.Network("127.0.0.1", port))
    {
        ConnectTimeout = connect ?? TimeSpan.FromSeconds(2),
        WriteTimeout = TimeSpan.FromSeconds(2),
        StatusTimeout = TimeSpan.FromMilliseconds(300),
    });

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task<PrintJobStatus> WaitFor(PrintQueue queue, Guid id, Func<PrintJobStatus, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (queue.GetStatus(id) is { } s && condition(s)) return s;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Job {id} is still {queue.GetStatus(id)}");
    }

    [Fact]
    public async Task An_absent_printer_fails_the_job_with_a_reason_and_it_prints_when_the_printer_comes_back()
    {
        var port = FreePort(); // nothing listens: connection refused
        var persisted = new ConcurrentQueue<PrintJobStatus>();
        await using var queue = new PrintQueue(PrinterAt(port), FastRetry, (job, status, ct) =>
        {
            persisted.Enqueue(status);
            return ValueTask.CompletedTask;
        });
        queue.Start();
        var bytes = EscPosRenderer.Render(Samples.B2C(), Samples.Key);

        var enqueued = queue.Enqueue("AB-12345678", bytes); // returns at once: the sale is never blocked
        Assert.Equal(PrintJobState.Queued, enqueued.State);

        var failed = await WaitFor(queue, enqueued.JobId, s => s.State == PrintJobState.Failed && s.Attempts >= 2, TimeSpan.FromSeconds(10));
        Assert.Contains("無法連線印表機", failed.LastError);
        Assert.NotNull(failed.NextAttemptAt);

        await using var fake = new FakeNetworkPrinter(port); // the printer is switched on
        var printed = await WaitFor(queue, enqueued.JobId, s => s.State == PrintJobState.Printed, TimeSpan.FromSeconds(10));
        Assert.True(printed.Attempts >= 3);
        Assert.Equal(bytes, await fake.NextJobAsync(TimeSpan.FromSeconds(5)));

        await Task.Delay(100);
        var states = persisted.Where(s => s.JobId == enqueued.JobId).Select(s => s.State).ToList();
        Assert.Equal(PrintJobState.Queued, states[0]);
        Assert.Contains(PrintJobState.Failed, states);
        Assert.Equal(PrintJobState.Printed, states[^1]);
    }

    [Fact]
    public async Task A_blackholed_printer_times_out_on_connect()
    {
        // A listener whose accept queue is full drops further SYNs: the connect hangs, as with a
        // printer that is switched off behind a switch.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<TcpClient>();
        for (var i = 0; i < 4; i++)
        {
            var c = new TcpClient();
            try { await c.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromMilliseconds(300)); } catch (TimeoutException) { }
            fillers.Add(c);
        }
        try
        {
            var printer = PrinterAt(port, connect: TimeSpan.FromMilliseconds(500));
            var started = DateTime.UtcNow;
            var ex = await Assert.ThrowsAsync<PrinterException>(() => printer.PrintAsync(new byte[] { 0x1B, 0x40 }));
            Assert.Equal(PrintFailure.ConnectTimeout, ex.Failure);
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        }
        finally
        {
            fillers.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_jammed_printer_that_stops_reading_times_out_on_write()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(); // accepts, never reads
        var printer = new ReceiptPrinter(new ReceiptPrinterOptions(new PrinterEndpoint.Network("127.0.0.1", port))
        {
            WriteTimeout = TimeSpan.FromMilliseconds(500),
        });
        var ex = await Assert.ThrowsAsync<PrinterException>(() => printer.PrintAsync(new byte[64 * 1024 * 1024]));
        Assert.Equal(PrintFailure.WriteTimeout, ex.Failure);
        (await accept).Dispose();
    }

    [Fact]
    public async Task Paper_out_keeps_the_job_failed_with_that_reason_and_sends_no_bytes_until_fixed()
    {
        await using var fake = new FakeNetworkPrinter { StatusReply = n => n switch { 1 => 0x1A, 2 => 0x32, 4 => 0x72, _ => null } };
        await using var queue = new PrintQueue(PrinterAt(fake.Port), FastRetry);
        queue.Start();
        var job = queue.Enqueue("AB-12345679", new byte[] { 0x1B, 0x40, 0x41, 0x0A });

        var failed = await WaitFor(queue, job.JobId, s => s.State == PrintJobState.Failed, TimeSpan.FromSeconds(10));
        Assert.Contains("缺紙", failed.LastError);
        Assert.False(fake.TryGetJob(out _));

        fake.StatusReply = _ => 0x12; // paper loaded
        queue.RetryNow();
        await WaitFor(queue, job.JobId, s => s.State == PrintJobState.Printed, TimeSpan.FromSeconds(10));
        Assert.Equal(new byte[] { 0x1B, 0x40, 0x41, 0x0A }, await fake.NextJobAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Jobs_print_in_order_and_a_restored_job_is_not_enqueued_twice()
    {
        await using var fake = new FakeNetworkPrinter();
        await using var queue = new PrintQueue(PrinterAt(fake.Port), FastRetry);
        var restored = new PrintJob(Guid.NewGuid(), "restored", [0x31, 0x0A], DateTimeOffset.UtcNow);
        queue.Enqueue(restored, previousAttempts: 2);
        Assert.Equal(2, queue.Enqueue(restored).Attempts); // same id: the existing state, no second job
        var second = queue.Enqueue("second", [0x32, 0x0A]);
        queue.Start();

        Assert.Equal(new byte[] { 0x31, 0x0A }, await fake.NextJobAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new byte[] { 0x32, 0x0A }, await fake.NextJobAsync(TimeSpan.FromSeconds(10)));
        var s = await WaitFor(queue, restored.Id, x => x.State == PrintJobState.Printed, TimeSpan.FromSeconds(5));
        Assert.Equal(3, s.Attempts);
        await WaitFor(queue, second.JobId, x => x.State == PrintJobState.Printed, TimeSpan.FromSeconds(5));
        Assert.False(fake.TryGetJob(out _));
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum()
    {
        var o = new PrintQueueOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(1), o.BackoffAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(8), o.BackoffAfter(4));
        Assert.Equal(TimeSpan.FromSeconds(30), o.BackoffAfter(10));
        Assert.Equal(TimeSpan.FromSeconds(30), o.BackoffAfter(1000));
    }
}
