using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosCloud.Core.Hosting;
using PosCloud.Core.Messaging;

namespace PosCloud.UnitTests.Hosting;

public class CloudHostTests
{
    private static string? NoEnvironment(string _) => null;

    [Fact]
    public void The_content_root_is_the_apps_folder_unless_one_is_given()
    {
        Assert.Equal(AppContext.BaseDirectory, CloudHost.ContentRootFor([], NoEnvironment));
        Assert.Equal(AppContext.BaseDirectory, CloudHost.ContentRootFor(["--urls=http://127.0.0.1:0"], NoEnvironment));
        Assert.Null(CloudHost.ContentRootFor(["--contentRoot=/srv/api"], NoEnvironment));
        Assert.Null(CloudHost.ContentRootFor(["--contentRoot", "/srv/api"], NoEnvironment));
        Assert.Null(CloudHost.ContentRootFor([], v => v == "DOTNET_CONTENTROOT" ? "/srv/api" : null));
        Assert.Null(CloudHost.ContentRootFor([], v => v == "ASPNETCORE_CONTENTROOT" ? "/srv/api" : null));
    }

    [Fact]
    public void Wrong_settings_become_one_plain_line_each_named_by_their_setting()
    {
        var services = new ServiceCollection();
        services.AddOptions<BusOptions>().Configure(o => { o.PrefetchCount = 0; o.RetryLimit = -1; })
            .ValidateDataAnnotations()
            .Validate(o => o.Transport == BusTransport.RabbitMq, "Bus:Transport must be RabbitMq.")
            .ValidateOnStart();
        using var provider = services.BuildServiceProvider();
        var output = new StringWriter();

        Assert.False(CloudHost.TryValidate(provider, "The test app", output));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("The test app cannot start; fix these settings:", lines[0]);
        Assert.Contains("- Bus:PrefetchCount: The field PrefetchCount must be between 1 and 10000.", lines);
        Assert.Contains("- Bus:RetryLimit: The field RetryLimit must be between 0 and 100.", lines);
        Assert.Contains("- Bus:Transport must be RabbitMq.", lines);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Valid_settings_pass_and_other_exceptions_are_not_hidden()
    {
        var services = new ServiceCollection();
        services.AddOptions<BusOptions>().ValidateDataAnnotations().ValidateOnStart();
        using var provider = services.BuildServiceProvider();
        Assert.True(CloudHost.TryValidate(provider, "The test app", new StringWriter()));
        Assert.Empty(CloudHost.Problems(new InvalidOperationException("boom")));
        // Not the process's own app (here: the test host runs it): the exception is left to the host.
        var bad = new ServiceCollection();
        bad.AddOptions<BusOptions>().Configure(o => o.PrefetchCount = 0).ValidateDataAnnotations().ValidateOnStart();
        using var badProvider = bad.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => CloudHost.SettingsAreValid(badProvider, "The test app", typeof(CloudHost).Assembly));
        Assert.Empty(CloudHost.Problems(new AggregateException(new OptionsValidationException("x", typeof(BusOptions), ["a"]), new InvalidOperationException())));
    }
}
