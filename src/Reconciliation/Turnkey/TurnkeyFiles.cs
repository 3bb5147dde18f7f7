using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PosCloud.Reconciliation.Turnkey;

/// <summary>
/// Every convention of the MOF's Turnkey program we rely on, in one place, each with where it comes from. Pure:
/// paths and names are computed here, the I/O is <see cref="TurnkeyDelivery"/>'s. Facts gathered in
/// ../shared/design/EINVOICE.md ("Cancel, allowance and Turnkey", researched 2026-11-30 from the official jars in
/// latte1855/turnbridge docs/turnkey/libs and ho600-ltd/django-taiwan-einvoice); items marked [unconfirmed] there
/// are marked so here and must be checked against a real Turnkey before go-live.
/// </summary>
public static partial class TurnkeyFiles
{
    /// <summary>
    /// Hand-over folder of MIG 4.x messages (the F/G series and E0402): <c>UpCast/B2SSTORAGE/&lt;MIG&gt;/SRC</c>.
    /// Source: EINVOICE.md "Hand-over"; a public Turnkey runbook lists B2SSTORAGE as the MIG 4.x storage and a user's
    /// report shows <c>UpCast/B2SSTORAGE/F0401/BAK/YYYYMMDD/HH/</c>.
    /// </summary>
    public static string Src(string root, string mig) => Path.Combine(Storage(root, mig), "SRC");

    /// <summary>Where UpCast moves a file it accepted: <c>&lt;MIG&gt;/BAK/&lt;yyyyMMdd&gt;/&lt;hour&gt;/</c> (EINVOICE.md).</summary>
    public static string Bak(string root, string mig) => Path.Combine(Storage(root, mig), "BAK");

    /// <summary>Where UpCast moves a file that failed its local XML checks: <c>&lt;MIG&gt;/ERR/&lt;yyyyMMdd&gt;/&lt;hour&gt;/</c> (EINVOICE.md).</summary>
    public static string Err(string root, string mig) => Path.Combine(Storage(root, mig), "ERR");

    private static string Storage(string root, string mig) => Path.Combine(root, "UpCast", "B2SSTORAGE", mig);

    /// <summary>
    /// Where Turnkey leaves ProcessResult (and SummaryResult) files for us. EINVOICE.md: "forwarded to
    /// &lt;target&gt;/SRC/ProcessResult" — the exact target is [unconfirmed], so it is a setting
    /// (Turnkey:ResultsPath, default DownCast/B2SSTORAGE under the root; a runbook moves results out of
    /// DownCast/B2SSTORAGE) and the folder is searched recursively for files named *ProcessResult* / *SummaryResult*.
    /// </summary>
    public const string DefaultResultsPath = "DownCast/B2SSTORAGE";

    /// <summary>
    /// Our hand-over file name: deterministic per message and attempt, so a worker that restarts after recording a
    /// hand-over renames the same name again (never a second file), and a resend (next attempt) is a new file whose
    /// outcome cannot be confused with the previous one's. Turnkey takes any file name in SRC (EINVOICE.md).
    /// </summary>
    public static string FileName(string kind, string period, string documentNumber, long id, int attempt) =>
        $"PosCloud-{Safe(kind)}-{Safe(period)}-{Safe(documentNumber)}-{id.ToString(CultureInfo.InvariantCulture)}-{attempt.ToString(CultureInfo.InvariantCulture)}.xml";

    private static string Safe(string part) => UnsafeChars().Replace(part, "_");

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex UnsafeChars();

