using System.Xml.Linq;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.Invoicing.Mig;

/// <summary>An allowance cancelled (作廢折讓), as G0501 needs it. Times are Taiwan local.</summary>
public sealed record AllowanceCancel(
    string Number,
    DateTime AllowanceDate,
    string SellerId,
    string? BuyerId,
    DateTime CancelledAt,
    string Reason,
    string? Remark = null);

/// <summary>
/// The MIG G0501 (CancelAllowance) message, by the 4.1 XSD: CancelAllowanceNumber, AllowanceType, AllowanceDate,
/// BuyerId, SellerId, CancelDate, CancelTime, CancelReason (1–20); optional Remark.
/// </summary>
public static class G0501Message
{
    public static XDocument Build(AllowanceCancel cancel, MigVersion version = MigVersions.Default)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        MigText.Require(cancel.Number, 1, G0401Message.MaxNumberLength, "CancelAllowanceNumber");
        MigText.Require(cancel.Reason, 1, F0501Message.MaxReasonLength, "CancelReason");
        var ns = MigVersions.Namespace("G0501", version);
        XElement E(string name, string value) => new(ns + name, value);
        var root = new XElement(ns + "CancelAllowance",
            E("CancelAllowanceNumber", cancel.Number),
            E("AllowanceType", G0401Message.SellerIssued),
            E("AllowanceDate", MigText.Date(cancel.AllowanceDate)),
            E("BuyerId", cancel.BuyerId ?? InvoiceDocument.ConsumerBuyerIdMig),
            E("SellerId", cancel.SellerId),
            E("CancelDate", MigText.Date(cancel.CancelledAt)),
            E("CancelTime", MigText.Time(cancel.CancelledAt)),
            E("CancelReason", cancel.Reason));
        if (!string.IsNullOrEmpty(cancel.Remark)) root.Add(E("Remark", MigText.Cut(cancel.Remark, F0501Message.MaxRemarkLength)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    public static string ToXml(AllowanceCancel cancel, MigVersion version = MigVersions.Default) => MigXml.Write(Build(cancel, version));
}
