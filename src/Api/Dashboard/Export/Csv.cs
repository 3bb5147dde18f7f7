using System.Globalization;
using System.Text;

namespace PosCloud.Api.Dashboard.Export;

/// <summary>RFC 4180 CSV for Excel: UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends.</summary>
public static class Csv
{
    public static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Quotes when needed. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
    /// start) gets a leading apostrophe: a typed product name must not become a formula on HQ's PC.
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Line(params string[] fields) => string.Join(',', fields) + "\r\n";

    /// <summary>The whole file as bytes: BOM, header, rows.</summary>
    public static byte[] Document(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line);
        return [.. Bom, .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
