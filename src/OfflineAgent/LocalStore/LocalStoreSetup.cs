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
    /// Creates or upgrades the store with its EF migrations (LocalStore/Migrations) and switches it to WAL
    /// with synchronous=FULL: a committed sale survives a power cut, an uncommitted one vanishes whole.
    /// A new agent version on a register keeps its unsynced sales: the schema moves, the rows stay.
    /// </summary>
    public static async Task PrepareAsync(IDbContextFactory<AgentDbContext> factory, AgentOptions options, ILogger logger, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetFullPath(options.DataPath));
        await using var db = await factory.CreateDbContextAsync(ct);
        await RefusePreMigrationStoreAsync(db, options, ct);
        await db.Database.MigrateAsync(ct);
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

    /// <summary>
    /// A store made by a pre-release agent (schema created without migrations) cannot be upgraded in
    /// place; migrating it would fail half-way. Stop before touching it, name the file, never delete it:
    /// it may hold sales not uploaded yet.
    /// </summary>
    private static async Task RefusePreMigrationStoreAsync(AgentDbContext db, AgentOptions options, CancellationToken ct)
    {
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name IN ('register_state', '__EFMigrationsHistory')").ToListAsync(ct);
        if (tables.Contains("register_state") && !tables.Contains("__EFMigrationsHistory"))
            throw new LocalStoreException(
                $"本機資料庫 {DatabaseFile(options)} 由舊版收銀程式建立，無法自動升級；請先用舊版上傳完所有銷售，再將檔案移到別處後重新啟動。 / " +
                $"The local store {DatabaseFile(options)} was made by a pre-release agent and cannot be upgraded in place: " +
                "let the previous version upload every sale, then move the file aside and start again. Nothing was changed.");
    }
}

/// <summary>The local store cannot be opened as it is; the message says why and what to do.</summary>
public sealed class LocalStoreException(string message) : Exception(message);
