using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Codes;
using PosCloud.Printing;

namespace PosCloud.OfflineAgent.Invoicing;

/// <summary>
/// Section "Invoicing": the seller on every proof and the QR key. SellerId / SellerName are the names
/// the cloud Api binds (src/Api/Invoices/InvoicingOptions.cs), so one settings file can serve both.
/// </summary>
public sealed class InvoicingOptions
{
    public const string Section = "Invoicing";

    /// <summary>The business's 統一編號 (8 digits + checksum): 賣方 on the proof and in the left QR code.</summary>
    public string SellerId { get; set; } = "";

    /// <summary>The seller's registered name (top line of the proof when the snapshot has no store name).</summary>
    public string SellerName { get; set; } = "";

    /// <summary>32 hex characters (AES-128) derived on the MOF platform from the QRcode 密碼種子. Never logged.</summary>
    public string QrAesKey { get; set; } = "";

    /// <summary>
    /// The AES key of each other seller this register may issue for (a store with its own 統一編號 has its own QRcode
    /// 密碼種子 on the MOF platform), by that 統一編號; a seller not listed uses <see cref="QrAesKey"/>. Never logged.
    /// </summary>
    public Dictionary<string, string> QrAesKeys { get; set; } = [];

    /// <summary>Warn the clerk when fewer numbers than this remain in the register's blocks of the current period. 0 = never.</summary>
    public int LowNumbersWarning { get; set; } = 50;

    /// <summary>Whether 「列印明細」 starts ticked for each sale (the 交易明細 slip after the proof). Off by default: the MOF
    /// prints the item list only when the buyer asks; a buyer with a tax id always gets it.</summary>
    public bool PrintItemsByDefault { get; set; }

    internal QrVerificationKey Key() => QrVerificationKey.FromHex(QrAesKey);

    /// <summary>The key for the verification field of <paramref name="sellerId"/>'s invoices.</summary>
    internal QrVerificationKey Key(string sellerId) =>
        QrAesKeys.TryGetValue(sellerId, out var own) ? QrVerificationKey.FromHex(own) : Key();
}

/// <summary>Section "Printer": where the receipt printer is. No endpoint: nothing is printed, the preview still works.</summary>
public sealed class PrinterOptions
{
    public const string Section = "Printer";

    /// <summary><c>tcp://host:9100</c>, <c>host:port</c> or a device path like /dev/usb/lp0; empty = no printer.</summary>
    public string? Endpoint { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle printer is asked for its status (paper out shows before the next sale). 0 = only when printing.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between retries of a failed print.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Endpoint);

    internal ReceiptPrinterOptions ToDriverOptions() => new(PrinterEndpoint.Parse(Endpoint!))
    {
        ConnectTimeout = ConnectTimeout,
        WriteTimeout = WriteTimeout,
        StatusTimeout = StatusTimeout,
    };
}

/// <summary>Start-up checks of the two sections, in the words of <see cref="Hosting.OptionsChecks"/>.</summary>
public static class InvoicingOptionsChecks
{
    public static IReadOnlyList<string> Problems(InvoicingOptions invoicing, PrinterOptions printer)
    {
        var problems = new List<string>();
        // Divisible-by-5 is the rule since 2023-04-01, and every id valid under the old ÷10 rule passes it too.
        if (!TaxId.IsValid(invoicing.SellerId, TaxIdRule.DivisibleBy5))
            problems.Add($"Invoicing:SellerId '{invoicing.SellerId}' must be the seller's 統一編號: 8 digits whose weighted digit sum (1,2,1,2,1,2,4,1) is divisible by 5.");
        if (string.IsNullOrWhiteSpace(invoicing.SellerName))
            problems.Add("Invoicing:SellerName is required (the seller's registered name).");
        try { invoicing.Key(); }
        catch (Exception e) when (e is FormatException or ArgumentNullException)
        {
            // Never echo the value: it is a secret.
            problems.Add("Invoicing:QrAesKey must be 32 hexadecimal characters (the AES key from the MOF platform's QRcode 密碼種子).");
        }
        foreach (var (sellerId, key) in invoicing.QrAesKeys)
        {
            if (!TaxId.IsValid(sellerId, TaxIdRule.DivisibleBy5))
                problems.Add($"Invoicing:QrAesKeys:{sellerId} is not under a 統一編號 (8 digits + checksum): name each key by the seller it belongs to.");
            try { QrVerificationKey.FromHex(key); }
            catch (Exception e) when (e is FormatException or ArgumentNullException or ArgumentException)
            {
                problems.Add($"Invoicing:QrAesKeys:{sellerId} must be 32 hexadecimal characters (that seller's QRcode 密碼種子 key).");
            }
        }
        if (invoicing.LowNumbersWarning < 0)
            problems.Add("Invoicing:LowNumbersWarning must be 0 (off) or more.");
        if (printer.Configured)
        {
            var text = printer.Endpoint!.Trim();
            PrinterEndpoint? endpoint = null;
            try { endpoint = PrinterEndpoint.Parse(text); } catch (ArgumentException) { }
            if (endpoint is PrinterEndpoint.Network net && (net.Port is < 1 or > 65535 || string.IsNullOrWhiteSpace(net.Host) || net.Host.Contains('/')))
                endpoint = null;
            if (endpoint is null)
                problems.Add($"Printer:Endpoint '{text}' is neither tcp://host:port nor an absolute device path like /dev/usb/lp0.");
        }
        if (printer.ConnectTimeout <= TimeSpan.Zero || printer.WriteTimeout <= TimeSpan.Zero || printer.StatusTimeout <= TimeSpan.Zero || printer.RetryMax <= TimeSpan.Zero)
            problems.Add("Printer:ConnectTimeout, Printer:WriteTimeout, Printer:StatusTimeout and Printer:RetryMax must be positive times like 00:00:03.");
        if (printer.StatusInterval < TimeSpan.Zero)
            problems.Add("Printer:StatusInterval must be 0 (off) or a positive time.");
        return problems;
    }
}
