using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using PosCloud.Contracts.Stores;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;
using PosCloud.OfflineAgent.Tests.Support;

namespace PosCloud.OfflineAgent.Tests.Invoicing;

/// <summary>The step itself against a real SQLite file: what it writes inside the caller's transaction, and what a rollback leaves.</summary>
public sealed class InvoiceIssuerTests : IAsyncLifetime
{
    private readonly string _dir = Repo.TempDir("poscloud-issuer");
    private PooledDbContextFactory<AgentDbContext> _factory = null!;
    private SnapshotCache _snapshot = null!;

    public async Task InitializeAsync()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "agent.db"), Pooling = false }.ToString();
        _factory = new PooledDbContextFactory<AgentDbContext>(new DbContextOptionsBuilder<AgentDbContext>().UseSqlite(cs).Options);
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        _snapshot = new SnapshotCache(_factory, TimeProvider.System);
        var period = InProcessAgent.CurrentPeriod;
        await _snapshot.SaveAsync(InProcessAgent.Snapshot([
            new("S001-R1", period.Code, "CD", 500, 501),
            new("S001-R1", period.Code, "AB", 100, 101),
            new("S001-R1", period.Previous().Code, "AA", 0, 999),   // last period's block: never used now
            new("S001-R2", period.Code, "AB", 0, 99),               // another register's
        ]), null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private InvoiceIssuer Issuer(string? printer = null) => new(_snapshot, Options.Create(new PrinterOptions { Endpoint = printer }),
        Options.Create(new InvoicingOptions { SellerId = "12345675", SellerName = "測試零售股份有限公司" }), TimeProvider.System);

    private static LocalOrder Order(string? carrier = null) => new()
    {
        Id = Guid.NewGuid(), SoldAt = DateTimeOffset.UtcNow, StoreId = "S001", RegisterId = "S001-R1", StaffId = "S001-E02", Total = 100m,
        CarrierId = carrier, CarrierType = carrier is null ? null : "3J0002",
    };

    /// <summary>One sale the way CheckoutService does it: a transaction, the step, the order, commit (or not).</summary>
    private async Task<LocalOrder> SellAsync(InvoiceIssuer issuer, bool commit = true, string? carrier = null)
    {
        await using var db = await _factory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var order = Order(carrier);
        order.LocalNumber = await db.Orders.CountAsync() + 1;
        await issuer.IssueAsync(db, order, CancellationToken.None);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        if (commit) await tx.CommitAsync();
        return order;
    }

    [Fact]
    public async Task Numbers_follow_each_other_through_the_periods_blocks_in_order_and_then_run_out()
    {
        var issuer = Issuer();
        var numbers = new List<string>();
        for (var i = 0; i < 4; i++) numbers.Add((await SellAsync(issuer)).InvoiceNumber!);
        Assert.Equal(["AB00000100", "AB00000101", "CD00000500", "CD00000501"], numbers);

        var refused = await Assert.ThrowsAsync<InvoiceRefusedException>(() => SellAsync(issuer));
        Assert.Equal("invoice.blockExhausted", refused.Code);
        await using var db = await _factory.CreateDbContextAsync();
        Assert.Equal(4, await db.Orders.CountAsync());
        Assert.Equal([("AB", 101), ("CD", 501)], (await db.InvoiceBlocks.ToListAsync()).OrderBy(b => b.Track).Select(b => (b.Track, b.LastUsedSerial)));
    }

    [Fact]
    public async Task A_rolled_back_sale_gives_its_number_to_the_next_one()
    {
        var issuer = Issuer();
        var lost = await SellAsync(issuer, commit: false); // a crash before the commit
        Assert.Equal("AB00000100", lost.InvoiceNumber);
        var next = await SellAsync(issuer);
        Assert.Equal("AB00000100", next.InvoiceNumber);
        Assert.Matches("^[0-9]{4}$", next.InvoiceRandomCode!);
        Assert.Equal(next.SoldAt, next.InvoiceIssuedAt);
    }

    [Fact]
    public async Task A_proof_job_is_written_with_the_sale_only_when_there_is_a_printer_and_a_paper_proof()
    {
        await SellAsync(Issuer());                                   // no printer
        var printed = await SellAsync(Issuer("tcp://127.0.0.1:9100"));
        await SellAsync(Issuer("tcp://127.0.0.1:9100"), carrier: "/ABC+123"); // carrier: no paper
        await SellAsync(Issuer("tcp://127.0.0.1:9100"), commit: false);       // rolled back: no job either
        await using var db = await _factory.CreateDbContextAsync();
        var job = Assert.Single(await db.PrintJobs.ToListAsync());
        Assert.Equal(printed.Id, job.OrderId);
        Assert.False(job.Reprint);
        Assert.Equal("Queued", job.State);
    }

    [Fact]
    public async Task Without_a_snapshot_nothing_is_issued()
    {
        await _snapshot.ClearAsync(CancellationToken.None);
        Assert.Equal("invoice.noBlock", (await Assert.ThrowsAsync<InvoiceRefusedException>(() => SellAsync(Issuer()))).Code);
    }
}
