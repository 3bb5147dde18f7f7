using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The built Api and Workers started as real processes from a folder that is not theirs: they read their own
/// appsettings.json (content root = their folder), and a wrong setting is one plain line and exit code 2.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class StartupSettingsTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("poscloud-cwd-").FullName;

    public void Dispose() => Directory.Delete(_elsewhere, recursive: true);

    [Fact]
    public async Task Api_with_a_wrong_seller_id_prints_one_plain_line_and_exits_2_from_any_folder()
    {
        var (exit, output) = await BuiltApp.RunToExitAsync(BuiltApp.Dll("Api", "PosCloud.Api.dll"), _elsewhere,
            ["--urls=http://127.0.0.1:0", "--Invoicing:SellerId=00000001"], TimeSpan.FromSeconds(60));

        Assert.True(exit == 2, $"exit code {exit}:\n{output}");
        Assert.Contains("The PosCloud Api cannot start; fix these settings:", output);
        Assert.Contains("  - Invoicing:SellerId must be the seller's 統一編號", output);
        // Invoicing:SellerName comes only from the Api's appsettings.json: read although the working directory is elsewhere.
        Assert.DoesNotContain("SellerName", output);
        Assert.DoesNotContain("   at ", output); // no stack frames
        Assert.DoesNotContain("Exception", output);
        Assert.Empty(Directory.GetFiles(_elsewhere)); // stopped before touching the database
    }

    [Fact]
    public async Task Workers_with_a_wrong_prefetch_count_print_one_plain_line_and_exit_2_from_any_folder()
    {
        var (exit, output) = await BuiltApp.RunToExitAsync(BuiltApp.Dll("Workers", "PosCloud.Workers.dll"), _elsewhere,
            ["--urls=http://127.0.0.1:0", "--Bus:PrefetchCount=0"], TimeSpan.FromSeconds(60));

        Assert.True(exit == 2, $"exit code {exit}:\n{output}");
        Assert.Contains("The PosCloud Workers cannot start; fix these settings:", output);
        Assert.Contains("  - Bus:PrefetchCount: The field PrefetchCount must be between 1 and 10000.", output);
        // Bus:Transport=RabbitMq comes from the Workers' appsettings.json; without it the transport check would complain.
        Assert.DoesNotContain("Bus:Transport", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task Workers_on_the_in_memory_bus_are_refused()
    {
        var (exit, output) = await BuiltApp.RunToExitAsync(BuiltApp.Dll("Workers", "PosCloud.Workers.dll"), _elsewhere,
            ["--urls=http://127.0.0.1:0", "--Bus:Transport=InMemory"], TimeSpan.FromSeconds(60));

        Assert.True(exit == 2, $"exit code {exit}:\n{output}");
        Assert.Contains("  - Bus:Transport must be RabbitMq for the Workers", output);
        Assert.DoesNotContain("   at ", output);
    }
}
