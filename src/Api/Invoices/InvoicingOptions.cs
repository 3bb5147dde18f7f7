using PosCloud.Invoicing.Buyers;
using PosCloud.Invoicing.Mig;

namespace PosCloud.Api.Invoices;

/// <summary>Settings of section Invoicing: who the seller is on every F0401 and E0402.</summary>
public sealed class InvoicingOptions
{
    public const string Section = "Invoicing";

    /// <summary>The business's 統一編號 (8 digits, checksum checked at start-up). Also the head/branch id of E0402.</summary>
    public string SellerId { get; set; } = "";

    /// <summary>The seller's name as registered (F0401 Seller/Name).</summary>
    public string SellerName { get; set; } = "";

    /// <summary>The MIG version of F0401 and E0402: "4.1" (current, the default) or "4.0".</summary>
    public string MigVersion { get; set; } = "4.1";

    /// <summary>Days into the next period after which a period's blank numbers count as known and its E0402 messages
    /// are added (0–9: E0402 is due by the end of the 10th day). Default 3.</summary>
    public int BlankNumbersAfterDays { get; set; } = 3;

    /// <summary>How often the Api looks for a closed period whose E0402 messages are missing. Default one hour.</summary>
    public TimeSpan BlankNumbersCheckInterval { get; set; } = TimeSpan.FromHours(1);

    public MigVersion Mig => MigVersions.TryParse(MigVersion, out var v) ? v : MigVersions.Default;
}

public static class InvoicingServiceExtensions
{
    public static IServiceCollection AddInvoicing(this IServiceCollection services)
    {
        services.AddOptions<InvoicingOptions>().BindConfiguration(InvoicingOptions.Section)
            // Divisible-by-5 is the rule since 2023-04-01, and every id valid under the old ÷10 rule passes it too.
            .Validate(o => TaxId.IsValid(o.SellerId, TaxIdRule.DivisibleBy5),
                "Invoicing:SellerId must be the seller's 統一編號: 8 digits whose weighted digit sum (1,2,1,2,1,2,4,1) is divisible by 5.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SellerName), "Invoicing:SellerName is required (F0401 Seller/Name).")
            .Validate(o => MigVersions.TryParse(o.MigVersion, out _), "Invoicing:MigVersion must be \"4.1\" (current) or \"4.0\".")
            .Validate(o => o.BlankNumbersAfterDays is >= 0 and <= 9, "Invoicing:BlankNumbersAfterDays must be 0–9 (E0402 is due by the end of the 10th day of the next period).")
            .Validate(o => o.BlankNumbersCheckInterval >= TimeSpan.FromMilliseconds(50) && o.BlankNumbersCheckInterval <= TimeSpan.FromDays(1),
                "Invoicing:BlankNumbersCheckInterval must be between 00:00:00.050 and 1.00:00:00.")
            .ValidateOnStart();
        services.AddScoped<IssuedInvoiceRecorder>();
        services.AddHostedService<BlankNumbersScheduler>();
        return services;
    }
}
