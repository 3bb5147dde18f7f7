using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace PosCloud.Invoicing.Proof;

/// <summary>
/// Finds a typeface with Chinese glyphs for the PNG preview. The monospaced WenQuanYi face keeps the
/// column layout of the paper (ASCII half width, CJK full width). Missing fonts are not fatal: the
/// preview still renders (codes stay exact), Chinese may show as boxes, and we log why.
/// </summary>
public static class ProofFonts
{
    /// <summary>(file, face index) tried in order; index 1 of wqy-microhei.ttc is "WenQuanYi Micro Hei Mono".</summary>
    public static IReadOnlyList<(string Path, int Index)> Candidates { get; } =
    [
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 1),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 1),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ];

    public static SKTypeface Resolve(ILogger? logger = null, IEnumerable<(string Path, int Index)>? candidates = null)
    {
        foreach (var (path, index) in candidates ?? Candidates)
        {
            if (!File.Exists(path)) continue;
            var face = SKTypeface.FromFile(path, index);
            if (face is not null && face.ContainsGlyph('發')) return face;
            face?.Dispose();
        }
        var matched = SKFontManager.Default.MatchCharacter('發');
        if (matched is not null)
        {
            logger?.LogWarning("No configured CJK font found; using system match {Family} for the proof preview.", matched.FamilyName);
            return matched;
        }
        logger?.LogWarning("No font with Chinese glyphs found (install fonts-wqy-microhei); the proof preview will show boxes for Chinese text. Barcodes are unaffected.");
        return SKTypeface.Default;
    }
}
