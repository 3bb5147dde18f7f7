namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// When an issued invoice must be on the MOF platform. The tax bureau (南區國稅局, 2025-10) words it
/// as: B2B within 7 days counted from the day after issue; B2C "within two days of issue", which
/// service providers implement as 48 hours from the moment of issue. We take the earlier reading for
/// B2C (issue time + 48 h) so a register is never told it has more time than it may have.
/// </summary>
public static class UploadDeadline
{
    public const int B2CHours = 48;
    public const int B2BDays = 7;

    /// <returns>The Taiwan local instant the upload window closes.</returns>
    public static DateTime For(DateTime issuedLocal, bool isB2B) =>
        isB2B ? issuedLocal.Date.AddDays(B2BDays + 1) : issuedLocal.AddHours(B2CHours);
}
