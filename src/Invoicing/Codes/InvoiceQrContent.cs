using System.Globalization;
using System.Text;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Codes;

/// <summary>The texts of the two QR codes printed side by side on the proof.</summary>
/// <param name="ItemsInQr">How many items the two codes carry (the rest is on the platform only).</param>
public sealed record QrPair(string Left, string Right, int ItemsInQr);

/// <summary>Limits for the item part of the QR codes.</summary>
/// <param name="MaxBytesPerCode">UTF-8 bytes per code. Bigger codes get smaller modules on 57 mm paper and scan worse;
/// 150 keeps both codes at version ≤ 7–8 with error correction L.</param>
public sealed record QrContentOptions(int MaxBytesPerCode = 150)
{
    public static QrContentOptions Default { get; } = new();
}

/// <summary>
/// Builds the MOF QR contents (電子發票證明聯二維條碼). Left: 77 fixed characters with no separators,
/// then <c>:</c> self-use area <c>:</c> items in QR <c>:</c> total items <c>:</c> encoding <c>:</c> items.
/// Right: <c>**</c> + the items that did not fit on the left. Items are <c>name:quantity:unit price</c>.
/// </summary>
public static class InvoiceQrContent
{
    public const int FixedLength = 77;
    public const string SelfUseArea = "**********";
    public const string RightPrefix = "**";

    /// <summary>Encoding parameter: 1 = UTF-8 (what we write; 0 = Big5, 2 = Base64).</summary>
    public const string Utf8Encoding = "1";

    public static QrPair Build(InvoiceDocument invoice, QrVerificationKey key, QrContentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        options ??= QrContentOptions.Default;
        var fixedPart = FixedPart(invoice, key);
        var items = invoice.Items.Select(FormatItem).ToList();

        // Fill the left code first, then the right, keeping order; stop at the first item that fits
        // neither (the counts then say how many were recorded, as the spec allows).
        var left = new List<string>();
        var right = new List<string>();
        var leftHead = HeaderFor(fixedPart, itemsInQr: 99, invoice.Items.Count); // worst case width of the count
        var i = 0;
        for (; i < items.Count && Fits(leftHead, left, items[i], options.MaxBytesPerCode); i++) left.Add(items[i]);
        for (; i < items.Count && Fits(RightPrefix, right, items[i], options.MaxBytesPerCode); i++) right.Add(items[i]);

        var inQr = left.Count + right.Count;
        var leftText = HeaderFor(fixedPart, inQr, invoice.Items.Count) + string.Join(':', left);
        // When the list continues in the right code the left ends with ':' so that
        // left-without-header + right-without-"**" reads as one list (as in the MOF example).
        if (right.Count > 0 && left.Count > 0) leftText += ":";
        var rightText = RightPrefix + string.Join(':', right);
        return new QrPair(leftText, rightText, inQr);
    }

    /// <summary>The first 77 characters: number, ROC date, random code, amounts in hex, buyer, seller, verification.</summary>
    public static string FixedPart(InvoiceDocument invoice, QrVerificationKey key)
    {
        var sb = new StringBuilder(FixedLength);
        sb.Append(invoice.Number.ToString());
        sb.Append(RocDate(DateOnly.FromDateTime(invoice.IssuedAt)));
        sb.Append(invoice.RandomCode);
        sb.Append(invoice.SalesAmount is { } sales ? Hex8(sales) : "00000000");
        sb.Append(Hex8(invoice.TotalAmount));
        sb.Append(invoice.Buyer?.Identifier ?? InvoiceDocument.ConsumerBuyerIdQr);
        sb.Append(invoice.Seller.Identifier);
        sb.Append(QrVerification.Compute(key, invoice.Number, invoice.RandomCode));
        if (sb.Length != FixedLength)
            throw new InvalidOperationException($"QR fixed part must be {FixedLength} characters, got {sb.Length}: check ids and random code.");
        return sb.ToString();
    }

    /// <summary>ROC date yyyMMdd, e.g. 2013-05-23 → 1020523.</summary>
    public static string RocDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year - 1911:D3}{date.Month:D2}{date.Day:D2}");

    /// <summary>Whole dollars as 8 lower-case hex digits (decimal here is a known bug in public code).</summary>
    public static string Hex8(long amount) =>
        amount is >= 0 and <= uint.MaxValue
            ? amount.ToString("x8", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(amount), amount, "Amount must fit 8 hex digits.");

    /// <summary><c>name:quantity:unit price</c>; an ASCII colon in the name would break the list, so it becomes a full-width one.</summary>
    public static string FormatItem(InvoiceItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"{CleanName(item.Description)}:{Num(item.Quantity)}:{Num(item.UnitPrice)}");

    public static string CleanName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
            sb.Append(c switch { ':' => '：', _ when char.IsControl(c) => ' ', _ => c });
        return sb.ToString();
    }

    private static string Num(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);

    private static string HeaderFor(string fixedPart, int itemsInQr, int totalItems) =>
        string.Create(CultureInfo.InvariantCulture, $"{fixedPart}:{SelfUseArea}:{itemsInQr}:{totalItems}:{Utf8Encoding}:");

    private static bool Fits(string head, List<string> taken, string next, int max)
    {
        var bytes = Encoding.UTF8.GetByteCount(head) + Encoding.UTF8.GetByteCount(next) + 1;
        foreach (var t in taken) bytes += Encoding.UTF8.GetByteCount(t) + 1;
        return bytes <= max;
    }
}
