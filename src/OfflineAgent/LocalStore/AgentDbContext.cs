using Microsoft.EntityFrameworkCore;

namespace PosCloud.OfflineAgent.LocalStore;

/// <summary>The register's local SQLite store. Money is kept as TEXT decimals (exact), sums are done in C#.</summary>
public sealed class AgentDbContext(DbContextOptions<AgentDbContext> options) : DbContext(options)
{
    public DbSet<LocalOrder> Orders => Set<LocalOrder>();
    public DbSet<LocalLine> Lines => Set<LocalLine>();
    public DbSet<LocalPayment> Payments => Set<LocalPayment>();
    public DbSet<UploadBatch> Batches => Set<UploadBatch>();
    public DbSet<RegisterState> Register => Set<RegisterState>();
    public DbSet<CachedSnapshot> Snapshots => Set<CachedSnapshot>();
    public DbSet<InvoiceBlockState> InvoiceBlocks => Set<InvoiceBlockState>();
    public DbSet<PrintJobRow> PrintJobs => Set<PrintJobRow>();
    public DbSet<OrderCorrection> Corrections => Set<OrderCorrection>();
    public DbSet<Returns.LocalReturn> Returns => Set<Returns.LocalReturn>();
    public DbSet<Returns.LocalReturnLine> ReturnLines => Set<Returns.LocalReturnLine>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LocalOrder>(e =>
        {
            e.ToTable("orders");
            e.HasKey(x => x.Id);
            // One sale per number: a bug that reused a number fails the transaction instead of forking the chain.
            e.HasIndex(x => x.LocalNumber).IsUnique();
            e.HasIndex(x => new { x.State, x.LocalNumber });
            e.HasIndex(x => x.BatchId);
            // One sale per invoice number: the last line of defence against issuing a number twice.
            e.HasIndex(x => x.InvoiceNumber).IsUnique();
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LocalLine>(e => { e.ToTable("order_lines"); e.HasKey(x => new { x.OrderId, x.LineNumber }); });
        b.Entity<LocalPayment>(e => { e.ToTable("payments"); e.HasKey(x => new { x.OrderId, x.Sequence }); });
        b.Entity<UploadBatch>(e => { e.ToTable("upload_batches"); e.HasKey(x => x.Id); });
        b.Entity<RegisterState>(e => { e.ToTable("register_state"); e.HasKey(x => x.Id); e.Property(x => x.Id).ValueGeneratedNever(); });
        b.Entity<CachedSnapshot>(e => { e.ToTable("snapshot"); e.HasKey(x => x.Id); e.Property(x => x.Id).ValueGeneratedNever(); });
        b.Entity<InvoiceBlockState>(e => { e.ToTable("invoice_blocks"); e.HasKey(x => new { x.Period, x.Track, x.From }); });
        b.Entity<OrderCorrection>(e => { e.ToTable("order_corrections"); e.HasKey(x => x.Id); e.HasIndex(x => x.OrderId); });
        b.Entity<Returns.LocalReturn>(e =>
        {
            e.ToTable("returns");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.LocalNumber).IsUnique();
            e.HasIndex(x => x.OrderId);
            e.HasIndex(x => new { x.State, x.LocalNumber });
            e.HasIndex(x => x.BatchId);
            // Numbers are never reused: an invoice is cancelled once, a replacement or allowance number is issued once.
            e.HasIndex(x => new { x.CancelledInvoicePeriod, x.CancelledInvoiceNumber }).IsUnique();
            e.HasIndex(x => x.ReplacementInvoiceNumber).IsUnique();
            e.HasIndex(x => x.AllowanceNumber).IsUnique();
            e.HasIndex(x => x.AllowanceCancelId).IsUnique();
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ReturnId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Returns.LocalReturnLine>(e => { e.ToTable("return_lines"); e.HasKey(x => new { x.ReturnId, x.LineIndex }); });
        b.Entity<PrintJobRow>(e => { e.ToTable("print_jobs"); e.HasKey(x => x.Id); e.HasIndex(x => new { x.State, x.CreatedAt }); });
    }
}
