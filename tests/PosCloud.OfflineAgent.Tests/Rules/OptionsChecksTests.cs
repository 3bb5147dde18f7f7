using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.Tests.Rules;

public sealed class OptionsChecksTests
{
    private static AgentOptions Agent() => new() { StoreId = "S001", RegisterId = "S001-R1", RegisterKey = "k", ManagerPin = "2468" };

    [Fact]
    public void Good_settings_have_no_problems() =>
        Assert.Empty(OptionsChecks.Problems(new CloudOptions { BaseUrl = "http://127.0.0.1:5080/" }, Agent(), new UploadOptions()));

    [Fact]
    public void Problems_are_said_in_words()
    {
        var problems = OptionsChecks.Problems(new CloudOptions { BaseUrl = "cloud" }, new AgentOptions { StoreId = "S001", RegisterId = "S002-R1", ManagerPin = "12" }, new UploadOptions());
        Assert.Contains(problems, p => p.Contains("Cloud:BaseUrl 'cloud'"));
        Assert.Contains(problems, p => p.Contains("does not belong to Agent:StoreId 'S001'"));
        Assert.Contains(problems, p => p.Contains("Agent:ManagerPin must be 4-8 digits"));
    }

    [Fact]
    public void A_cap_without_a_pin_stops_the_start() =>
        Assert.Contains(OptionsChecks.Problems(new CloudOptions { BaseUrl = "http://x/" }, new AgentOptions { StoreId = "S001", RegisterId = "S001-R1", OfflineSaleCap = 100 }, new UploadOptions()),
            p => p.Contains("Agent:OfflineSaleCap is 100 but no manager PIN"));

    [Theory]
    [InlineData(null, null, 0)]        // no PIN, no cap set: off
    [InlineData(null, "2468", 30000)]  // a PIN: the default cap
    [InlineData(0, "2468", 0)]         // explicitly off
    [InlineData(5000, "2468", 5000)]
    public void The_cap_in_force_follows_the_pin(int? cap, string? pin, int expected) =>
        Assert.Equal(expected, new AgentOptions { OfflineSaleCap = cap, ManagerPin = pin }.EffectiveSaleCap);

    [Fact]
    public void A_cap_of_zero_without_a_pin_is_fine() =>
        Assert.DoesNotContain(OptionsChecks.Problems(new CloudOptions { BaseUrl = "http://x/" }, new AgentOptions { StoreId = "S001", RegisterId = "S001-R1", OfflineSaleCap = 0 }, new UploadOptions()),
            p => p.Contains("OfflineSaleCap"));
}

public sealed class InvoicingOptionsChecksTests
{
    private static PosCloud.OfflineAgent.Invoicing.InvoicingOptions Good() =>
        new() { SellerId = "12345675", SellerName = "賣方", QrAesKey = "FE05F029154F6AA67A78B338ED2F6601" };

    [Theory]
    [InlineData(null)]
    [InlineData("tcp://127.0.0.1:9100")]
    [InlineData("printer.local")]
    [InlineData("/dev/usb/lp0")]
    public void Good_settings_have_no_problems(string? endpoint) =>
        Assert.Empty(PosCloud.OfflineAgent.Invoicing.InvoicingOptionsChecks.Problems(Good(), new() { Endpoint = endpoint }));

    [Fact]
    public void Problems_are_said_in_words_and_the_key_is_never_echoed()
    {
        var o = Good();
        o.SellerId = "12345678";
        o.QrAesKey = "SECRET-not-hex";
        o.LowNumbersWarning = -1;
        var problems = PosCloud.OfflineAgent.Invoicing.InvoicingOptionsChecks.Problems(o, new() { Endpoint = "tcp://host:99999", WriteTimeout = TimeSpan.Zero });
        Assert.Contains(problems, p => p.StartsWith("Invoicing:SellerId '12345678'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Invoicing:QrAesKey must be 32 hexadecimal", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Invoicing:LowNumbersWarning", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Printer:Endpoint 'tcp://host:99999'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Printer:ConnectTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("SECRET", StringComparison.Ordinal));
    }
}
