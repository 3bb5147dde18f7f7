namespace PosCloud.Invoicing.Proof;

public enum ProofTextSize { Normal, Large }

public enum ProofAlign { Left, Center }

/// <summary>One thing printed on the proof, top to bottom. Renderers turn these into bytes or pixels.</summary>
public abstract record ProofElement;

/// <summary>A line of text. Large is the printer's double size (period and number must stand out).</summary>
public sealed record ProofText(string Text, ProofTextSize Size = ProofTextSize.Normal, ProofAlign Align = ProofAlign.Left, bool Bold = false) : ProofElement;

/// <summary>The Code 39 barcode with its 19-character content.</summary>
public sealed record ProofBarcode39(string Content) : ProofElement;

/// <summary>The two QR codes, side by side, same size, top aligned.</summary>
public sealed record ProofQrPair(string Left, string Right) : ProofElement;

/// <summary>A dashed separator line.</summary>
public sealed record ProofRule : ProofElement;

/// <summary>The end of the proof: the printer cuts here; what follows (the 交易明細) is a separate slip.</summary>
public sealed record ProofCut : ProofElement;

/// <summary>Blank lines.</summary>
public sealed record ProofFeed(int Lines) : ProofElement;

/// <summary>
/// The printed proof (電子發票證明聯) as an abstract layout for paper <see cref="Columns"/> characters wide
/// (57 mm paper: 32 half-width columns of 12 dots = 384 dots). A CJK character takes 2 columns.
/// </summary>
public sealed record ProofLayout(int Columns, IReadOnlyList<ProofElement> Elements);

/// <summary>Display width in printer columns: ASCII is 1, everything else (Big5 double-byte) is 2.</summary>
public static class TextColumns
{
    public static int Of(string text) => text.Sum(c => c < 0x80 ? 1 : 2);

    /// <summary><paramref name="left"/> and <paramref name="right"/> on one line, right part flush right.</summary>
    public static string Justify(string left, string right, int columns)
    {
        var gap = columns - Of(left) - Of(right);
        return gap >= 1 ? left + new string(' ', gap) + right : left + " " + right;
    }

    /// <summary>Cuts text to at most <paramref name="columns"/> columns (never splits a double-width character).</summary>
    public static string Truncate(string text, int columns)
    {
        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += text[i] < 0x80 ? 1 : 2;
            if (width > columns) return text[..i];
        }
        return text;
    }
}
