using PosCloud.Invoicing.Buyers;

namespace PosCloud.Invoicing.Invoices;

/// <summary>
/// The seller (賣方) of a store's invoices. A store may be its own business entity or a branch with its own 統一編號
/// (a chain where each shop is registered separately); it then issues under that id and its own name. A store without
/// one issues under the business's id (Invoicing:SellerId). One rule for the cloud (F0401, E0402) and the register
/// (proof, QR codes), so the two can never disagree.
/// </summary>
public static class StoreSeller
{
    /// <summary>MIG Seller/Name is 1–60 characters.</summary>
    public const int MaxNameLength = 60;

    /// <summary>
    /// The store's own id and name when it has an id; otherwise the business's id, with the store's seller name
    /// when it has one (a branch's printed name under the business's id) or else the business's name.
    /// </summary>
    public static InvoiceParty Resolve(string? storeTaxId, string? storeSellerName, string businessTaxId, string businessName)
    {
        var id = Clean(storeTaxId);
        var name = Clean(storeSellerName);
        return new InvoiceParty(id ?? businessTaxId, name ?? businessName);
    }

    /// <summary>
    /// Problems with a store's seller fields, keyed by the JSON field they concern (empty when fine). A tax id must pass
    /// the checksum (divisible-by-5 rule, which every id valid under the old ÷10 rule passes too) and comes with the
    /// name registered for it: F0401 needs both, and the business's name under another id would be wrong.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(string? storeTaxId, string? storeSellerName)
    {
        var errors = new Dictionary<string, string[]>();
        var id = Clean(storeTaxId);
        var name = Clean(storeSellerName);
        if (id is not null && !TaxId.IsValid(id, TaxIdRule.DivisibleBy5))
            errors["sellerTaxId"] = [$"sellerTaxId '{Shorten(id)}' is not a 統一編號: 8 digits whose weighted digit sum (1,2,1,2,1,2,4,1) is divisible by 5 (00000000 is not one)."];
        if (name is { Length: > MaxNameLength })
            errors["sellerName"] = [$"sellerName is at most {MaxNameLength} characters (MIG Seller/Name)."];
        else if (id is not null && name is null)
            errors["sellerName"] = ["sellerName is required with sellerTaxId: the name registered for that 統一編號 (F0401 Seller/Name)."];
        return errors;
    }

    /// <summary>Trimmed; null when empty.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
