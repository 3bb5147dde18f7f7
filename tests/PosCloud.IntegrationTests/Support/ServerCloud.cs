namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// One Api and one Workers host on real PostgreSQL + RabbitMQ, shared by the tests of a class (each
/// class gets its own database and broker prefix). When the infrastructure is missing, every test
/// of the class is skipped with the reason, or fails under POSCLOUD_REQUIRE_INFRA=1.
/// </summary>
public class ServerCloud : IAsyncLifetime
{
    private string? _unavailable;
    private ApiFactory? _api;
    private WorkersFactory? _workers;

    public ApiFactory Api => Require()._api!;
    public Dictionary<string, string?> Settings { get; private set; } = [];

    /// <summary>Settings a subclass wants for the Api only (e.g. a proxied broker address); the workers keep the plain ones.</summary>
    protected virtual Task<Dictionary<string, string?>> AdjustApiAsync(Dictionary<string, string?> settings) => Task.FromResult(settings);

    public async Task InitializeAsync()
    {
        try
        {
            Settings = (await ApiFactory.NewServerAsync()).Settings;
            _api = new ApiFactory(await AdjustApiAsync(new Dictionary<string, string?>(Settings)));
            _ = _api.Services; // start: migrate + seed
            // No wait for the worker's queue: the Api declares it (FirstDeploymentTests).
            _workers = new WorkersFactory(Settings).Start();
        }
        catch (SkipException ex)
        {
            _unavailable = ex.Message;
        }
    }

    public ServerCloud Require()
    {
        if (_unavailable is not null) throw new SkipException(_unavailable);
        return this;
    }

    public async Task DisposeAsync()
    {
        if (_workers is not null) await _workers.DisposeAsync();
        if (_api is not null) await _api.DisposeAsync();
    }
}
