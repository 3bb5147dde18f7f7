using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Proof;

/// <summary>The one-call path from an issued invoice to its proof layout or PNG preview (ESC/POS bytes: PosCloud.Printing.EscPosRenderer).</summary>
public static class InvoiceProof
{
    public static ProofLayout Layout(InvoiceDocument invoice, QrVerificationKey key, ProofOptions? options = null, QrContentOptions? qrOptions = null) =>
        ProofLayoutBuilder.Build(invoice, InvoiceQrContent.Build(invoice, key, qrOptions), options);

    /// <summary>PNG preview (e.g. for GET /receipts/{orderId}.png).</summary>
    public static ProofImage Png(InvoiceDocument invoice, QrVerificationKey key, PngProofRenderer renderer, ProofOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return renderer.Render(Layout(invoice, key, options));
    }
}
