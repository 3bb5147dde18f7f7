using System.Globalization;
using System.Security.Cryptography;

namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// The 4-digit random code (隨機碼) printed on the proof and needed to claim a prize. Always
/// exactly four digits 0000–9999: a known bug in public code draws 1..10000 and can print five.
/// </summary>
public static class RandomCode
{
    public static string New() => Format(RandomNumberGenerator.GetInt32(0, 10_000));

    /// <summary>Formats a drawn value; exposed so the range rule is testable without randomness.</summary>
    public static string Format(int value) =>
        value is >= 0 and <= 9_999
            ? value.ToString("D4", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Random code must be 0..9999.");

    public static bool IsValid(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
}
