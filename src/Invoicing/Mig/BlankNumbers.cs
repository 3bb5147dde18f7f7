using System.Globalization;
using System.Xml.Linq;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Mig;

/// <summary>A run of consecutive numbers assigned but never used (blank, 空白未使用).</summary>
public sealed record BlankRange(InvoicePeriod Period, string Track, int From, int To)
{
    public int Count => To - From + 1;
}

/// <summary>
/// E0402 (空白未使用字軌號碼): after a period closes, every assigned number that was never issued
/// is reported, per track, as begin–end runs. Issued numbers — voided ones too, they exist on the
/// platform — are not blank.
/// </summary>
public static class BlankNumbers
{
    public static readonly XNamespace Ns = "urn:GEINV:eInvoiceMessage:E0402:4.0";

    /// <summary>The runs of unused numbers inside the blocks, in block order.</summary>
    public static IReadOnlyList<BlankRange> Find(IEnumerable<InvoiceRange> blocks, IEnumerable<InvoiceNumber> usedOrVoided)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(usedOrVoided);
        var used = usedOrVoided.ToHashSet();
        var result = new List<BlankRange>();
        foreach (var block in blocks)
        {
            int? runStart = null;
            for (var serial = block.From; serial <= block.To; serial++)
            {
                var isUsed = used.Contains(new InvoiceNumber(block.Track, serial));
                if (!isUsed && runStart is null) runStart = serial;
                if (isUsed && runStart is { } s)
                {
                    result.Add(new BlankRange(block.Period, block.Track, s, serial - 1));
                    runStart = null;
                }
            }
            if (runStart is { } open) result.Add(new BlankRange(block.Period, block.Track, open, block.To));
        }
        return result;
    }

    /// <summary>
    /// Who each blank number belongs to, for one E0402 per seller (BranchBan): a run is cut where it crosses from one
    /// owner's range into another's; numbers in no owned range belong to <paramref name="defaultOwner"/> (the business).
    /// </summary>
    /// <param name="owned">Ranges whose numbers belong to one seller (a store's blocks under its own 統一編號).</param>
    public static IReadOnlyList<(BlankRange Run, string Owner)> SplitBy(IEnumerable<BlankRange> blanks, IReadOnlyList<(InvoiceRange Range, string Owner)> owned, string defaultOwner)
    {
        ArgumentNullException.ThrowIfNull(blanks);
        ArgumentNullException.ThrowIfNull(owned);
        var result = new List<(BlankRange, string)>();
        foreach (var run in blanks)
        {
            string OwnerOf(int serial) =>
                owned.FirstOrDefault(o => o.Range.Period == run.Period && o.Range.Contains(new InvoiceNumber(run.Track, serial))).Owner ?? defaultOwner;
            var start = run.From;
            var owner = OwnerOf(start);
            for (var serial = run.From + 1; serial <= run.To; serial++)
            {
                var next = OwnerOf(serial);
                if (next == owner) continue;
                result.Add((run with { From = start, To = serial - 1 }, owner));
                (start, owner) = (serial, next);
            }
            result.Add((run with { From = start }, owner));
        }
        return result;
    }

    /// <summary>One E0402 document per period and track.</summary>
    /// <param name="headBan">統一編號 of the head office.</param>
    /// <param name="branchBan">統一編號 of the branch that holds the numbers (the same for a single business).</param>
    public static IReadOnlyList<XDocument> Build(string headBan, string branchBan, IEnumerable<BlankRange> blanks, MigVersion version = MigVersion.V40)
    {
        ArgumentNullException.ThrowIfNull(blanks);
        var ns = MigVersions.Namespace("E0402", version);
        return blanks
            .GroupBy(b => (b.Period, b.Track))
            .OrderBy(g => g.Key.Period.Code, StringComparer.Ordinal).ThenBy(g => g.Key.Track, StringComparer.Ordinal)
            .Select(g => new XDocument(new XDeclaration("1.0", "UTF-8", null),
                new XElement(ns + "BranchTrackBlank",
                    new XElement(ns + "Main",
                        new XElement(ns + "HeadBan", headBan),
                        new XElement(ns + "BranchBan", branchBan),
                        new XElement(ns + "InvoiceType", "07"),
                        new XElement(ns + "YearMonth", g.Key.Period.Code),
                        new XElement(ns + "InvoiceTrack", g.Key.Track)),
                    new XElement(ns + "Details",
                        g.OrderBy(b => b.From).Select(b => new XElement(ns + "BranchTrackBlankItem",
                            new XElement(ns + "InvoiceBeginNo", b.From.ToString("D8", CultureInfo.InvariantCulture)),
                            new XElement(ns + "InvoiceEndNo", b.To.ToString("D8", CultureInfo.InvariantCulture))))))))
            .ToList();
    }

    public static IReadOnlyList<string> ToXml(string headBan, string branchBan, IEnumerable<BlankRange> blanks, MigVersion version = MigVersion.V40) =>
        Build(headBan, branchBan, blanks, version).Select(MigXml.Write).ToList();
}
