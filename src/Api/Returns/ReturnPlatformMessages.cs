using PosCloud.Api.Invoices;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Invoices;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Api.Returns;

/// <summary>
/// The platform messages a return owes, as pure functions: F0501 for a cancelled invoice (document = the invoice
/// number, period = the invoice's), G0401 for an allowance (document = the allowance number, period = the period of
/// the allowance's date). Deadlines follow the rule (UploadDeadline: B2C 2 days, B2B 7, from the next day,
/// counted from the cancel or the allowance). A message that cannot be built is a problem of the return, never an
/// exception: the return is stored all the same and needs review.
/// </summary>
public static class ReturnPlatformMessages
{
    public sealed record Built(PlatformMessage? Message, string? Problem);

    /// <param name="stored">The stored invoice's issue time and buyer, when the cloud has it; else the cancel's own fields.</param>
    /// <param name="seller">The cancelled invoice's seller as printed (the selling store's, which for a return of another
    /// store's sale is not the returning store's): F0501 SellerId must be the original's. Null: the business's.</param>
    public static Built Cancel(OfflineInvoiceCancel cancel, (DateTimeOffset IssuedAt, string? BuyerTaxId)? stored, string storeId, InvoicingOptions options, DateTimeOffset now,
        InvoiceParty? seller = null)
    {
        if (!InvoiceNumber.TryParse(cancel.Number, out var number) || !InvoicePeriod.TryParse(cancel.Period, out var period))
            return new(null, $"Cancelled invoice {cancel.Period}/{cancel.Number} is not a valid period and number; no F0501 was made.");
        var issuedAt = stored?.IssuedAt ?? cancel.InvoiceIssuedAt;
        if (issuedAt is null)
            return new(null, $"Cancelled invoice {cancel.Period}/{cancel.Number} is not known to the cloud and the return did not send its issue date; no F0501 was made.");
        var cancelledLocal = TaiwanTime.Local(cancel.CancelledAt);
        var buyer = stored is { } s ? s.BuyerTaxId : ValidBuyer(cancel.BuyerTaxId, cancelledLocal);
        var xml = F0501Message.ToXml(new InvoiceCancel(number.Value, TaiwanTime.Local(issuedAt.Value), (seller?.Identifier ?? options.SellerId), buyer, cancelledLocal, cancel.Reason.Trim()), options.Mig);
        return new(new PlatformMessage
        {
            Kind = PlatformMessageKinds.Cancel, Period = period.Code, DocumentNumber = number.Value.ToString(), StoreId = storeId, Xml = xml,
            DueAt = TaiwanTime.Instant(UploadDeadline.For(cancelledLocal, buyer is not null)).ToUniversalTime(), CreatedAt = now,
        }, null);
    }

    /// <param name="seller">The original invoice's seller as printed: an allowance is the original seller's document (G0401 Seller). Null: the business's.</param>
    public static Built Allowance(OfflineAllowance a, string storeId, InvoicingOptions options, DateTimeOffset now, InvoiceParty? seller = null)
    {
        if (!InvoiceNumber.TryParse(a.OriginalNumber, out var original))
            return new(null, $"Allowance {a.Number}: original invoice {a.OriginalNumber} is not an invoice number; no G0401 was made.");
        var issuedLocal = TaiwanTime.Local(a.IssuedAt);
        var buyerId = ValidBuyer(a.BuyerTaxId, issuedLocal);
        var originalLocal = TaiwanTime.Local(a.OriginalIssuedAt);
        var allowance = new Allowance(a.Number, issuedLocal, seller ?? new InvoiceParty(options.SellerId, options.SellerName),
            buyerId is null ? null : new InvoiceParty(buyerId, buyerId),
            a.Items.Select(i => new AllowanceItem(originalLocal, original.Value, i.OriginalSequence, i.Description, i.Quantity, i.UnitPrice, i.Amount, i.Tax, i.TaxType)).ToList(),
            a.TaxAmount, a.TotalAmount);
        string xml;
        try
        {
            xml = G0401Message.ToXml(allowance, options.Mig);
        }
        catch (ArgumentException ex)
        {
            // The validator holds the contract's bounds; what is left here is a MIG rule the register broke.
            return new(null, $"Allowance {a.Number}: {ex.Message} No G0401 was made.");
        }
        return new(new PlatformMessage
        {
            Kind = PlatformMessageKinds.Allowance, Period = InvoicePeriod.Of(issuedLocal).Code, DocumentNumber = a.Number, StoreId = storeId, Xml = xml,
            DueAt = TaiwanTime.Instant(UploadDeadline.For(issuedLocal, buyerId is not null)).ToUniversalTime(), CreatedAt = now,
        }, null);
    }

    /// <summary>
    /// G0501 for a cancelled allowance: document = the allowance number, period = the allowance's own (as its G0401),
    /// AllowanceDate and buyer from the allowance the register sent again with the cancel; due by the rule
    /// counted from the cancel (§7④ "作廢…亦同").
    /// </summary>
    /// <param name="seller">The allowance's seller: the original invoice's as printed, as on its G0401. Null: the business's.</param>
    public static Built CancelAllowance(OfflineAllowanceCancel c, OfflineAllowance a, string storeId, InvoicingOptions options, DateTimeOffset now,
        InvoiceParty? seller = null)
    {
        var issuedLocal = TaiwanTime.Local(a.IssuedAt);
        var cancelledLocal = TaiwanTime.Local(c.CancelledAt);
        var buyerId = ValidBuyer(a.BuyerTaxId, issuedLocal);
        string xml;
        try
        {
            xml = G0501Message.ToXml(new AllowanceCancel(a.Number, issuedLocal, seller?.Identifier ?? options.SellerId, buyerId, cancelledLocal, c.Reason.Trim()), options.Mig);
        }
        catch (ArgumentException ex)
        {
            return new(null, $"Allowance cancel {a.Number}: {ex.Message} No G0501 was made.");
        }
        return new(new PlatformMessage
        {
            Kind = PlatformMessageKinds.CancelAllowance, Period = InvoicePeriod.Of(issuedLocal).Code, DocumentNumber = a.Number, StoreId = storeId, Xml = xml,
            DueAt = TaiwanTime.Instant(UploadDeadline.For(cancelledLocal, buyerId is not null)).ToUniversalTime(), CreatedAt = now,
        }, null);
    }

    /// <summary>Only a valid 統一編號 makes the document B2B (as for issued invoices).</summary>
    private static string? ValidBuyer(string? ban, DateTime local) =>
        ban is not null && TaxId.IsValid(ban, DateOnly.FromDateTime(local)) ? ban : null;
}
