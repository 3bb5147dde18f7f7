namespace PosCloud.Contracts.Invoices;

/// <summary>
/// Bounds of the invoice as issued (<see cref="Batches.OfflineInvoice"/>): the cloud's validator and its columns use
/// the same numbers. They fit both MIG versions we emit: F0401 4.1 allows Description ≤ 500 and decimals (20,7); 4.0
/// is taken as ≤ 256 [unconfirmed for 4.0], so 256 is accepted and stored.
/// </summary>
public static class InvoiceLimits
{
    public const int MaxItemDescriptionLength = 256;
    /// <summary>F0401 allows 9999 ProductItems; a register's order has at most a few hundred lines.</summary>
    public const int MaxItems = 999;
    /// <summary>Quantity, unit price and amount per item (whole invoice ≤ 10 digits of NT$ before the point).</summary>
    public const decimal MaxItemValue = 10_000_000_000m;
    public const long MaxTotal = 99_999_999_999L;
    public static readonly IReadOnlySet<string> TaxTypes = new HashSet<string>(StringComparer.Ordinal) { "1", "2", "3" };
}
