using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PosCloud.OfflineAgent.Hosting;

namespace PosCloud.OfflineAgent.LocalStore;

public static class LocalStoreSetup
{
    public static string DatabaseFile(AgentOptions options) => Path.Combine(Path.GetFullPath(options.DataPath), "agent.db");

    public static IServiceCollection AddLocalStore(this IServiceCollection services, AgentOptions options)
    {
        var file = DatabaseFile(options);
        // Pooling off: a killed process leaves no pooled handle behind, and WAL makes each open cheap enough.
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString();
        var durable = new DurableSqlite();
        services.AddDbContextFactory<AgentDbContext>(o => o.UseSqlite(cs).AddInterceptors(durable), ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>
    /// Creates the store on first start and switches it to WAL with synchronous=FULL: a committed sale
    /// survives a power cut, an uncommitted one vanishes whole. The schema is created, not migrated:
    /// this is the store's first version; the first change to it brings EF migrations with it.
    /// </summary>
    public static async Task PrepareAsync(IDbContextFactory<AgentDbContext> factory, AgentOptions options, ILogger logger, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetFullPath(options.DataPath));
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.EnsureCreatedAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var state = await db.Register.SingleOrDefaultAsync(ct);
        if (state is null)
        {
            db.Register.Add(new RegisterState { StoreId = options.StoreId, RegisterId = options.RegisterId });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Local store created at {File} for register {Register}.", DatabaseFile(options), options.RegisterId);
        }
        else
        {
            logger.LogInformation("Local store {File}: register {Register}, {Count} sales so far.", DatabaseFile(options), state.RegisterId, state.LastLocalNumber);
        }
    }
}