    /// <summary>A dated folder of BAK/ERR: <c>yyyyMMdd</c>.</summary>
    public static bool IsDateFolder(string name) =>
        DateOnly.TryParseExact(name, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>
    /// An hour folder of BAK/ERR: <c>HH</c> (EINVOICE.md) or <c>HH-HH</c> (a Turnkey 3.2.1 user reports
    /// <c>ERR/20260818/10-11/</c>): both are accepted. [unconfirmed which a given version writes]
    /// </summary>
    public static bool IsHourFolder(string name) => HourFolder().IsMatch(name) && name.Split('-').All(h => int.Parse(h, CultureInfo.InvariantCulture) <= 24);

    [GeneratedRegex(@"^\d{2}(-\d{2})?$")]
    private static partial Regex HourFolder();

    /// <summary>The date folder (BAK/ERR) a file's name sits in, e.g. "ERR/20260818/10-11" → "20260818/10-11".</summary>
    public static string Where(string dateFolder, string hourFolder) => $"{dateFolder}/{hourFolder}";

    /// <summary>ProcessResult files: named <c>&lt;ver&gt;-&lt;MIG&gt;-&lt;yyyyMMdd&gt;-&lt;HHmmssSSS&gt;-&lt;UUID&gt;…ProcessResult</c>; the separator before ProcessResult is [unconfirmed], so any name containing it.</summary>
    public static bool IsProcessResult(string fileName) => fileName.Contains("ProcessResult", StringComparison.OrdinalIgnoreCase);

    /// <summary>The daily SummaryResult files (EINVOICE.md).</summary>
    public static bool IsSummaryResult(string fileName) => fileName.Contains("SummaryResult", StringComparison.OrdinalIgnoreCase);

    /// <summary>The platform's success code (EINVOICE.md "Common codes": 00000 處理成功). All zeros is success, of any length, as public parsers also see "0000".</summary>
    public static bool IsSuccess(string code) => code.Length > 0 && code.All(c => c == '0');

    /// <summary>Our code for a file Turnkey moved to ERR (EINVOICE.md: 7001 local XML validation failed).</summary>
    public const string LocalValidationCode = "7001";

    public const string Success = "00000";

    /// <summary>One platform verdict in a result file: the message type, the document numbers it names, the code and text.</summary>
    public sealed record Verdict(string? MessageType, IReadOnlyList<string> References, string Code, string? Description);

    /// <summary>
    /// A ProcessResult (<c>urn:GEINV:ProcessResult:4.0</c>; 4.1 also seen in public parsers, so elements are read by
    /// local name, any namespace): MessageInfo/MessageType, Result/Info[]{Code, Description?, Parameter0..4?}. Which
    /// parameter carries the invoice number is [unconfirmed] (public parsers read Parameter0, others name the field in
    /// Parameter0 and the value in Parameter1): every parameter is returned as a possible reference, and the caller
    /// matches only documents it handed over.
    /// </summary>
    public static IReadOnlyList<Verdict> ParseProcessResult(XDocument doc)
    {
        var root = doc.Root ?? throw new FormatException("An empty ProcessResult.");
        if (root.Name.LocalName != "ProcessResult") throw new FormatException($"Not a ProcessResult: <{root.Name.LocalName}>.");
        var type = Child(Child(root, "MessageInfo"), "MessageType")?.Value.Trim();
        return Children(Child(root, "Result"), "Info")
            .Select(info => new Verdict(
                type,
                Enumerable.Range(0, 5).Select(i => Child(info, "Parameter" + i)?.Value.Trim()).OfType<string>().Where(p => p.Length > 0).ToList(),
                Child(info, "Code")?.Value.Trim() ?? throw new FormatException("A ProcessResult Info without a Code."),
                Child(info, "Description")?.Value.Trim()))
            .ToList();
    }

    /// <summary>
    /// A SummaryResult: DetailList/Message[]{Info, Result{Total|Good|Failed{Count, Invoices/Invoice{ReferenceNumber,
    /// InvoiceDate}}}}. The XSD spells <c>Result</c> and <c>Invocie</c>; a production parser reads <c>ResultType</c>
    /// and <c>Invoice</c> (EINVOICE.md): both are accepted. Good → 00000; Failed → the Info's Code when given.
    /// </summary>
    public static IReadOnlyList<Verdict> ParseSummaryResult(XDocument doc)
    {
        var root = doc.Root ?? throw new FormatException("An empty SummaryResult.");
        var verdicts = new List<Verdict>();
        foreach (var message in Children(Child(root, "DetailList"), "Message"))
        {
            var info = Child(message, "Info");
            var type = Child(info, "MessageType")?.Value.Trim() ?? Child(Child(root, "MessageInfo"), "MessageType")?.Value.Trim();
            var result = Child(message, "Result") ?? Child(message, "ResultType");
            foreach (var (group, good) in new[] { ("Good", true), ("Failed", false) })
            {
                var numbers = Children(Child(Child(result, group), "Invoices"), "Invoice", "Invocie")
                    .Select(i => Child(i, "ReferenceNumber")?.Value.Trim()).OfType<string>().Where(n => n.Length > 0).ToList();
                foreach (var number in numbers)
                    verdicts.Add(good
                        ? new Verdict(type, [number], Success, null)
                        : new Verdict(type, [number], Child(info, "Code")?.Value.Trim() is { Length: > 0 } c && !IsSuccess(c) ? c : "SummaryFailed",
                            Child(info, "Description")?.Value.Trim() ?? "The platform's daily summary lists it as failed."));
            }
        }
        return verdicts;
    }

    private static XElement? Child(XElement? parent, string localName) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static IEnumerable<XElement> Children(XElement? parent, params string[] localNames) =>
        parent?.Elements().Where(e => localNames.Contains(e.Name.LocalName)) ?? [];
}
