namespace PosCloud.Printing;

/// <summary>ESC/POS command bytes we use (Epson command reference; Taiwanese clones follow it).</summary>
public static class EscPos
{
    public const byte Esc = 0x1B, Gs = 0x1D, Fs = 0x1C, Dle = 0x10, Eot = 0x04, Lf = 0x0A;

    /// <summary>ESC @ — reset modes, clear the buffer.</summary>
    public static readonly byte[] Initialize = [Esc, 0x40];

    /// <summary>FS &amp; — Chinese (double-byte) character mode; the code page (Big5 on Taiwanese models) is the printer's.</summary>
    public static readonly byte[] ChineseModeOn = [Fs, 0x26];

    public static byte[] Align(int n) => [Esc, 0x61, (byte)n];             // ESC a n: 0 left, 1 centre
    public static byte[] Bold(bool on) => [Esc, 0x45, on ? (byte)1 : (byte)0]; // ESC E n
    public static byte[] CharacterSize(int widthTimes, int heightTimes) =>    // GS ! n: high nibble width-1, low nibble height-1
        [Gs, 0x21, (byte)(((widthTimes - 1) << 4) | (heightTimes - 1))];
    public static byte[] FeedLines(int n) => [Esc, 0x64, (byte)n];          // ESC d n

    public static byte[] BarcodeHeight(int dots) => [Gs, 0x68, (byte)dots];  // GS h n
    public static byte[] BarcodeModuleWidth(int n) => [Gs, 0x77, (byte)n];   // GS w n
    public static readonly byte[] BarcodeNoHri = [Gs, 0x48, 0];             // GS H 0

    /// <summary>GS k m=69 (CODE39, function B: length-prefixed); the printer adds the '*' start/stop.</summary>
    public const byte Code39FunctionB = 69;

    /// <summary>GS v 0 m=0 — print a raster bit image (normal density).</summary>
    public static readonly byte[] RasterImageHeader = [Gs, 0x76, 0x30, 0];

    /// <summary>GS V m=66 n — feed to the cutter position (+n) and cut partially.</summary>
    public static byte[] FeedAndCut(int n = 0) => [Gs, 0x56, 66, (byte)n];

    /// <summary>DLE EOT n — real-time status: 1 printer, 2 offline cause, 4 roll paper sensor.</summary>
    public static byte[] RealTimeStatus(int n) => [Dle, Eot, (byte)n];
}
