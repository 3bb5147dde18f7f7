using PosCloud.Contracts.Stores;
using PosCloud.Contracts.Invoices;
using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Mig;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>What the clerk typed for the invoice's buyer, trimmed; null fields were left empty.</summary>
public sealed record BuyerInput(string? TaxId, string? Carrier, string? DonationCode)
{
    public static BuyerInput From(SaleInput sale) => new(Clean(sale.BuyerTaxId), Clean(sale.Carrier), Clean(sale.DonationCode));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>
/// The agent's e-invoice rules as pure functions: buyer field checks, the invoice as the library wants it, and
/// whether a paper proof is printed (which blocks are this register's and what is left of them: NumberRangeRules).
/// Formats only: whether a carrier or tax id exists needs the MOF's online lookup, never done offline.
/// </summary>
public static class InvoiceRules
{
    /// <summary>Every problem with the buyer fields, each naming its field, in zh-TW and English.</summary>
    public static IReadOnlyList<SaleError> ValidateBuyer(BuyerInput buyer, DateOnly saleDate)
    {
        var errors = new List<SaleError>();
        if (buyer.TaxId == TaxId.ConsumerZeros)
            errors.Add(new("buyerTaxId", "buyerTaxId.consumerZeros", "00000000 不是統一編號；一般消費者請留空 (00000000 is not a company's tax id; leave it empty for a consumer)."));
        else if (buyer.TaxId is { } ban && !TaxId.IsValid(ban, saleDate))
            errors.Add(new("buyerTaxId", "buyerTaxId.malformed", "統一編號須為 8 位數字且檢查碼正確 (a buyer tax id is 8 digits with a valid checksum)."));
        if (buyer.Carrier is { } carrier && CarrierTypeOf(carrier) is null)
            errors.Add(new("carrier", "carrier.malformed", "手機條碼為 / 加 7 碼大寫英數字或 + - . (a mobile barcode is / and 7 of A-Z 0-9 + - .), 自然人憑證為 2 碼大寫英文加 14 碼數字."));
        if (buyer.DonationCode is { } npoban && !BuyerCodes.IsDonationCode(npoban))
            errors.Add(new("donationCode", "donationCode.malformed", "愛心碼為 3 到 7 位數字 (a donation code is 3 to 7 digits)."));
        // A company's invoice cannot be donated, and a donated invoice is not stored on a buyer's carrier.
        if (buyer.DonationCode is not null && buyer.TaxId is not null)
            errors.Add(new("donationCode", "donationCode.withTaxId", "打統編的發票不能捐贈 (an invoice with a buyer tax id cannot be donated)."));
        if (buyer.DonationCode is not null && buyer.Carrier is not null)
            errors.Add(new("donationCode", "donationCode.withCarrier", "載具與捐贈只能擇一 (choose a carrier or a donation, not both)."));
        return errors;
    }

    /// <summary>Invoices are issued in whole NT$: a total with cents cannot be put on one.</summary>
    public static SaleError? ValidateTotal(decimal total) =>
        decimal.Truncate(total) == total ? null
            : new("total", "total.notWholeDollars", "發票金額須為整數元 (an invoice total must be whole NT$).");

    /// <summary>MIG CarrierType of a carrier code, or null when it is neither a mobile barcode nor a citizen certificate.</summary>
    public static string? CarrierTypeOf(string code) =>
        BuyerCodes.IsMobileBarcode(code) ? BuyerCodes.MobileBarcodeCarrierType
        : BuyerCodes.IsCitizenCertificate(code) ? BuyerCodes.CitizenCertificateCarrierType
        : null;

    /// <summary>
    /// The paper proof is printed only when the invoice goes to nobody's carrier and is not donated:
    /// a carrier or donated invoice must not also exist on paper (it could be claimed twice).
    /// </summary>
    public static bool PrintsProof(LocalOrder order) => order.CarrierId is null && order.DonationCode is null;

    /// <summary>
    /// 列印明細: a buyer with a tax id always gets the 交易明細 slip (MOF); anyone else when the clerk ticked it, or, when
    /// the screen sent nothing, by the register's default.
    /// </summary>
    public static bool PrintsItems(bool? ticked, bool byDefault, string? buyerTaxId) => buyerTaxId is not null || (ticked ?? byDefault);

    /// <summary>
    /// The seller this register prints for its store: the snapshot's own 統一編號 and name when the cloud gave a valid
    /// pair (master data is checked at the cloud; a malformed one is never printed), else the business's from settings,
    /// with the store's seller name when only that was given (a branch's name under the business's id).
    /// </summary>
    public static InvoiceParty SellerFor(StoreSnapshot? snapshot, InvoicingOptions options)
    {
        var ownId = StoreSeller.Clean(snapshot?.SellerTaxId);
        var name = StoreSeller.Clean(snapshot?.SellerName);
        // The cloud's own check (StoreSeller.Validate), again: an id must pass the checksum and come with its name.
        if (StoreSeller.Validate(ownId, name).Count > 0) return new InvoiceParty(options.SellerId, options.SellerName);
        return StoreSeller.Resolve(ownId, name, options.SellerId, options.SellerName);
    }

