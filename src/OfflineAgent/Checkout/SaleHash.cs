using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Checkout;

/// <summary>
/// The register's hash chain: each sale's hash is SHA-256 over its canonical content, which includes
/// the previous sale's hash. A sale deleted or edited at the store breaks every later link, and the
/// cloud (which sees previousHash) notices a sale that never arrived.
/// </summary>
public static class SaleHash
{
    /// <summary>
    /// One line per fact, invariant culture, UTC times, money with 2 decimals: the same sale always
    /// gives the same text, on any machine and in any culture.
    /// </summary>
    public static string Canonical(LocalOrder o)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("v1\n");
        sb.Append("order:").Append(o.Id.ToString("D")).Append('\n');
        sb.Append("register:").Append(o.StoreId).Append('/').Append(o.RegisterId).Append('#').Append(o.LocalNumber.ToString(c)).Append('\n');
        sb.Append("soldAt:").Append(o.SoldAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", c)).Append('\n');
        sb.Append("staff:").Append(o.StaffId).Append('\n');
        sb.Append("customer:").Append(o.CustomerPhone ?? "").Append('\n');
        foreach (var l in o.Lines.OrderBy(l => l.LineNumber))
            sb.Append("line:").Append(l.LineNumber.ToString(c)).Append('|').Append(l.Sku).Append('|').Append(l.Type.ToString())
              .Append('|').Append(Money(l.Quantity)).Append('|').Append(Money(l.UnitPrice)).Append('\n');
        foreach (var p in o.Payments.OrderBy(p => p.Sequence))
            sb.Append("pay:").Append(p.Method).Append('|').Append(Money(p.Amount)).Append('|').Append(p.Reference ?? "").Append('\n');
        sb.Append("total:").Append(Money(o.Total)).Append('\n');
        sb.Append("invoice:").Append(o.InvoiceNumber ?? "").Append('\n');
        sb.Append("previous:").Append(o.PreviousHash).Append('\n');
        return sb.ToString();
    }

    public static string Compute(LocalOrder order) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(order))));

    /// <summary>Checks a register's sales in localNumber order: the first broken link's number, or null when whole.</summary>
    public static long? FirstBrokenLink(IEnumerable<LocalOrder> ordersByNumber)
    {
        string? previous = null; // the first sale kept may follow sales already reset away
        long expected = 0;
        foreach (var o in ordersByNumber)
        {
            if (expected != 0 && o.LocalNumber != expected) return o.LocalNumber;
            if ((previous is not null && o.PreviousHash != previous) || Compute(o) != o.Hash) return o.LocalNumber;
            previous = o.Hash;
            expected = o.LocalNumber + 1;
        }
        return null;
    }

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
