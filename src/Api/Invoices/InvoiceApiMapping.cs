using System.Globalization;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.Core.Stores;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Invoices;

/// <summary>Between stored rows, the Invoicing library's value types and the API's views.</summary>
internal static class InvoiceApiMapping
{
    public static InvoiceRange ToRange(InvoiceBlock b) => new(InvoicePeriod.Parse(b.Period), b.Track, checked((int)b.From), checked((int)b.To));

    public static InvoiceRange ToRange(InvoiceNumberRange r) => new(InvoicePeriod.Parse(r.Period), r.Track, checked((int)r.From), checked((int)r.To));

    public static InvoiceRangeView View(long id, InvoiceRange r, string? registerId = null) =>
        new(id, r.Period.Code, r.Track, r.From, r.To, r.Size, r.First.ToString(), r.Last.ToString(), registerId);

    public static InvoiceRangeView View(InvoiceBlock b) => View(b.Id, ToRange(b), b.RegisterId);

    public static InvoiceRangeView View(InvoiceNumberRange r) => View(r.Id, ToRange(r));

    public static NumberRunView View(BlankRange b) =>
        new(new InvoiceNumber(b.Track, b.From).ToString(), new InvoiceNumber(b.Track, b.To).ToString(), b.Count);

    public static InvoiceFlagView View(InvoiceFlag f) => new(f.Number, f.Kind, f.OrderId, f.Detail, f.FlaggedAt, f.Period);

    public static InvoiceView View(IssuedInvoice i, PlatformMessage? message = null) => new(
        i.Period, i.Number, i.StoreId, i.RegisterId, i.OrderId, i.IssuedAt, i.RandomCode, i.BuyerTaxId, i.BuyerTaxId is not null,
        i.CarrierType, i.CarrierId, i.DonationCode, i.Total, i.SalesAmount, i.TaxAmount, i.Voided, i.UploadDeadline, i.UploadedToPlatformAt,
        i.AsIssued, i.Items.OrderBy(x => x.Sequence).Select(x => new InvoiceItemView(x.Sequence, x.Description, x.Quantity, x.UnitPrice, x.Amount, x.TaxType)).ToList(),
        message?.State, message?.ResultCode, message?.ResultText, message?.Id);

    public static PlatformMessageView View(PlatformMessage m, DateTimeOffset now) => new(
        m.Id, m.Kind, m.Period, m.DocumentNumber, m.StoreId, m.State, m.DueAt,
        m.State != PlatformMessageStates.Uploaded && m.DueAt < now,
        m.Attempts, m.FileName, m.HandedOverAt, m.ResultCode, m.ResultText, m.ResolvedAt, m.CreatedAt);

    /// <summary>Parses the 8-digit serial of a range end ("10000049"); null when it is not exactly 8 digits.</summary>
    public static int? Serial(string? text) =>
        text is { Length: 8 } && text.All(char.IsAsciiDigit) ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
