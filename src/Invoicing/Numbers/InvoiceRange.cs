using PosCloud.Contracts.Stores;

namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// A block of consecutive invoice numbers of one track, valid only in its own period
/// (a track used in another period can be fined). From and To are inclusive.
/// </summary>
public sealed record InvoiceRange
{
    public InvoiceRange(InvoicePeriod period, string track, int from, int to)
    {
        if (!InvoiceNumber.TrackPattern().IsMatch(track))
            throw new ArgumentException($"Track must be two upper-case letters, got '{track}'.", nameof(track));
        if (from < 0 || to > InvoiceNumber.MaxSerial || from > to)
            throw new ArgumentException($"Invalid block {from:D8}–{to:D8}.");
        Period = period;
        Track = track;
        From = from;
        To = to;
    }

    public InvoicePeriod Period { get; }
    public string Track { get; }
    public int From { get; }
    public int To { get; }

    public int Size => To - From + 1;
    public InvoiceNumber First => new(Track, From);
    public InvoiceNumber Last => new(Track, To);

    public bool Contains(InvoiceNumber number) => number.Track == Track && number.Serial >= From && number.Serial <= To;

    /// <summary>From the snapshot the cloud hands the register.</summary>
    public static InvoiceRange FromSnapshot(SnapshotInvoiceRange r) =>
        new(InvoicePeriod.Parse(r.Period), r.Track, checked((int)r.From), checked((int)r.To));

    public override string ToString() => $"{Period.Code} {Track}{From:D8}–{Track}{To:D8}";
}
