namespace PosCloud.Printing;

/// <summary>Conditions a printer reports through DLE EOT.</summary>
[Flags]
public enum PrinterConditions
{
    None = 0,
    Offline = 1,
    CoverOpen = 2,
    PaperOut = 4,
    PaperNearEnd = 8,
    Error = 16,
}

public enum PrinterReachability
{
    /// <summary>The printer answered the status queries.</summary>
    Answered,
    /// <summary>Connected, but no status answer (printer without real-time status, or busy).</summary>
    NoStatusReply,
    /// <summary>Could not connect or open the device.</summary>
    Unreachable,
}

/// <summary>What the clerk is told about the printer: plain values and a zh-TW description.</summary>
public sealed record PrinterStatus(PrinterReachability Reachability, PrinterConditions Conditions, string Description)
{
    private const PrinterConditions Blocking = PrinterConditions.Offline | PrinterConditions.CoverOpen | PrinterConditions.PaperOut | PrinterConditions.Error;

    /// <summary>False when the printer is known not to print now; true when it is fine or cannot tell us.</summary>
    public bool CanPrint => Reachability != PrinterReachability.Unreachable && (Conditions & Blocking) == 0;

    /// <summary>
    /// Reads the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper sensor). Every
    /// answer byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status byte.
    /// </summary>
    public static PrinterStatus FromDleEot(byte printer, byte offlineCause, byte paper)
    {
        if (!IsStatusByte(printer) || !IsStatusByte(offlineCause) || !IsStatusByte(paper))
            return new PrinterStatus(PrinterReachability.NoStatusReply, PrinterConditions.None, "印表機回應無法辨識 (unrecognised status reply)");
        var c = PrinterConditions.None;
        if ((printer & 0x08) != 0) c |= PrinterConditions.Offline;
        if ((offlineCause & 0x04) != 0) c |= PrinterConditions.CoverOpen;
        if ((offlineCause & 0x20) != 0) c |= PrinterConditions.PaperOut;
        if ((offlineCause & 0x40) != 0) c |= PrinterConditions.Error;
        if ((paper & 0x0C) != 0) c |= PrinterConditions.PaperNearEnd;
        if ((paper & 0x60) != 0) c |= PrinterConditions.PaperOut;
        return new PrinterStatus(PrinterReachability.Answered, c, Describe(c));
    }

    public static bool IsStatusByte(byte b) => (b & 0x93) == 0x12;

    public static string Describe(PrinterConditions c)
    {
        if (c == PrinterConditions.None) return "印表機正常 (ready)";
        var parts = new List<string>();
        if (c.HasFlag(PrinterConditions.PaperOut)) parts.Add("缺紙 (paper out)");
        if (c.HasFlag(PrinterConditions.CoverOpen)) parts.Add("上蓋開啟 (cover open)");
        if (c.HasFlag(PrinterConditions.Error)) parts.Add("印表機錯誤 (error)");
        if (c.HasFlag(PrinterConditions.Offline) && parts.Count == 0) parts.Add("離線 (offline)");
        if (c.HasFlag(PrinterConditions.PaperNearEnd)) parts.Add("紙將用盡 (paper near end)");
        return string.Join("、", parts);
    }
}
