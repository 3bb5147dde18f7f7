using System.ComponentModel.DataAnnotations;
using PosCloud.Api.Hosting;

namespace PosCloud.UnitTests.Hosting;

public sealed class ForwardedHeadersSettingsTests
{
    private static List<string> Problems(ForwardedHeadersSettings s)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(s, new ValidationContext(s), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void Addresses_and_CIDR_networks_are_accepted() =>
        Assert.Empty(Problems(new() { KnownProxies = ["10.0.0.5", "::1"], KnownNetworks = ["10.0.0.0/24", "fd00::/8"] }));

    [Fact]
    public void A_name_or_a_bad_network_is_named_in_the_problem()
    {
        var problems = Problems(new() { KnownProxies = ["proxy.local"], KnownNetworks = ["10.0.0.0/99"] });
        Assert.Contains(problems, p => p.Contains("'proxy.local' is not an IP address"));
        Assert.Contains(problems, p => p.Contains("'10.0.0.0/99' is not a network in CIDR notation"));
    }
}
