using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.LocalStore;

/// <summary>The register's store is migrated, so a new agent version keeps the sales a register has not uploaded yet.</summary>
public sealed class LocalStoreMigrationTests
{
    private readonly AgentOptions _options = new() { StoreId = "S001", RegisterId = "S001-R1", DataPath = Repo.TempDir("poscloud-store") };

    private PooledDbContextFactory<AgentDbContext> Factory() => new(new DbContextOptionsBuilder<AgentDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = LocalStoreSetup.DatabaseFile(_options), Pooling = false }.ToString()).Options);

    [Fact]
    public async Task The_migrations_cover_the_whole_model()
    {
        await using var db = await Factory().CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "the AgentDbContext model changed: add a migration (dotnet ef migrations add <Name> --project src/OfflineAgent --output-dir LocalStore/Migrations)");
    }

    [Fact]
    public async Task A_second_start_migrates_nothing_and_keeps_the_register()
    {
        var factory = Factory();
        await LocalStoreSetup.PrepareAsync(factory, _options, NullLogger.Instance);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var state = await db.Register.SingleAsync();
            state.LastLocalNumber = 41;
            await db.SaveChangesAsync();
        }

        await LocalStoreSetup.PrepareAsync(factory, _options, NullLogger.Instance);

        await using var again = await factory.CreateDbContextAsync();
        Assert.Equal(41, (await again.Register.SingleAsync()).LastLocalNumber);
        Assert.Empty(await again.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await again.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task An_older_store_keeps_its_sales_when_print_items_and_the_seller_are_added()
    {
        var factory = Factory();
        Directory.CreateDirectory(_options.DataPath);
        var id = Guid.NewGuid();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // The store as the previous agent version left it, with one unsynced sale.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261130111108_Queue_StuckBatchesRestoreAndCorrections");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO orders (Id, LocalNumber, SoldAt, StoreId, RegisterId, StaffId, Total, MadeOffline, PreviousHash, Hash, State, InvoiceNumber, SendCount) " +
                "VALUES ({0}, 1, '2026-11-30 10:00:00+00:00', 'S001', 'S001-R1', 'S001-E02', '500', 0, '', 'h', 0, 'ZZ10000000', 0)", id.ToString().ToUpperInvariant());
        }

        await LocalStoreSetup.PrepareAsync(factory, _options, NullLogger.Instance);

        await using var after = await factory.CreateDbContextAsync();
        var order = await after.Orders.SingleAsync(o => o.Id == id);
        // It printed without the slip and under the business's seller (settings): that is what the defaults say.
        Assert.Equal(("ZZ10000000", false, (string?)null), (order.InvoiceNumber, order.PrintItems, order.SellerTaxId));
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_store_made_without_migrations_is_refused_by_name_and_left_untouched()
    {
        var factory = Factory();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync(); // how pre-release agents made it
            db.Register.Add(new RegisterState { StoreId = "S001", RegisterId = "S001-R1", LastLocalNumber = 7 });
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<LocalStoreException>(() => LocalStoreSetup.PrepareAsync(factory, _options, NullLogger.Instance));

        Assert.Contains(LocalStoreSetup.DatabaseFile(_options), refused.Message);
        Assert.Contains("pre-release", refused.Message);
        await using var after = await factory.CreateDbContextAsync();
        Assert.Equal(7, (await after.Register.SingleAsync()).LastLocalNumber);
        Assert.Empty(await after.Database.GetAppliedMigrationsAsync());
    }
}
