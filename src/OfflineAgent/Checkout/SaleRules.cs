using System.Text.RegularExpressions;
using PosCloud.Contracts;
using PosCloud.Contracts.Stores;

namespace PosCloud.OfflineAgent.Checkout;

/// <summary>A problem with what the clerk entered. Code is stable (the screen translates it); Field names the line.</summary>
public sealed record SaleError(string Field, string Code, string Message);

public sealed record SaleLineInput(string? Sku, string? Name, LineType Type, decimal Quantity, decimal UnitPrice);

/// <param name="PaymentMethod">"cash" or "card".</param>
/// <param name="CashTendered">Cash handed over (cash only); must cover the total.</param>
/// <param name="CardReference">Card slip / terminal reference (card only).</param>
/// <param name="BuyerTaxId">統一編號 of a company buyer (B2B invoice).</param>
/// <param name="Carrier">Mobile barcode (/ + 7) or citizen certificate the invoice goes to instead of paper.</param>
/// <param name="DonationCode">愛心碼 when the buyer donates the invoice.</param>
/// <param name="PrintItems">列印明細: print the 交易明細 slip after the proof; null = the register's default
/// (Invoicing:PrintItemsByDefault). Always on for a buyer with a tax id, whatever is sent.</param>
public sealed record SaleInput(
    string? StaffId,
    string? CustomerPhone,
    IReadOnlyList<SaleLineInput>? Lines,
    string? PaymentMethod,
    decimal? CashTendered,
    string? CardReference,
    string? ManagerPin = null,
    string? BuyerTaxId = null,
    string? Carrier = null,
    string? DonationCode = null,
    bool? PrintItems = null);

public sealed record SaleLimits(decimal MaxUnitPrice, decimal MaxQuantity, int MaxLines = 200);

/// <summary>
/// The checkout's rules as pure functions, so every one is unit-tested and the screen and the
/// server agree. The cloud validates again; these catch typos while the customer is still there.
/// </summary>
public static partial class SaleRules
{
    // Letters, digits and - _ . / : what SKUs and EAN-13 barcodes are made of. Anything else is a
    // scanner in the wrong keyboard layout or a stray keystroke.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^09[0-9]{8}$")]
    private static partial Regex MobilePattern();

    public static string NormalizeSku(string? sku) => (sku ?? "").Trim().ToUpperInvariant();

    public static SaleError? ValidateSku(string? sku, string field = "sku")
    {
        var s = (sku ?? "").Trim();
        if (s.Length == 0) return new(field, "sku.empty", "Scan or type a SKU.");
        if (!SkuPattern().IsMatch(s)) return new(field, "sku.malformed", $"'{Shorten(s)}' is not a SKU (letters, digits, - _ . / only, at most 64).");
        return null;
    }

    /// <summary>Taiwan mobile numbers 09xxxxxxxx; spaces and dashes are forgiven.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits;
    }

    public static bool IsMobile(string phone) => MobilePattern().IsMatch(phone);

    public static IReadOnlyList<SaleError> ValidateLine(SaleLineInput line, int index, SaleLimits limits)
    {
        var errors = new List<SaleError>();
        var at = $"lines[{index}]";
        if (ValidateSku(line.Sku, $"{at}.sku") is { } skuError) errors.Add(skuError);
        if (!Enum.IsDefined(line.Type)) errors.Add(new($"{at}.type", "type.invalid", "Pick 一般價格, 加價購 or 滿額贈."));
        if (line.Quantity <= 0) errors.Add(new($"{at}.quantity", "quantity.zero", "Quantity must be at least 1."));
        else if (line.Quantity > limits.MaxQuantity) errors.Add(new($"{at}.quantity", "quantity.absurd", $"Quantity above {limits.MaxQuantity} looks like a scan into the wrong field."));
        else if (decimal.Truncate(line.Quantity) != line.Quantity) errors.Add(new($"{at}.quantity", "quantity.fraction", "Quantity must be a whole number."));
        if (line.UnitPrice < 0) errors.Add(new($"{at}.unitPrice", "price.negative", "A price cannot be negative."));
        else if (line.UnitPrice > limits.MaxUnitPrice) errors.Add(new($"{at}.unitPrice", "price.absurd", $"A unit price above {limits.MaxUnitPrice:0} looks like a typo."));
        else if (decimal.Round(line.UnitPrice, 2) != line.UnitPrice) errors.Add(new($"{at}.unitPrice", "price.decimals", "A price may have at most 2 decimals."));
        return errors;
    }

    public static decimal Total(IEnumerable<SaleLineInput> lines) => lines.Sum(l => l.Quantity * l.UnitPrice);

    /// <summary>Cash: change = tendered − total, never negative. Null when not enough was handed over.</summary>
    public static decimal? ChangeDue(decimal total, decimal tendered) => tendered >= total ? tendered - total : null;

    public static bool NeedsManagerApproval(decimal total, decimal cap) => cap > 0 && total > cap;

    /// <summary>Every problem with the sale, or none. The staff list is the snapshot's (empty: any id accepted).</summary>
    public static IReadOnlyList<SaleError> ValidateSale(SaleInput sale, SaleLimits limits, IReadOnlySet<string> knownStaff)
    {
        var errors = new List<SaleError>();
        if (string.IsNullOrWhiteSpace(sale.StaffId)) errors.Add(new("staffId", "staff.required", "Sign in a staff member first."));
        else if (knownStaff.Count > 0 && !knownStaff.Contains(sale.StaffId)) errors.Add(new("staffId", "staff.unknown", $"Staff {sale.StaffId} is not in this store's list."));
        var phone = NormalizePhone(sale.CustomerPhone);
        if (phone is not null && !IsMobile(phone)) errors.Add(new("customerPhone", "phone.malformed", "A member phone looks like 09xxxxxxxx."));

        var lines = sale.Lines ?? [];
        if (lines.Count == 0) errors.Add(new("lines", "lines.empty", "Scan at least one item."));
        if (lines.Count > limits.MaxLines) errors.Add(new("lines", "lines.tooMany", $"At most {limits.MaxLines} lines in one sale."));
        for (var i = 0; i < lines.Count; i++) errors.AddRange(ValidateLine(lines[i], i, limits));
        if (errors.Count > 0) return errors;

        var total = Total(lines);
        switch (sale.PaymentMethod)
        {
            case "cash":
                if (sale.CashTendered is not { } tendered) errors.Add(new("cashTendered", "cash.required", "Enter the cash received."));
                else if (tendered < 0 || ChangeDue(total, tendered) is null) errors.Add(new("cashTendered", "cash.short", $"Cash received must cover the total {total:0.##}."));
                break;
            case "card":
                if (string.IsNullOrWhiteSpace(sale.CardReference)) errors.Add(new("cardReference", "card.reference", "Enter the card slip's reference."));
                break;
            default:
                errors.Add(new("paymentMethod", "payment.method", "Pick cash or card."));
                break;
        }
        return errors;
    }

    /// <summary>The snapshot's price for a line type: regular → list, add-on → add-on price (list when none), gift → 0.</summary>
    public static decimal CatalogPrice(SnapshotProduct product, LineType type) => type switch
    {
        LineType.AddOn => product.AddOnPrice ?? product.ListPrice,
        LineType.Gift => 0m,
        _ => product.ListPrice,
    };

    /// <summary>"catalog" when what was sold is exactly the cached catalog's name and price; otherwise "typed".</summary>
    public static string PriceSource(SnapshotProduct? product, SaleLineInput line) =>
        product is not null && line.UnitPrice == CatalogPrice(product, line.Type) ? "catalog" : "typed";

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
