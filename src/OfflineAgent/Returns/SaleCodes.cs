using PosCloud.Invoicing.Numbers;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>How a sale is named at the return counter: its order id, or its invoice (period when the code carries it).</summary>
public sealed record SaleKey(Guid? OrderId, string? Period, string? Number);

/// <summary>
/// Reads what the scanner typed or the clerk keyed in. The proof's Code 39 is period (5) + number (10) + random (4);
/// the left QR begins with the number (10); a typed number may carry the printed dash (AB-12345678); the screen names a
/// sale of another register or store by period (5) + number (10).
/// </summary>
public static class SaleCodes
{
    public static SaleKey? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var raw = code.Trim();
        if (Guid.TryParse(raw, out var id)) return new(id, null, null);
        var text = raw.Replace("-", "").Replace(" ", "").ToUpperInvariant();
        if (text.Length == 19 && text[..5].All(char.IsAsciiDigit) && InvoiceNumber.IsValid(text[5..15]) && text[15..].All(char.IsAsciiDigit)
            && InvoicePeriod.TryParse(text[..5], out _))
            return new(null, text[..5], text[5..15]);
        if (text.Length == 15 && InvoicePeriod.TryParse(text[..5], out _) && InvoiceNumber.IsValid(text[5..]))
            return new(null, text[..5], text[5..]);
        if (text.Length >= 10 && InvoiceNumber.IsValid(text[..10])) return new(null, null, text[..10]);
        return null;
    }
}
