using System.ComponentModel.DataAnnotations;
using PosCloud.Core.Seeding;

namespace PosCloud.Api.Hosting;

/// <summary>Section "Demo": the embedded first run's demo data.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    /// <summary>The API key of the demo register S001-R1 (environment Demo__RegisterKey).</summary>
    [Required, MinLength(8)] public string RegisterKey { get; set; } = DemoSeeder.DefaultDemoRegisterKey;
    /// <summary>The API key of S004-R3, the register the README and Swagger examples upload as (environment Demo__ExampleRegisterKey).</summary>
    [Required, MinLength(8)] public string ExampleRegisterKey { get; set; } = DemoSeeder.DefaultExampleRegisterKey;
    /// <summary>An HQ key made with the demo data (environment Demo__HqKey), so the HQ endpoints can be tried.</summary>
    [Required, MinLength(8)] public string HqKey { get; set; } = DemoSeeder.DefaultDemoHqKey;
    /// <summary>
    /// Give every demo register a block of e-invoice numbers (track ZZ) in the current and the next
    /// period, so the store agent can sell out of the box (environment Demo__InvoiceNumbers).
    /// </summary>
    public bool InvoiceNumbers { get; set; } = true;
}
