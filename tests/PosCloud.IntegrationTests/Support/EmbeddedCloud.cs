namespace PosCloud.IntegrationTests.Support;

/// <summary>The embedded default (SQLite file, in-memory bus, workers in the Api), shared by a test class.</summary>
public sealed class EmbeddedCloud : IAsyncLifetime
{
    private string? _file;
    public ApiFactory Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = ApiFactory.Embedded(out _file);
        _ = Api.Services; // start: migrate + seed
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_file is not null) File.Delete(_file);
    }
}
