using PosCloud.SqlServer.Tests.Offline;

namespace PosCloud.SqlServer.Tests;

/// <summary>One offline Api for the capture tests (start-up costs seconds: migrations and demo seeding go through the capture too).</summary>
public sealed class OfflineApiFixture : IDisposable
{
    public OfflineApi Api { get; } = new OfflineApi().Start();
    public void Dispose() => Api.Dispose();
}
