using System.Globalization;
using PosCloud.Contracts.Catalog;

namespace PosCloud.Api.Catalog;

/// <summary>
/// Reads the catalog CSV HQ exports (the demo dataset's columns: sku,barcode,name,category,list_price,
/// add_on_price,gift_eligible,active[,effective_from]). Quoted fields with commas are supported.
/// A row that cannot be read becomes an error of that row, never a failed import.
/// The body is read line by line and each line is cut into spans in one reused buffer: only the four
/// text fields a product keeps become strings (the field-per-string split cost ~10 µs a row at 100,000 rows).
/// </summary>
public static class CatalogCsv
{
    public sealed record Result(List<(int Row, ProductUpsert? Product)> Rows, List<ImportRowError> Errors, bool TooManyRows)
    {
        public void Deconstruct(out List<(int Row, ProductUpsert? Product)> rows, out List<ImportRowError> errors) => (rows, errors) = (Rows, Errors);
    }

    public static Result Parse(string text, int maxRows = int.MaxValue)
    {
        using var reader = new StringReader(text);
        return ReadAsync(reader, maxRows, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Reads until the end, or stops once more than <paramref name="maxRows"/> rows (valid or not) were read.</summary>
    public static async ValueTask<Result> ReadAsync(TextReader reader, int maxRows, CancellationToken ct)
    {
        var rows = new List<(int Row, ProductUpsert? Product)>();
        var errors = new List<ImportRowError>();
        var headerLine = await reader.ReadLineAsync(ct);
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            errors.Add(new ImportRowError(0, null, ["The CSV is empty: expected a header line sku,barcode,name,category,list_price,add_on_price,gift_eligible,active."]));
            return new(rows, errors, false);
        }
        var line = new LineFields();
        line.Split(headerLine.TrimStart('\uFEFF'));
        var header = Enumerable.Range(0, line.Count).Select(i => line[i].Trim().ToString().ToLowerInvariant()).ToList();
        string[] required = ["sku", "name", "list_price"];
        var absent = required.Where(r => !header.Contains(r)).ToList();
        if (absent.Count > 0)
        {
            errors.Add(new ImportRowError(0, null, [$"The header lacks the column(s): {string.Join(", ", absent)}."]));
            return new(rows, errors, false);
        }
        var columns = new Columns(header);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (rows.Count + errors.Count >= maxRows) return new(rows, errors, true);
            line.Split(text);
            var (product, messages) = ReadRow(line, columns);
            if (messages is not null) errors.Add(new ImportRowError(number, line.Text(columns.Sku), messages));
            else rows.Add((number, product));
        }
        return new(rows, errors, false);
    }

    private sealed class Columns(List<string> header)
    {
        public readonly int Sku = header.IndexOf("sku"), Barcode = header.IndexOf("barcode"), Name = header.IndexOf("name"),
            Category = header.IndexOf("category"), ListPrice = header.IndexOf("list_price"), AddOnPrice = header.IndexOf("add_on_price"),
            GiftEligible = header.IndexOf("gift_eligible"), Active = header.IndexOf("active"), EffectiveFrom = header.IndexOf("effective_from");
    }

    private static (ProductUpsert? Product, List<string>? Messages) ReadRow(LineFields f, Columns c)
    {
        List<string>? messages = null;
        var list = Money(f, c.ListPrice, "list_price", ref messages);
        var addOn = Money(f, c.AddOnPrice, "add_on_price", ref messages);
        var gift = Flag(f, c.GiftEligible, "gift_eligible", false, ref messages);
        var active = Flag(f, c.Active, "active", true, ref messages);
        DateTimeOffset? from = null;
        if (f.Has(c.EffectiveFrom) && f[c.EffectiveFrom].Trim() is { Length: > 0 } ef)
        {
            if (DateTimeOffset.TryParse(ef, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) from = d;
            else (messages ??= []).Add($"effective_from '{ef}' is not a date-time.");
        }
        if (list is null && messages is null) messages = ["list_price is required."];
        if (messages is not null) return (null, messages);
        return (new ProductUpsert(f.Text(c.Sku) ?? "", f.Text(c.Name) ?? "", list!.Value, addOn, f.Text(c.Barcode), f.Text(c.Category), gift, active, from), null);
    }

    private static decimal? Money(LineFields f, int column, string name, ref List<string>? messages)
    {
        if (!f.Has(column) || f[column].Trim() is not { Length: > 0 } v) return null;
        if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        (messages ??= []).Add($"{name} '{v}' is not a number.");
        return null;
    }

    private static bool Flag(LineFields f, int column, string name, bool fallback, ref List<string>? messages)
    {
        if (!f.Has(column) || f[column].Trim() is not { Length: > 0 } v) return fallback;
        if (bool.TryParse(v, out var b)) return b;
        (messages ??= []).Add($"{name} '{v}' is not true or false.");
        return fallback;
    }

    /// <summary>One line's fields, unquoted into a buffer that the next line reuses.</summary>
    private sealed class LineFields
    {
        private char[] _buffer = new char[256];
        private (int Start, int Length)[] _fields = new (int, int)[16];

        public int Count { get; private set; }

        public ReadOnlySpan<char> this[int i] => _buffer.AsSpan(_fields[i].Start, _fields[i].Length);

        public bool Has(int column) => column >= 0 && column < Count;

        /// <summary>The trimmed field as a string; null when the column is absent or the row is shorter.</summary>
        public string? Text(int column) => Has(column) ? this[column].Trim() is { Length: > 0 } s ? s.ToString() : "" : null;

        public void Split(string line)
        {
            if (_buffer.Length < line.Length) _buffer = new char[Math.Max(line.Length, _buffer.Length * 2)];
            Count = 0;
            int written = 0, start = 0;
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { _buffer[written++] = '"'; i++; }
                    else if (c == '"') quoted = false;
                    else _buffer[written++] = c;
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { Add(start, written - start); start = written; }
                else _buffer[written++] = c;
            }
            Add(start, written - start);
        }

        private void Add(int start, int length)
        {
            if (Count == _fields.Length) Array.Resize(ref _fields, Count * 2);
            _fields[Count++] = (start, length);
        }
    }
}
