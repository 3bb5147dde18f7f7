using System.Globalization;
using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Proof;

/// <param name="SellerDisplayName">Top line (seller name or shop sign); the registered name when null.</param>
/// <param name="Reprint">A reprint is marked 補印 after the title, so it cannot pass as a second original.</param>
/// <param name="PrintItems">
/// Print the 交易明細 (item list) as a separate slip after a cut, when the buyer asks. A buyer with a tax id always
/// gets it. The proof itself (5.7 × 9 cm) never carries the items (MOF Q&amp;A).
/// </param>
/// <param name="NotAProof">
/// A view of a carrier or donated invoice, which has no paper proof: titled 「非證明聯 · 僅供檢視」 and without any
/// scannable code, so a screenshot cannot be claimed as the proof.
/// </param>
public sealed record ProofOptions(string? SellerDisplayName = null, bool Reprint = false, bool PrintItems = false, int Columns = 32, bool NotAProof = false);

/// <summary>Lays out the proof top to bottom in the order the MOF format prescribes, then (after a cut) the detail slip.</summary>
public static class ProofLayoutBuilder
{
    public const string Title = "電子發票證明聯";
    public const string ReprintMark = "補印";
    public const string NotAProofTitle = "非證明聯 · 僅供檢視";
    public const string DetailTitle = "交易明細";

    /// <summary>Whether the detail slip is printed: always for a buyer with a tax id, else when asked.</summary>
    public static bool PrintsDetail(InvoiceDocument invoice, ProofOptions options) => options.PrintItems || invoice.IsB2B;

    public static ProofLayout Build(InvoiceDocument invoice, QrPair qr, ProofOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(qr);
        options ??= new ProofOptions();
        var cols = options.Columns;
        var e = new List<ProofElement>
        {
            new ProofText(TextColumns.Truncate(options.SellerDisplayName ?? invoice.Seller.Name, cols), ProofTextSize.Normal, ProofAlign.Center, Bold: true),
            new ProofText(options.NotAProof ? NotAProofTitle : options.Reprint ? Title + ReprintMark : Title, ProofTextSize.Large, ProofAlign.Center, Bold: true),
            new ProofText(invoice.Period.Label, ProofTextSize.Large, ProofAlign.Center, Bold: true),
            new ProofText(invoice.Number.Printed, ProofTextSize.Large, ProofAlign.Center, Bold: true),
        };

        var when = invoice.IssuedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        e.Add(new ProofText(invoice.IsB2B ? TextColumns.Justify(when, "格式 25", cols) : when));
        e.Add(new ProofText(TextColumns.Justify($"隨機碼 {invoice.RandomCode}", $"總計 {invoice.TotalAmount.ToString(CultureInfo.InvariantCulture)}", cols)));
        var seller = $"賣方 {invoice.Seller.Identifier}";
        e.Add(new ProofText(invoice.Buyer is { } buyer ? TextColumns.Justify(seller, $"買方 {buyer.Identifier}", cols) : seller));
        if (options.NotAProof)
        {
            // No Code 39 and no QR codes: nothing on this view can be scanned or claimed.
            e.Add(new ProofText(invoice.DonationCode is { } npoban ? $"已捐贈 愛心碼 {npoban}" : "存入載具，不印證明聯", Align: ProofAlign.Center));
        }
        else
        {
            e.Add(new ProofBarcode39(Code39Content.For(invoice)));
            e.Add(new ProofQrPair(qr.Left, qr.Right));
        }

        if (PrintsDetail(invoice, options))
        {
            // A separate slip: the proof ends at the cut, at its fixed 5.7 × 9 cm.
            e.Add(new ProofCut());
            e.Add(new ProofText(DetailTitle, ProofTextSize.Large, ProofAlign.Center, Bold: true));
            e.Add(new ProofText(TextColumns.Justify(invoice.Number.Printed, when, cols)));
            e.Add(new ProofRule());
            foreach (var item in invoice.Items)
            {
                e.Add(new ProofText(TextColumns.Truncate(item.Description, cols)));
                var qtyPrice = string.Create(CultureInfo.InvariantCulture, $"  {item.Quantity:0.###} x {item.UnitPrice:0.##}");
                e.Add(new ProofText(TextColumns.Justify(qtyPrice, item.Amount.ToString("0.##", CultureInfo.InvariantCulture), cols)));
            }
            e.Add(new ProofRule());
            e.Add(new ProofText(TextColumns.Justify($"共 {invoice.Items.Count} 項", $"合計 {invoice.TotalAmount.ToString(CultureInfo.InvariantCulture)}", cols), Bold: true));
            if (invoice.IsB2B && invoice.SalesAmount is { } sales)
            {
                e.Add(new ProofText(TextColumns.Justify("銷售額", sales.ToString(CultureInfo.InvariantCulture), cols)));
                e.Add(new ProofText(TextColumns.Justify("稅額", invoice.TaxAmount.ToString(CultureInfo.InvariantCulture), cols)));
            }
        }
        e.Add(new ProofFeed(1));
        return new ProofLayout(cols, e);
    }
}
