using System.Globalization;

namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// A two-month invoice period (Jan–Feb … Nov–Dec). Identified by the ROC year and the even
/// end month, the way the MOF writes it: code <c>11312</c>, label <c>113年11-12月</c>.
/// </summary>
public readonly record struct InvoicePeriod
{
    private const int RocOffset = 1911;

    public InvoicePeriod(int rocYear, int endMonth)
    {
        if (rocYear is < 1 or > 999) throw new ArgumentOutOfRangeException(nameof(rocYear), rocYear, "ROC year must fit 3 digits.");
        if (endMonth is < 2 or > 12 || endMonth % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(endMonth), endMonth, "End month must be 2, 4, 6, 8, 10 or 12.");
        RocYear = rocYear;
        EndMonth = endMonth;
    }

    public int RocYear { get; }
    public int EndMonth { get; }
    public int StartMonth => EndMonth - 1;
    public int GregorianYear => RocYear + RocOffset;

    /// <summary>The period a sale on this (Taiwan local) date belongs to.</summary>
    public static InvoicePeriod Of(DateOnly date) => new(date.Year - RocOffset, (date.Month + 1) / 2 * 2);

    public static InvoicePeriod Of(DateTime localTime) => Of(DateOnly.FromDateTime(localTime));

    /// <summary>5 digits: ROC year (3, zero padded) + end month (2). Used in the Code 39 barcode and E0402.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{RocYear:D3}{EndMonth:D2}");

    /// <summary>The large line on the printed proof, e.g. <c>113年11-12月</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{RocYear}年{StartMonth:D2}-{EndMonth:D2}月");

    public DateOnly FirstDay => new(GregorianYear, StartMonth, 1);
    public DateOnly LastDay => new DateOnly(GregorianYear, EndMonth, 1).AddMonths(1).AddDays(-1);

    public bool Contains(DateOnly date) => Of(date) == this;

    // Periods roll over the year end: after 11312 comes 11402, before 11402 comes 11312.
    public InvoicePeriod Next() => EndMonth == 12 ? new(RocYear + 1, 2) : new(RocYear, EndMonth + 2);
    public InvoicePeriod Previous() => EndMonth == 2 ? new(RocYear - 1, 12) : new(RocYear, EndMonth - 2);

    public static bool TryParse(string? code, out InvoicePeriod period)
    {
        period = default;
        if (code is not { Length: 5 } || !code.All(char.IsAsciiDigit)) return false;
        var year = int.Parse(code.AsSpan(0, 3), CultureInfo.InvariantCulture);
        var month = int.Parse(code.AsSpan(3, 2), CultureInfo.InvariantCulture);
        if (year < 1 || month is < 2 or > 12 || month % 2 != 0) return false;
        period = new InvoicePeriod(year, month);
        return true;
    }

    public static InvoicePeriod Parse(string code) =>
        TryParse(code, out var p) ? p : throw new FormatException($"'{code}' is not a period code (yyyMM with an even month).");

    public override string ToString() => Code;
}
