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
    public void A_cap_without_a_pin_is_a_warning() =>
        Assert.Single(OptionsChecks.Warnings(new AgentOptions { OfflineSaleCap = 100, ManagerPin = null }));
}
