using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Printing;

namespace PosCloud.Invoicing.Proof;

/// <summary>The one-call path from an issued invoice to its printed proof or preview.</summary>
public static class InvoiceProof
{
    public static ProofLayout Layout(IssuedInvoice invoice, QrVerificationKey key, ProofOptions? options = null, QrContentOptions? qrOptions = null) =>
        ProofLayoutBuilder.Build(invoice, InvoiceQrContent.Build(invoice, key, qrOptions), options);

    /// <summary>ESC/POS bytes ready for <see cref="ReceiptPrinter.PrintAsync"/> or <see cref="PrintQueue.Enqueue(string, byte[])"/>.</summary>
    public static byte[] EscPosBytes(IssuedInvoice invoice, QrVerificationKey key, ProofOptions? options = null, EscPosOptions? escPos = null) =>
        EscPosRenderer.Render(Layout(invoice, key, options), escPos);

    /// <summary>PNG preview (e.g. for GET /receipts/{orderId}.png).</summary>
    public static ProofImage Png(IssuedInvoice invoice, QrVerificationKey key, PngProofRenderer renderer, ProofOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return renderer.Render(Layout(invoice, key, options));
    }
}
