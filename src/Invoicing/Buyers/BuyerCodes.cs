using System.Text.RegularExpressions;

namespace PosCloud.Invoicing.Buyers;

/// <summary>Format checks for what a clerk types or scans at checkout. Formats only, no lookups.</summary>
public static partial class BuyerCodes
{
    /// <summary>CarrierType of a mobile barcode (手機條碼) in MIG messages.</summary>
    public const string MobileBarcodeCarrierType = "3J0002";

    /// <summary>CarrierType of a citizen digital certificate (自然人憑證).</summary>
    public const string CitizenCertificateCarrierType = "CQ0001";

    /// <summary><c>/</c> + 7 of A–Z 0–9 + - . — scanners send it as is; we do not upper-case for the clerk.</summary>
    public static bool IsMobileBarcode(string? code) => code is not null && MobileBarcodePattern().IsMatch(code);

    /// <summary>Two upper-case letters + 14 digits.</summary>
    public static bool IsCitizenCertificate(string? code) => code is not null && CitizenCertificatePattern().IsMatch(code);

    /// <summary>愛心碼: 3 to 7 digits.</summary>
    public static bool IsDonationCode(string? code) => code is not null && DonationCodePattern().IsMatch(code);

    [GeneratedRegex("^/[A-Z0-9+.-]{7}$")]
    private static partial Regex MobileBarcodePattern();

    [GeneratedRegex("^[A-Z]{2}[0-9]{14}$")]
    private static partial Regex CitizenCertificatePattern();

    [GeneratedRegex("^[0-9]{3,7}$")]
    private static partial Regex DonationCodePattern();
}
