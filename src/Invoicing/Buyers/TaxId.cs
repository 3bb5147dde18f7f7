namespace PosCloud.Invoicing.Buyers;

/// <summary>Which checksum rule a 統一編號 is judged by.</summary>
public enum TaxIdRule
{
    /// <summary>Before 2023-04-01: the weighted sum must be divisible by 10.</summary>
    DivisibleBy10,
    /// <summary>From 2023-04-01 (numbers ran out, MOF widened the space): divisible by 5.</summary>
    DivisibleBy5,
}

/// <summary>
/// Buyer tax id (統一編號) format and checksum. Format only: whether the company exists needs the
/// MOF's online lookup, which must never block an offline sale.
/// </summary>
public static class TaxId
{
    /// <summary>The day the divisible-by-5 rule took effect.</summary>
    public static readonly DateOnly Mod5Since = new(2023, 4, 1);

    private static readonly int[] Weights = [1, 2, 1, 2, 1, 2, 4, 1];

    public static TaxIdRule RuleOn(DateOnly date) => date >= Mod5Since ? TaxIdRule.DivisibleBy5 : TaxIdRule.DivisibleBy10;

    /// <summary>Valid under the rule in force on <paramref name="asOf"/>.</summary>
    public static bool IsValid(string? id, DateOnly asOf) => IsValid(id, RuleOn(asOf));

    /// <summary>
    /// Eight zeros pass the checksum (sum 0) but are the QR code's consumer buyer: a 格式 25 invoice with them could not
    /// be told from a B2C one. Never a company's 統一編號.
    /// </summary>
    public const string ConsumerZeros = "00000000";

    public static bool IsValid(string? id, TaxIdRule rule)
    {
        if (id is not { Length: 8 } || !id.All(char.IsAsciiDigit) || id == ConsumerZeros) return false;
        var divisor = rule == TaxIdRule.DivisibleBy5 ? 5 : 10;
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var product = (id[i] - '0') * Weights[i];
            sum += product / 10 + product % 10; // add the digits of each product
        }
        if (sum % divisor == 0) return true;
        // 7th digit 7: its product 28 has digit sum 10, which may be taken as 1 or as 0
        // (the sum above used 10; 10 ≡ 0 for both divisors, so try the "1" reading too).
        return id[6] == '7' && (sum + 1) % divisor == 0;
    }
}
