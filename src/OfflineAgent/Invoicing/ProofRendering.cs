using Microsoft.Extensions.Options;
using PosCloud.Invoicing.Proof;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.Printing;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>
/// The printed proof of an order, as ESC/POS bytes for the printer and as the PNG preview of 詳情 — both
/// from the library's one layout, so the screen shows exactly what the paper carries.
/// </summary>
public sealed class ProofRendering(IOptions<InvoicingOptions> options, ILogger<ProofRendering> log) : IDisposable
{
    private readonly Lazy<PngProofRenderer> _png = new(() => new PngProofRenderer(logger: log), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _pngLock = new();

    /// <param name="order">With its lines loaded.</param>
    /// <summary>The proof, and the 交易明細 slip after a cut when the sale asked for it (stored with the sale, so a 補印 prints the same parts).</summary>
    public byte[] EscPos(LocalOrder order, bool reprint)
    {
        var invoice = InvoiceRules.ToInvoice(order, options.Value);
        return EscPosRenderer.Render(invoice, options.Value.Key(invoice.Seller.Identifier), new ProofOptions(Reprint: reprint, PrintItems: order.PrintItems));
    }

    public byte[] Png(LocalOrder order)
    {
        var invoice = InvoiceRules.ToInvoice(order, options.Value);
        // What prints, and nothing else: an invoice on a carrier or donated has no paper proof, so its view says
        // 「非證明聯 · 僅供檢視」 and carries no scannable code. The detail slip shows when it prints (列印明細, or B2B).
        var view = new ProofOptions(NotAProof: !InvoiceRules.PrintsProof(order), PrintItems: order.PrintItems);
        // One SkiaSharp typeface and renderer shared by every request; drawing is cheap, so serialise it.
        lock (_pngLock) return InvoiceProof.Png(invoice, options.Value.Key(invoice.Seller.Identifier), _png.Value, view).Png;
    }

    /// <summary>A return's 折讓證明單 as the PNG preview (the same layout the printer gets).</summary>
    public byte[] AllowancePng(Returns.LocalReturn ret)
    {
        var layout = Returns.ReturnDocuments.AllowanceSlip(ret, options.Value);
        lock (_pngLock) return _png.Value.Render(layout).Png;
    }

    public byte[] AllowanceEscPos(Returns.LocalReturn ret) => Returns.ReturnDocuments.AllowanceEscPos(ret, options.Value);

    public void Dispose()
    {
        if (_png.IsValueCreated) _png.Value.Dispose();
    }
}
