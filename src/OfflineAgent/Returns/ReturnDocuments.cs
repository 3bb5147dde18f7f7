using PosCloud.Invoicing.Numbers;
using System.Globalization;
using System.Text.Json;
using PosCloud.Printing;
using PosCloud.Invoicing.Proof;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>
/// What a return prints: the replacement invoice (the ordinary proof, from the same layout as a sale's) and the
/// 營業人銷貨退回、進貨退出或折讓證明單 (seller, buyer, original invoice date and number, items, amounts, tax, total,
/// signature line; two copies for a company buyer, who stamps both). ESC/POS for the printer, PNG for the preview.
/// </summary>
public static class ReturnDocuments
{
    public const string AllowanceTitle = "營業人銷貨退回、進貨退出或折讓證明單";

    /// <summary>Something goes to paper: a replacement invoice that is not on a carrier/donated, or an allowance slip (not for a carrier invoice of a consumer, §20: none).</summary>
    public static bool Prints(LocalReturn ret, ReturnSale sale) =>
        ret.ReplacementInvoiceNumber is not null && sale.HasPaperProof
        || ret.AllowanceNumber is not null && (sale.BuyerTaxId is not null || sale.HasPaperProof && ret.BuyerConsent != "electronic");

    public static ReturnSale Original(LocalReturn ret) => JsonSerializer.Deserialize<ReturnSale>(ret.OriginalJson, ReturnService.Json)!;

    public static IReadOnlyList<SoldLine> KeptLines(LocalReturn ret) =>
        ret.ReplacementLinesJson is null ? [] : JsonSerializer.Deserialize<List<SoldLine>>(ret.ReplacementLinesJson, ReturnService.Json)!;

    /// <summary>The replacement invoice as a sale of the kept items (never stored as a sale): the proof code prints it unchanged.</summary>
    public static LocalOrder ReplacementAsOrder(LocalReturn ret)
    {
        var sale = Original(ret);
        var lines = KeptLines(ret);
        return new LocalOrder
        {
            Id = ret.Id,
            SoldAt = ret.ReplacementIssuedAt!.Value,
            StoreId = sale.StoreId,
            RegisterId = sale.RegisterId,
            Total = lines.Sum(l => ReturnRules.Amount(l, l.Quantity)),
            InvoiceNumber = ret.ReplacementInvoiceNumber,
            InvoiceIssuedAt = ret.ReplacementIssuedAt,
            InvoiceRandomCode = ret.ReplacementRandomCode,
            BuyerTaxId = sale.BuyerTaxId,
            CarrierType = sale.CarrierType,
            CarrierId = sale.CarrierId,
            DonationCode = sale.DonationCode,
            Lines = lines.Select(l => new LocalLine { LineNumber = l.Index + 1, Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList(),
        };
    }

    /// <summary>The 折讓證明單 layout: one copy per buyer copy (2 for a company buyer), cut between them.</summary>
    public static ProofLayout AllowanceSlip(LocalReturn ret, InvoicingOptions seller, int columns = 32)
    {
        var sale = Original(ret);
        var (items, tax, net) = ReturnRules.Allowance(ret.Lines.OrderBy(l => l.LineIndex)
            .Select(l => (sale.Lines.First(s => s.Index == l.LineIndex), l.Quantity, l.Amount)).ToList());
        var copies = sale.BuyerTaxId is null ? 1 : 2;
        // The original invoice's seller as printed (another store's may be a branch with its own 統一編號): the
        // allowance is that seller's document; this register's own seller only for a sale that did not record one.
        var (sellerId, sellerName) = sale.SellerTaxId is { } id ? (id, sale.SellerName ?? id) : (seller.SellerId, seller.SellerName);
        var e = new List<ProofElement>();
        for (var copy = 1; copy <= copies; copy++)
        {
            if (copy > 1) e.Add(new ProofCut());
            e.Add(new ProofText("營業人銷貨退回、進貨退出", ProofTextSize.Normal, ProofAlign.Center, Bold: true));
            e.Add(new ProofText("或折讓證明單", ProofTextSize.Normal, ProofAlign.Center, Bold: true));
            e.Add(new ProofText(copies == 2 ? (copy == 1 ? "第一聯 交付原銷貨人" : "第二聯 買受人存根") : "收執聯", ProofTextSize.Normal, ProofAlign.Center));
            e.Add(new ProofRule());
            e.Add(new ProofText($"折讓單號 {ret.AllowanceNumber}"));
            e.Add(new ProofText($"日期 {Date(ret.ReturnedAt)}"));
            e.Add(new ProofText($"賣方 {sellerName}"));
            e.Add(new ProofText($"賣方統編 {sellerId}"));
            e.Add(new ProofText(sale.BuyerTaxId is { } ban ? $"買方統編 {ban}" : "買方 一般消費者"));
            e.Add(new ProofText($"原發票 {ret.OriginalInvoiceNumber?[..2]}-{ret.OriginalInvoiceNumber?[2..]}"));
            e.Add(new ProofText($"原發票日期 {(ret.OriginalInvoiceIssuedAt is { } d ? Date(d) : "")}"));
            e.Add(new ProofRule());
            foreach (var item in items)
            {
                e.Add(new ProofText(TextColumns.Truncate($"{item.OriginalSequence}. {item.Description}", columns)));
                e.Add(new ProofText(TextColumns.Justify($"  {Num(item.Quantity)} x {Num(item.UnitPrice)}", $"{Num(item.Amount)} 稅{item.Tax}", columns)));
            }
            e.Add(new ProofRule());
            e.Add(new ProofText(TextColumns.Justify("折讓金額(未稅)", Num(net), columns)));
            e.Add(new ProofText(TextColumns.Justify("營業稅額", Num(tax), columns)));
            e.Add(new ProofText(TextColumns.Justify("合計", Num(net + tax), columns), Bold: true));
            e.Add(new ProofFeed(2));
            e.Add(new ProofText(sale.BuyerTaxId is null ? "買受人簽名：" : "買受人蓋統一發票專用章："));
            e.Add(new ProofFeed(3));
            e.Add(new ProofText("________________________________"));
        }
        return new ProofLayout(columns, e);
    }

    public static byte[] AllowanceEscPos(LocalReturn ret, InvoicingOptions seller) => EscPosRenderer.Render(AllowanceSlip(ret, seller));

    private static string Date(DateTimeOffset at) => TaiwanTime.Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(decimal n) => n.ToString("#,0.##", CultureInfo.InvariantCulture);
}
