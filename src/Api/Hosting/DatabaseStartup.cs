using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Core.Persistence;
using PosCloud.Core.Seeding;
using PosCloud.Api.Dashboard;
using PosCloud.Core.Dashboard;

namespace PosCloud.Api.Hosting;

public static class DatabaseStartup
{
    /// <summary>The Api is the one process that migrates (Database:MigrateOnStartup) and seeds the demo data.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        if (options.MigrateOnStartup)
        {
            if (options.Provider == DatabaseProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
        }
        if (options.SeedDemoData)
        {
            var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (await DemoSeeder.SeedAsync(db, demo.RegisterKey, demo.HqKey, now, exampleRegisterKey: demo.ExampleRegisterKey))
                app.Logger.LogInformation("Seeded the demo dataset (stores, registers, staff, customers, catalog) into the empty database");
            if (demo.InvoiceNumbers && await Invoices.DemoInvoiceNumbers.SeedAsync(db, now) is > 0 and var periods)
                app.Logger.LogInformation("Gave every demo register a block of {Size} e-invoice numbers (track {Track}) in {Periods} period(s)", Invoices.DemoInvoiceNumbers.BlockSize, Invoices.DemoInvoiceNumbers.Track, periods);
            var dashboard = scope.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value;
            if (await Dashboard.Auth.DemoUsers.SeedAsync(db, dashboard, now))
                app.Logger.LogInformation("Seeded the demo dashboard users hq-operator and hq-viewer (passwords: Dashboard:DemoOperatorPassword / Dashboard:DemoViewerPassword)");
        }
        // The dashboard's per-store counts are maintained on every save; a database filled before
        // they existed (or bulk-loaded) gets them computed once here.
        if (await StoreStatusCounts.NeedsRebuildAsync(db))
        {
            await StoreStatusCounts.RebuildAsync(db);
            app.Logger.LogInformation("Computed the dashboard's per-store status counts from the existing orders");
        }
    }
}
