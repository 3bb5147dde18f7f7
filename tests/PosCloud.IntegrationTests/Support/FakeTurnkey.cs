using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// A stand-in for the MOF's Turnkey (Java, a certificate and the platform cannot run here), behaving as
/// ../shared/design/EINVOICE.md describes: UpCast takes each file in <c>UpCast/B2SSTORAGE/&lt;MIG&gt;/SRC</c>, checks
/// the XML (here: <see cref="MigProblems"/>, an XSD-free check of the MIG 4.x shape) and moves it to
/// <c>&lt;MIG&gt;/BAK/&lt;yyyyMMdd&gt;/&lt;HH&gt;/</c> or, refused, <c>&lt;MIG&gt;/ERR/&lt;yyyyMMdd&gt;/&lt;HH&gt;/</c> (or the
/// <c>HH-HH</c> hour form a 3.2.1 user reports); the platform's verdict comes back as a ProcessResult file. Test code
/// only: production never references it.
/// </summary>
public sealed class FakeTurnkey : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"poscloud-turnkey-{Guid.NewGuid():N}");
    private readonly bool _rangeHourFolders;

    /// <param name="rangeHourFolders">Write hour folders as HH-HH (10-11) instead of HH.</param>
    public FakeTurnkey(bool rangeHourFolders = false)
    {
        _rangeHourFolders = rangeHourFolders;
        Directory.CreateDirectory(Root);
    }

    public string Storage(string mig) => Path.Combine(Root, "UpCast", "B2SSTORAGE", mig);
    public string ResultsFolder => Path.Combine(Root, "DownCast", "B2SSTORAGE", "ProcessResult");

    public IReadOnlyList<string> SrcFiles(string mig = "F0401") => Files(Path.Combine(Storage(mig), "SRC"));
    public IReadOnlyList<string> BakFiles(string mig = "F0401") => Files(Path.Combine(Storage(mig), "BAK"));
    public IReadOnlyList<string> ErrFiles(string mig = "F0401") => Files(Path.Combine(Storage(mig), "ERR"));

    /// <summary>Every file of <paramref name="mig"/> Turnkey holds: in SRC, BAK or ERR.</summary>
    public IReadOnlyList<string> AllFiles(string mig = "F0401") => [.. SrcFiles(mig), .. BakFiles(mig), .. ErrFiles(mig)];

    private static List<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>One UpCast round: each SRC file to BAK (passes) or ERR (refused: <see cref="MigProblems"/> or <paramref name="refuse"/>). Returns (file name, refused).</summary>
    public IReadOnlyList<(string Name, bool Refused)> UpCast(string mig = "F0401", Func<XDocument, bool>? refuse = null)
    {
        var moved = new List<(string, bool)>();
        var now = DateTime.Now;
        var hour = _rangeHourFolders ? $"{now.Hour:D2}-{(now.Hour + 1) % 24:D2}" : $"{now.Hour:D2}";
        foreach (var file in SrcFiles(mig))
        {
            bool bad;
            try
            {
                var doc = XDocument.Load(file);
                bad = MigProblems(doc).Count > 0 || (refuse?.Invoke(doc) ?? false);
            }
            catch (System.Xml.XmlException)
            {
                bad = true;
            }
            var target = Path.Combine(Storage(mig), bad ? "ERR" : "BAK", now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), hour);
            Directory.CreateDirectory(target);
            File.Move(file, Path.Combine(target, Path.GetFileName(file)));
            moved.Add((Path.GetFileName(file), bad));
        }
        return moved;
    }

    /// <summary>The platform's verdict on a document, as a ProcessResult file (urn:GEINV:ProcessResult:4.0) named as Turnkey names them.</summary>
    public string PlatformAnswers(string mig, string documentNumber, string code, string? description = null)
    {
        Directory.CreateDirectory(ResultsFolder);
        var now = DateTime.Now;
        var name = $"4.1-{mig}-{now:yyyyMMdd}-{now:HHmmssfff}-{Guid.NewGuid()}.ProcessResult.xml";
        XNamespace ns = "urn:GEINV:ProcessResult:4.0";
        var doc = new XDocument(new XElement(ns + "ProcessResult",
            new XElement(ns + "RoutingInfo",
                new XElement(ns + "From", new XElement(ns + "PartyId", "0000000000")), new XElement(ns + "FromVAC", new XElement(ns + "RoutingId", "EINVOICE")),
                new XElement(ns + "To", new XElement(ns + "PartyId", "12345675")), new XElement(ns + "ToVAC", new XElement(ns + "RoutingId", "TURNKEY"))),
            new XElement(ns + "MessageInfo", new XElement(ns + "Id", Guid.NewGuid().ToString()), new XElement(ns + "Size", "1"),
                new XElement(ns + "MessageType", mig), new XElement(ns + "Service", "S"), new XElement(ns + "Action", mig)),
            new XElement(ns + "Result", new XElement(ns + "Info",
                new XElement(ns + "Code", code),
                description is null ? null : new XElement(ns + "Description", description),
                new XElement(ns + "Parameter0", documentNumber)))));
        var path = Path.Combine(ResultsFolder, name);
        doc.Save(path);
        return path;
    }

    /// <summary>
    /// The MIG 4.x checks Turnkey runs locally, XSD-free, for F0401 and E0402 (EINVOICE.md "MIG 4.1 fields" and the
    /// F0401 fields of "Messages"): the namespace, required elements and their patterns, and B2C's
    /// print-or-carrier-or-donation rule (a public stress test saw PrintMark N without either land in ERR).
    /// </summary>
    public static IReadOnlyList<string> MigProblems(XDocument doc)
    {
        var problems = new List<string>();
        var root = doc.Root!;
        var m = Regex.Match(root.Name.NamespaceName, @"^urn:GEINV:eInvoiceMessage:(?<mig>[A-Z]\d{4}):4\.[01]$");
        if (!m.Success) return [$"namespace {root.Name.NamespaceName}"];
        XNamespace ns = root.Name.Namespace;
        string? V(XElement? e, string name) => e?.Element(ns + name)?.Value;
        void Match(string what, string? value, string pattern) { if (value is null || !Regex.IsMatch(value, pattern)) problems.Add($"{what}='{value}'"); }
        switch (m.Groups["mig"].Value)
        {
            case "F0401":
                if (root.Name.LocalName != "Invoice") problems.Add("root");
                var main = root.Element(ns + "Main");
                Match("InvoiceNumber", V(main, "InvoiceNumber"), @"^[A-Z]{2}\d{8}$");
                Match("InvoiceDate", V(main, "InvoiceDate"), @"^\d{8}$");
                Match("InvoiceTime", V(main, "InvoiceTime"), @"^\d{2}:\d{2}:\d{2}$");
                Match("Seller/Identifier", V(main?.Element(ns + "Seller"), "Identifier"), @"^\d{8}$");
                Match("Seller/Name", V(main?.Element(ns + "Seller"), "Name"), @"^.{1,60}$");
                var buyer = V(main?.Element(ns + "Buyer"), "Identifier");
                Match("Buyer/Identifier", buyer, @"^(\d{8}|0{10})$");
                Match("InvoiceType", V(main, "InvoiceType"), "^0[78]$");
                Match("DonateMark", V(main, "DonateMark"), "^[01]$");
                Match("PrintMark", V(main, "PrintMark"), "^[YN]$");
                Match("RandomNumber", V(main, "RandomNumber"), @"^\d{4}$");
                if (buyer == "0000000000" && V(main, "PrintMark") == "N" && string.IsNullOrEmpty(V(main, "CarrierType")) && V(main, "DonateMark") != "1")
                    problems.Add("B2C without print, carrier or donation");
                var items = root.Element(ns + "Details")?.Elements(ns + "ProductItem").ToList() ?? [];
                if (items.Count is < 1 or > 9999) problems.Add($"{items.Count} ProductItem");
                foreach (var item in items)
                {
                    Match("Description", V(item, "Description"), @"^[\s\S]{1,500}$");
                    Match("Quantity", V(item, "Quantity"), @"^-?\d+(\.\d+)?$");
                    Match("UnitPrice", V(item, "UnitPrice"), @"^-?\d+(\.\d+)?$");
                    Match("Amount", V(item, "Amount"), @"^-?\d+(\.\d+)?$");
                    Match("TaxType", V(item, "TaxType"), "^[1-3]$");
                    Match("SequenceNumber", V(item, "SequenceNumber"), @"^\d{1,4}$");
                }
                var amount = root.Element(ns + "Amount");
                foreach (var field in new[] { "SalesAmount", "FreeTaxSalesAmount", "ZeroTaxSalesAmount", "TaxAmount", "TotalAmount" })
                    Match(field, V(amount, field), @"^\d+$");
                Match("Amount/TaxType", V(amount, "TaxType"), "^[1-49]$");
                break;
            case "E0402":
                var e = root.Element(ns + "Main");
                Match("HeadBan", V(e, "HeadBan"), @"^\d{8}$");
                Match("YearMonth", V(e, "YearMonth"), @"^\d{3}(0[2468]|1[02])$");
                Match("InvoiceTrack", V(e, "InvoiceTrack"), "^[A-Z]{2}$");
                foreach (var run in root.Element(ns + "Details")?.Elements(ns + "BranchTrackBlankItem") ?? [])
                {
                    Match("InvoiceBeginNo", V(run, "InvoiceBeginNo"), @"^\d{8}$");
                    Match("InvoiceEndNo", V(run, "InvoiceEndNo"), @"^\d{8}$");
                }
                break;
        }
        return problems;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
