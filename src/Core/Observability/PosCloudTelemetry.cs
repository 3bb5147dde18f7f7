using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PosCloud.Core.Observability;

/// <summary>
/// PosCloud's own spans and metrics. One trace follows a batch: the upload request (ASP.NET Core),
/// the outbox publish (re-parented on the request's trace, whose id the outbox row keeps), and the
/// worker's consume (MassTransit carries the trace context in the message headers).
/// </summary>
public static class PosCloudTelemetry
{
    public const string SourceName = "PosCloud";
    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> OrdersAccepted = Meter.CreateCounter<long>("poscloud.orders.accepted", "{order}", "Orders accepted from uploads");
    public static readonly Counter<long> OrdersDuplicate = Meter.CreateCounter<long>("poscloud.orders.duplicate", "{order}", "Re-uploaded orders answered as duplicate");
    public static readonly Counter<long> OrdersRejected = Meter.CreateCounter<long>("poscloud.orders.rejected", "{order}", "Orders rejected by validation");
    public static readonly Counter<long> OrdersFinished = Meter.CreateCounter<long>("poscloud.orders.finished", "{order}", "Orders reaching a final state, tagged by status (Reconciled, NeedsReview, Failed)");
    public static readonly Histogram<double> UploadToFinal = Meter.CreateHistogram<double>("poscloud.orders.upload_to_final", "s", "Time from an order's receipt to its final state");
    public static readonly Counter<long> OutboxPublished = Meter.CreateCounter<long>("poscloud.outbox.published", "{message}", "Outbox messages published to the bus");

    /// <summary>Backlog and outbox lag, sampled from the database by <see cref="BacklogSampler"/>.</summary>
    public static long Backlog;
    public static double OutboxLagSeconds;

    static PosCloudTelemetry()
    {
        Meter.CreateObservableGauge("poscloud.orders.backlog", () => Volatile.Read(ref Backlog), "{order}", "Orders received and not yet final");
        Meter.CreateObservableGauge("poscloud.outbox.lag", () => Volatile.Read(ref OutboxLagSeconds), "s", "Age of the oldest unpublished outbox message");
    }
}
