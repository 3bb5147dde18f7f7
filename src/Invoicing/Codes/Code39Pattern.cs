namespace PosCloud.Invoicing.Codes;

/// <summary>
/// Code 39 as bars and spaces, for drawing the barcode ourselves (the PNG preview). Each character
/// is 9 elements, bar first, 3 of them wide; '*' starts and stops; a narrow space separates characters.
/// The table is the public Code 39 symbology (ISO/IEC 16388), bit 8 = first element, 1 = wide.
/// </summary>
public static class Code39Pattern
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*";

    private static readonly int[] Encodings =
    [
        0x034, 0x121, 0x061, 0x160, 0x031, 0x130, 0x070, 0x025, 0x124, 0x064, // 0-9
        0x109, 0x049, 0x148, 0x019, 0x118, 0x058, 0x00D, 0x10C, 0x04C, 0x01C, // A-J
        0x103, 0x043, 0x142, 0x013, 0x112, 0x052, 0x007, 0x106, 0x046, 0x016, // K-T
        0x181, 0x0C1, 0x1C0, 0x091, 0x190, 0x0D0, 0x085, 0x184, 0x0C4, 0x0A8, // U-Z - . space $
        0x0A2, 0x08A, 0x02A, 0x094,                                           // / + % *
    ];

    /// <summary>Element widths in modules, starting with a bar, including start/stop and the gaps between characters.</summary>
    public static IReadOnlyList<int> Widths(string content, int narrow = 1, int wide = 3)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (narrow < 1 || wide <= narrow) throw new ArgumentException("Wide must be wider than narrow.");
        foreach (var c in content)
            if (c == '*' || Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
                throw new ArgumentException($"'{c}' cannot be encoded in Code 39.", nameof(content));
        var widths = new List<int>((content.Length + 2) * 10);
        foreach (var c in "*" + content + "*")
        {
            var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (widths.Count > 0) widths.Add(narrow); // inter-character gap (a space)
            var code = Encodings[index];
            for (var bit = 8; bit >= 0; bit--) widths.Add((code >> bit & 1) == 1 ? wide : narrow);
        }
        return widths;
    }
}
