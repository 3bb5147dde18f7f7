using System.Globalization;
using PosCloud.Contracts.Catalog;

namespace PosCloud.Api.Catalog;

/// <summary>
/// Reads the catalog CSV HQ exports (the demo dataset's columns: sku,barcode,name,category,list_price,
/// add_on_price,gift_eligible,active[,effective_from]). Quoted fields with commas are supported.
/// A row that cannot be read becomes an error of that row, never a failed import.
/// </summary>
public static class CatalogCsv
{
    public static (List<(int Row, ProductUpsert? Product)> Rows, List<ImportRowError> Errors) Parse(string text)
    {
        var rows = new List<(int Row, ProductUpsert? Product)>();
        var errors = new List<ImportRowError>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            errors.Add(new ImportRowError(0, null, ["The CSV is empty: expected a header line sku,barcode,name,category,list_price,add_on_price,gift_eligible,active."]));
            return (rows, errors);
        }
        var header = SplitLine(lines[0].TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        string[] required = ["sku", "name", "list_price"];
        var absent = required.Where(r => !header.Contains(r)).ToList();
        if (absent.Count > 0)
        {
            errors.Add(new ImportRowError(0, null, [$"The header lacks the column(s): {string.Join(", ", absent)}."]));
            return (rows, errors);
        }
        int Col(string name) => header.IndexOf(name);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = SplitLine(lines[i]);
            string? Get(string name) => Col(name) is var c and >= 0 && c < f.Count ? f[c].Trim() : null;
            var messages = new List<string>();
            decimal? Money(string name)
            {
                var v = Get(name);
                if (string.IsNullOrEmpty(v)) return null;
                if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
                messages.Add($"{name} '{v}' is not a number.");
                return null;
            }
            bool Flag(string name, bool fallback)
            {
                var v = Get(name);
                if (string.IsNullOrEmpty(v)) return fallback;
                if (bool.TryParse(v, out var b)) return b;
                messages.Add($"{name} '{v}' is not true or false.");
                return fallback;
            }
            var list = Money("list_price");
            var addOn = Money("add_on_price");
            var gift = Flag("gift_eligible", false);
            var active = Flag("active", true);
            DateTimeOffset? from = null;
            if (Get("effective_from") is { Length: > 0 } ef)
            {
                if (DateTimeOffset.TryParse(ef, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) from = d;
                else messages.Add($"effective_from '{ef}' is not a date-time.");
            }
            if (list is null && messages.Count == 0) messages.Add("list_price is required.");
            if (messages.Count > 0)
            {
                errors.Add(new ImportRowError(i, Get("sku"), messages));
                continue;
            }
            rows.Add((i, new ProductUpsert(Get("sku") ?? "", Get("name") ?? "", list!.Value, addOn, Get("barcode"), Get("category"), gift, active, from)));
        }
        return (rows, errors);
    }

    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