    /// <summary>The seller a sale printed: as stored with it, or (sales before seller-per-store) the business's.</summary>
    public static InvoiceParty SellerOf(LocalOrder order, InvoicingOptions options) =>
        order.SellerTaxId is { } id ? new InvoiceParty(id, order.SellerName ?? options.SellerName) : new InvoiceParty(options.SellerId, options.SellerName);

    /// <summary>The clerk-facing refusal for an allocation that did not give a number, zh-TW and English.</summary>
    public static InvoiceRefusedException Refusal(NumberAllocation refusal) => refusal switch
    {
        NumberAllocation.BlockExhausted b => new("invoice.blockExhausted",
            $"本期發票號碼已用完，無法開立發票，請聯絡總部配號 (the invoice numbers of period {b.Block.Period.Code} are used up, the last was {b.Block.Last}; ask HQ for a new block). 此筆銷售未儲存 (the sale was not saved)."),
        NumberAllocation.NoBlockForPeriod p => new("invoice.noBlock",
            $"沒有 {p.Period.Label} 的發票號碼，請連線取得總部配號 (no invoice numbers for period {p.Period.Code}: connect to the cloud to get the block HQ assigned). 此筆銷售未儲存 (the sale was not saved)."),
        NumberAllocation.LastUsedOutsideBlock o => new("invoice.stateInconsistent",
            $"發票號碼紀錄不一致，請聯絡總部 (the last used number {o.LastUsed} is outside block {o.Block}; refusing to guess). 此筆銷售未儲存 (the sale was not saved)."),
        _ => new("invoice.refused", refusal.Message),
    };

    /// <summary>What the invoice prints (proof, QR codes, detail slip) and what is uploaded as issued: one source for both.</summary>
    public sealed record Printed(IReadOnlyList<InvoiceItem> Items, long? SalesAmount, long TaxAmount, long TotalAmount);

    /// <summary>
    /// The items and totals as printed: the name the clerk saw or typed (the SKU when there was none), cut to the
    /// invoice's description limit; whole dollars; B2B separates the 5% tax, B2C does not. The upload sends exactly
    /// this, so the cloud's F0401 says what the proof and its QR codes said.
    /// </summary>
    public static Printed AsPrinted(LocalOrder order)
    {
        var total = (long)decimal.Round(order.Total, 0, MidpointRounding.AwayFromZero);
        var items = order.Lines.OrderBy(l => l.LineNumber)
            .Select(l => new InvoiceItem(Description(l), l.Quantity, l.UnitPrice, l.Quantity * l.UnitPrice, TaxType: F0401Message.TaxableType)).ToList();
        var (sales, tax) = order.BuyerTaxId is null ? ((long?)null, 0L) : TaxSplit.FromTaxIncluded(total);
        return new Printed(items, sales, tax, total);
    }

    private static string Description(LocalLine line)
    {
        var name = string.IsNullOrWhiteSpace(line.Name) ? line.Sku : line.Name.Trim();
        return name.Length <= InvoiceLimits.MaxItemDescriptionLength ? name : name[..InvoiceLimits.MaxItemDescriptionLength];
    }

    /// <summary>The sale as the library's invoice: whole dollars; B2B separates the 5% tax, B2C does not.</summary>
    public static InvoiceDocument ToInvoice(LocalOrder order, InvoicingOptions options)
    {
        if (order.InvoiceNumber is null || order.InvoiceRandomCode is null)
            throw new InvalidOperationException($"Order {order.Id} has no invoice.");
        var (items, sales, tax, total) = AsPrinted(order);
        var seller = SellerOf(order, options);
        // Offline the buyer's registered name is unknown; the tax id stands in for it (the proof prints only the id).
        var buyer = order.BuyerTaxId is { } ban ? new InvoiceParty(ban, ban) : null;
        var carrier = order.CarrierType is { } type && order.CarrierId is { } id ? new InvoiceCarrier(type, id, id) : null;
        return new InvoiceDocument(InvoiceNumber.Parse(order.InvoiceNumber), TaiwanTime.Local(order.InvoiceIssuedAt ?? order.SoldAt),
            order.InvoiceRandomCode, seller, buyer, items, sales, tax, total, carrier, order.DonationCode);
    }
}

/// <summary>The register may not issue this invoice; the sale is rolled back and the clerk is told why.</summary>
public sealed class InvoiceRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
