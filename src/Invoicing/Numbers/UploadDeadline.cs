namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// When an issued invoice must be on the MOF platform (rule since 2025-01-01 as reported in
/// EINVOICE.md): B2C within 2 days, B2B within 7, counted from the day after issue. We read that
/// as "by the end of issue date + N days", Taiwan local time, and return the first instant past it.
/// </summary>
public static class UploadDeadline
{
    public const int B2CDays = 2;
    public const int B2BDays = 7;

    /// <returns>The local (Asia/Taipei) midnight at which the window closes.</returns>
    public static DateTime For(DateTime issuedLocal, bool isB2B) =>
        issuedLocal.Date.AddDays((isB2B ? B2BDays : B2CDays) + 1);
}
