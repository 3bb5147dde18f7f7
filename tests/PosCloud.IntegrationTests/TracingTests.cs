using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

public class TracingTests
{
    [Fact]
    public async Task One_trace_spans_the_upload_the_outbox_publish_and_the_workers_consume_and_the_worker_counts_its_orders()
    {
        var spans = new List<Activity>();
        // The worker's metrics, each with the trace it was recorded in (listeners are process-wide: see below).
        var measured = new List<(string Instrument, ActivityTraceId? Trace, double Value, string? Status)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "poscloud.orders.finished" or "poscloud.orders.upload_to_final") listener.EnableMeasurementEvents(instrument);
            },
        };
        void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? status = null;
            foreach (var tag in tags) if (tag.Key == "status") status = tag.Value as string;
            lock (measured) measured.Add((instrument.Name, Activity.Current?.TraceId, value, status));
        }
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Measured(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Measured(i, v, t));
        meters.Start();
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["Telemetry:Exporter"] = "None",
            ["Outbox:PollInterval"] = "00:00:00.200",
        }).WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t
            .AddSource("PosCloud", "MassTransit")
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(spans))));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.RegisterKey);
        var batch = Scenario.ThreeOrders(DateTimeOffset.UtcNow.AddHours(-1));

        await Scenario.UploadAsync(client, batch);
        await Scenario.WaitUntilFinalAsync(client, batch.Orders.Select(o => o.OrderId), TimeSpan.FromSeconds(30));
        await Task.Delay(500); // the consume span ends after the save that made the orders final

        Activity[] snapshot;
        lock (spans) snapshot = spans.ToArray();
        // Listeners are process-wide and other test classes run in parallel: follow this test's batch only.
        var ingest = Assert.Single(snapshot, s => s.DisplayName == "batch ingest" && Equals(s.GetTagItem("poscloud.batch"), batch.BatchId));
        var upload = Assert.Single(snapshot, s => s.TraceId == ingest.TraceId && s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST"));
        var trace = snapshot.Where(s => s.TraceId == upload.TraceId).ToList();
        Assert.Contains(trace, s => s.DisplayName == "batch ingest");
        Assert.Contains(trace, s => s.DisplayName == "outbox publish BatchAccepted");
        Assert.Contains(trace, s => s.Kind == ActivityKind.Consumer && s.Source.Name == "MassTransit");
        var reconcile = Assert.Single(trace, s => s.DisplayName == "reconcile orders");
        Assert.Equal(3, reconcile.GetTagItem("poscloud.orders"));

        // Three orders finished in this trace: two Reconciled, one NeedsReview (its unknown SKU), three latencies.
        List<(string Instrument, ActivityTraceId? Trace, double Value, string? Status)> mine;
        lock (measured) mine = measured.Where(m => m.Trace == upload.TraceId).ToList();
        var finished = mine.Where(m => m.Instrument == "poscloud.orders.finished").GroupBy(m => m.Status).ToDictionary(g => g.Key!, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, double> { ["Reconciled"] = 2, ["NeedsReview"] = 1 }, finished);
        Assert.Equal(3, mine.Count(m => m.Instrument == "poscloud.orders.upload_to_final" && m.Value >= 0));
    }
}
