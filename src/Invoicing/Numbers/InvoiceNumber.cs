using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// An e-invoice number: track (字軌, two upper-case letters) + 8 digits, e.g. AB12345678.
/// Kept as track + integer serial so allocation is arithmetic, not string juggling.
/// </summary>
public readonly partial record struct InvoiceNumber
{
    public const int MaxSerial = 99_999_999;

    public InvoiceNumber(string track, int serial)
    {
        if (!TrackPattern().IsMatch(track))
            throw new ArgumentException($"Track must be two upper-case letters, got '{track}'.", nameof(track));
        if (serial is < 0 or > MaxSerial)
            throw new ArgumentOutOfRangeException(nameof(serial), serial, "Serial must be 0..99999999.");
        Track = track;
        Serial = serial;
    }

    public string Track { get; }
    public int Serial { get; }

    /// <summary>The 10-character form used in QR codes, barcodes and MIG messages.</summary>
    public override string ToString() => $"{Track}{Serial:D8}";

    /// <summary>The printed form on the proof: <c>AB-12345678</c>.</summary>
    public string Printed => $"{Track}-{Serial:D8}";

    public static bool IsValid(string? text) => text is not null && NumberPattern().IsMatch(text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out InvoiceNumber? number)
    {
        number = null;
        if (!IsValid(text)) return false;
        number = new InvoiceNumber(text![..2], int.Parse(text.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    public static InvoiceNumber Parse(string text) =>
        TryParse(text, out var n) ? n.Value : throw new FormatException($"'{text}' is not an invoice number (^[A-Z]{{2}}\\d{{8}}$).");

    [GeneratedRegex("^[A-Z]{2}$")]
    internal static partial Regex TrackPattern();

    [GeneratedRegex("^[A-Z]{2}[0-9]{8}$")]
    private static partial Regex NumberPattern();
}
