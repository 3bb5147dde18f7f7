namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// When a message must be on the MOF platform, by the rule in force since 2025-01-01 (統一發票使用辦法 §7 as the tax
/// bureaus word it): counted in Taiwan calendar days from the day after issue — B2C within 2 days, B2B within 7 —
/// so the window closes at the end of (issue day + 2) or (issue day + 7), Asia/Taipei. No extension for weekends or
/// holidays. Cancels and allowances likewise. Blank numbers (E0402): within 10 days after the next period starts.
/// The result is the Taiwan local instant the window closes (midnight that ends the last day).
/// </summary>
public static class UploadDeadline
{
    public const int B2CDays = 2;
    public const int B2BDays = 7;
    public const int BlankNumberDays = 10;

    /// <param name="issuedLocal">Taiwan local time of issue.</param>
    public static DateTime For(DateTime issuedLocal, bool isB2B) =>
        issuedLocal.Date.AddDays((isB2B ? B2BDays : B2CDays) + 1);

    /// <summary>The last Taiwan day on which the upload is on time.</summary>
    public static DateOnly LastDay(DateOnly issued, bool isB2B) => issued.AddDays(isB2B ? B2BDays : B2CDays);

    /// <summary>E0402 of <paramref name="period"/>: the end of the 10th day of the next period (e.g. 11512 → end of 2027-01-10).</summary>
    public static DateTime ForBlankNumbers(InvoicePeriod period) =>
        period.Next().FirstDay.AddDays(BlankNumberDays).ToDateTime(TimeOnly.MinValue);
}
