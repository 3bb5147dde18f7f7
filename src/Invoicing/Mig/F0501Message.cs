using System.Globalization;
using System.Xml.Linq;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Mig;

/// <summary>An invoice cancelled (作廢) by a return, as F0501 needs it. Times are Taiwan local.</summary>
/// <param name="BuyerId">The buyer's 統一編號, or null for a consumer (written as ten zeros).</param>
/// <param name="Reason">CancelReason, 1–20 characters.</param>
/// <param name="ReturnTaxDocumentNumber">專案作廢核准文號, only for a cancel after filing (≤ 60).</param>
public sealed record InvoiceCancel(
    InvoiceNumber Number,
    DateTime InvoiceDate,
    string SellerId,
    string? BuyerId,
    DateTime CancelledAt,
    string Reason,
    string? ReturnTaxDocumentNumber = null,
    string? Remark = null);

/// <summary>
/// The MIG F0501 (CancelInvoice) message, by the 4.1 XSD (elements in <c>xsd:all</c>): CancelInvoiceNumber,
/// InvoiceDate, BuyerId, SellerId, CancelDate, CancelTime, CancelReason; optional ReturnTaxDocumentNumber and Remark.
/// Only the content: signing and the Turnkey hand-over are the delivery's job.
/// </summary>
public static class F0501Message
{
    public const int MaxReasonLength = 20;
    public const int MaxReturnTaxDocumentNumberLength = 60;
    public const int MaxRemarkLength = 200;

    public static XDocument Build(InvoiceCancel cancel, MigVersion version = MigVersions.Default)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        MigText.Require(cancel.Reason, 1, MaxReasonLength, "CancelReason");
        var ns = MigVersions.Namespace("F0501", version);
        XElement E(string name, string value) => new(ns + name, value);
        var root = new XElement(ns + "CancelInvoice",
            E("CancelInvoiceNumber", cancel.Number.ToString()),
            E("InvoiceDate", MigText.Date(cancel.InvoiceDate)),
            E("BuyerId", cancel.BuyerId ?? InvoiceDocument.ConsumerBuyerIdMig),
            E("SellerId", cancel.SellerId),
            E("CancelDate", MigText.Date(cancel.CancelledAt)),
            E("CancelTime", MigText.Time(cancel.CancelledAt)),
            E("CancelReason", cancel.Reason));
        if (!string.IsNullOrEmpty(cancel.ReturnTaxDocumentNumber))
        {
            MigText.Require(cancel.ReturnTaxDocumentNumber, 1, MaxReturnTaxDocumentNumberLength, "ReturnTaxDocumentNumber");
            root.Add(E("ReturnTaxDocumentNumber", cancel.ReturnTaxDocumentNumber));
        }
        if (!string.IsNullOrEmpty(cancel.Remark)) root.Add(E("Remark", MigText.Cut(cancel.Remark, MaxRemarkLength)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    public static string ToXml(InvoiceCancel cancel, MigVersion version = MigVersions.Default) => MigXml.Write(Build(cancel, version));
}

/// <summary>Formatting and bounds shared by the cancel and allowance messages.</summary>
internal static class MigText
{
    public static string Date(DateTime local) => local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    public static string Time(DateTime local) => local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    public static string Num(decimal d) => d.ToString("0.#######", CultureInfo.InvariantCulture);

    /// <summary>A required field out of its MIG bounds is a caller's bug: the platform would refuse the whole message.</summary>
    public static void Require(string? value, int min, int max, string element)
    {
        if (value is null || value.Length < min || value.Length > max)
            throw new ArgumentException($"{element} must be {min}–{max} characters (MIG); got {(value is null ? "null" : value.Length.ToString(CultureInfo.InvariantCulture))}.", element);
    }

    public static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
