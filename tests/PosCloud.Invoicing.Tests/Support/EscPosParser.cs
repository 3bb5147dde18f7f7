using System.Text;

namespace PosCloud.Invoicing.Tests.Support;

/// <summary>What the test parser found in an ESC/POS stream.</summary>
public abstract record EscPosItem;
public sealed record EscPosText(string Text, byte Size, bool Bold, byte Align) : EscPosItem;
public sealed record EscPosBarcode(byte System, string Data, byte ModuleWidth, byte Height) : EscPosItem;
public sealed record EscPosRaster(int WidthDots, int Height, byte[] Bits) : EscPosItem
{
    public bool this[int x, int y] => (Bits[y * (WidthDots / 8) + x / 8] & (0x80 >> (x % 8))) != 0;
}
public sealed record EscPosCommand(string Name) : EscPosItem;

/// <summary>
/// A small ESC/POS reader written for the tests from the command reference: it knows exactly the
/// commands a proof may contain and fails on anything else, so a malformed stream fails the test.
/// </summary>
public static class EscPosParser
{
    public static List<EscPosItem> Parse(byte[] data, Encoding text)
    {
        var items = new List<EscPosItem>();
        var line = new List<byte>();
        byte size = 0, align = 0, bcWidth = 3, bcHeight = 162;
        var bold = false;
        var i = 0;
        byte Next() => i < data.Length ? data[i++] : throw new FormatException($"Stream ends inside a command at {i}.");

        while (i < data.Length)
        {
            var b = data[i++];
            switch (b)
            {
                case 0x0A:
                    items.Add(new EscPosText(text.GetString(line.ToArray()), size, bold, align));
                    line.Clear();
                    break;
                case 0x1B:
                    switch (Next())
                    {
                        case 0x40: items.Add(new EscPosCommand("ESC @")); size = 0; bold = false; align = 0; break;
                        case 0x61: align = Next(); break;
                        case 0x45: bold = Next() != 0; break;
                        case 0x64: items.Add(new EscPosCommand($"ESC d {Next()}")); break;
                        case var c: throw new FormatException($"Unknown ESC 0x{c:X2} at {i - 1}.");
                    }
                    break;
                case 0x1C:
                    var fs = Next();
                    if (fs != 0x26) throw new FormatException($"Unknown FS 0x{fs:X2}.");
                    items.Add(new EscPosCommand("FS &"));
                    break;
                case 0x1D:
                    switch (Next())
                    {
                        case 0x21: size = Next(); break;
                        case 0x48: Next(); break;
                        case 0x68: bcHeight = Next(); break;
                        case 0x77: bcWidth = Next(); break;
                        case 0x6B:
                            var m = Next();
                            if (m < 65) throw new FormatException("Only GS k function B is expected.");
                            var n = Next();
                            var payload = Encoding.ASCII.GetString(data, i, n);
                            i += n;
                            items.Add(new EscPosBarcode(m, payload, bcWidth, bcHeight));
                            break;
                        case 0x76:
                            if (Next() != 0x30) throw new FormatException("Expected GS v 0.");
                            Next(); // m
                            var xBytes = Next() | (Next() << 8);
                            var rows = Next() | (Next() << 8);
                            var bits = data.AsSpan(i, xBytes * rows).ToArray();
                            i += xBytes * rows;
                            items.Add(new EscPosRaster(xBytes * 8, rows, bits));
                            break;
                        case 0x56:
                            var mode = Next();
                            if (mode is 65 or 66) Next();
                            items.Add(new EscPosCommand("GS V"));
                            break;
                        case var c: throw new FormatException($"Unknown GS 0x{c:X2} at {i - 1}.");
                    }
                    break;
                case < 0x20:
                    throw new FormatException($"Unexpected control byte 0x{b:X2} at {i - 1}.");
                default:
                    line.Add(b);
                    break;
            }
        }
        if (line.Count > 0) items.Add(new EscPosText(text.GetString(line.ToArray()), size, bold, align));
        return items;
    }
}
