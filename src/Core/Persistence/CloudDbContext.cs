using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Limits;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Catalog;
using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Core.Outbox;
using PosCloud.Core.Stores;

namespace PosCloud.Core.Persistence;

/// <summary>
/// The cloud database. One model, three providers: each provider has its own subclass only so that
/// it can carry its own migrations (SqliteCloudDbContext, PostgresCloudDbContext, SqlServerCloudDbContext).
/// </summary>
public abstract partial class CloudDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Register> Registers => Set<Register>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductPrice> ProductPrices => Set<ProductPrice>();
    public DbSet<SkuAlias> SkuAliases => Set<SkuAlias>();
    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderClaim> OrderClaims => Set<OrderClaim>();
    public DbSet<ReceivedOrder> ReceivedOrders => Set<ReceivedOrder>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PriceOverride> PriceOverrides => Set<PriceOverride>();
    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<InvoiceBlock> InvoiceBlocks => Set<InvoiceBlock>();
    public DbSet<InvoiceNumberRange> InvoiceNumberRanges => Set<InvoiceNumberRange>();
    public DbSet<IssuedInvoice> IssuedInvoices => Set<IssuedInvoice>();
    public DbSet<IssuedInvoiceItem> IssuedInvoiceItems => Set<IssuedInvoiceItem>();
    public DbSet<InvoiceFlag> InvoiceFlags => Set<InvoiceFlag>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Store>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.Property(x => x.SellerTaxId).HasMaxLength(ContractLimits.SellerTaxIdMaxLength);
            e.Property(x => x.SellerName).HasMaxLength(ContractLimits.SellerNameMaxLength);
        });
        b.Entity<Register>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(ContractLimits.RegisterIdMaxLength);
            e.Property(x => x.ApiKeyHash).HasMaxLength(64);
            e.HasIndex(x => x.ApiKeyHash).IsUnique();
            // A foreign key column as wide as the key it references: SQL Server refuses any other (Msg 1753).
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.HasOne<Store>().WithMany().HasForeignKey(x => x.StoreId);
        });
        b.Entity<Staff>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.HasOne<Store>().WithMany().HasForeignKey(x => x.StoreId);
        });
        b.Entity<Customer>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Phone);
        });
        b.Entity<Product>(e =>
        {
            e.HasKey(x => x.Sku);
            e.Property(x => x.Sku).HasMaxLength(ContractLimits.SkuMaxLength);
            e.Property(x => x.SkuKey).HasMaxLength(ContractLimits.SkuMaxLength);
            e.HasIndex(x => x.SkuKey).IsUnique();
            e.Property(x => x.Barcode).HasMaxLength(14);
            e.HasIndex(x => x.Barcode);
            e.HasMany(x => x.Prices).WithOne().HasForeignKey(x => x.Sku);
        });
        b.Entity<ProductPrice>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Sku).HasMaxLength(ContractLimits.SkuMaxLength);
            e.HasIndex(x => new { x.Sku, x.EffectiveFrom }).IsUnique();
        });
        b.Entity<SkuAlias>(e =>
        {
            e.HasKey(x => x.Alias);
            e.Property(x => x.Alias).HasMaxLength(ContractLimits.SkuMaxLength);
            e.Property(x => x.Sku).HasMaxLength(ContractLimits.SkuMaxLength);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.Sku);
        });
        b.Entity<CatalogVersion>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new CatalogVersion { Id = CatalogVersion.SingletonId, Version = 0 });
        });
        b.Entity<Batch>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StoreId, x.ReceivedAt });
        });
        b.Entity<Order>(e =>
        {
            // The primary key on the agent-made OrderId is the exactly-once guard.
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            // Columns at least as wide as the contract's bounds (ContractLimits): what validates always fits.
            e.Property(x => x.StaffId).HasMaxLength(Math.Max(200, ContractLimits.StaffIdMaxLength));
            e.Property(x => x.CustomerPhone).HasMaxLength(Math.Max(200, ContractLimits.CustomerPhoneMaxLength));
            e.Property(x => x.Hash).HasMaxLength(Math.Max(200, ContractLimits.HashMaxLength));
            e.Property(x => x.PreviousHash).HasMaxLength(Math.Max(200, ContractLimits.HashMaxLength));
            e.Property(x => x.InvoiceNumber).HasMaxLength(Math.Max(200, ContractLimits.InvoiceNumberMaxLength));
            e.Property(x => x.ApprovedBy).HasMaxLength(Order.ApprovedByMaxLength);
            e.HasIndex(x => x.BatchId);
            e.HasIndex(x => new { x.StoreId, x.Status });
            e.HasIndex(x => new { x.RegisterId, x.LocalNumber });
            // sync-status lists the sales whose hash chain is broken: a handful among millions, read through a
            // partial index instead of a scan of every order (SQL Server spells the filter its own way).
            e.HasIndex(x => new { x.RegisterId, x.LocalNumber }, "IX_Orders_ChainBroken")
                .HasFilter(this is SqlServerCloudDbContext ? "[ChainBroken] = 1" : "\"ChainBroken\"");
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
            e.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.OrderId);
            e.HasMany(x => x.Overrides).WithOne().HasForeignKey(x => x.OrderId);
            e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.OrderId);
        });
        b.Entity<OrderClaim>(e =>
        {
            // The exactly-once guard of an uploaded order id (the upload's one write per order that stays).
            e.HasKey(x => x.OrderId);
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
        });
        b.Entity<ReceivedOrder>(e =>
        {
            // Orders waiting for their worker (a backlog, not history: the worker deletes the row as it writes the order).
            e.HasKey(x => x.Id);
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.Property(x => x.RegisterId).HasMaxLength(ContractLimits.RegisterIdMaxLength);
            e.Property(x => x.Hash).HasMaxLength(Math.Max(200, ContractLimits.HashMaxLength));
            e.Property(x => x.PreviousHash).HasMaxLength(Math.Max(200, ContractLimits.HashMaxLength));
            e.HasIndex(x => x.BatchId);
            e.HasIndex(x => new { x.StoreId, x.ReceivedAt });
            // The sale as JSON: as long as its lines make it, not the 200 of the string convention.
            e.Property(x => x.Sale).HasMaxLength(int.MaxValue);
            e.HasIndex(x => new { x.RegisterId, x.LocalNumber });
            // An upload may flag a waiting order's broken chain while its worker holds it: the worker's delete checks it.
            e.Property(x => x.ChainBroken).IsConcurrencyToken();
        });
        b.Entity<OrderLine>(e =>
        {
            e.HasKey(x => new { x.OrderId, x.LineNumber });
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Sku).HasMaxLength(ContractLimits.SkuMaxLength);
            e.HasIndex(x => x.Sku);
            e.Property(x => x.Quantity).HasPrecision(18, ContractLimits.QuantityDecimals);
            e.Property(x => x.TypedName).HasMaxLength(Math.Max(200, ContractLimits.LineNameMaxLength));
            e.Property(x => x.PriceSource).HasMaxLength(Math.Max(200, ContractLimits.PriceSourceMaxLength));
            e.Property(x => x.SnapshotVersion).HasMaxLength(Math.Max(200, ContractLimits.SnapshotVersionMaxLength));
            e.Property(x => x.ReturnedQuantity).HasPrecision(18, ContractLimits.QuantityDecimals);
        });
        b.Entity<Payment>(e =>
        {
            e.HasKey(x => new { x.OrderId, x.PaymentNumber });
            e.Property(x => x.Method).HasMaxLength(Math.Max(200, ContractLimits.PaymentMethodMaxLength));
            e.Property(x => x.Reference).HasMaxLength(Math.Max(200, ContractLimits.PaymentReferenceMaxLength));
        });
        b.Entity<PriceOverride>(e =>
        {
            // One override per line at most: a second reconciliation can never double it.
            e.HasKey(x => new { x.OrderId, x.LineNumber });
            e.Property(x => x.Quantity).HasPrecision(18, ContractLimits.QuantityDecimals);
        });
        b.Entity<OrderStatusChange>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(2000);
        });
        b.Entity<ApiClient>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Role).HasMaxLength(20);
            e.Property(x => x.ApiKeyHash).HasMaxLength(64);
            e.HasIndex(x => x.ApiKeyHash).IsUnique();
        });
        b.Entity<InvoiceBlock>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.Track).HasMaxLength(2);
            e.HasIndex(x => new { x.Period, x.Track, x.From }).IsUnique();
            e.HasIndex(x => x.RegisterId);
        });
        b.Entity<InvoiceNumberRange>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.Track).HasMaxLength(2);
            e.HasIndex(x => new { x.Period, x.Track, x.From }).IsUnique();
        });
        b.Entity<IssuedInvoice>(e =>
        {
            // (period, number) is the key: tracks repeat from period to period, so the same number in the next
            // period is another invoice; within a period never two rows for one number, whoever sends it.
            e.HasKey(x => new { x.Period, x.Number });
            e.Property(x => x.Number).HasMaxLength(10);
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.Track).HasMaxLength(2);
            e.Property(x => x.RegisterId).HasMaxLength(30);
            e.Property(x => x.StoreId).HasMaxLength(20);
            e.Property(x => x.RandomCode).HasMaxLength(4);
            e.Property(x => x.BuyerTaxId).HasMaxLength(8);
            e.Property(x => x.SellerTaxId).HasMaxLength(ContractLimits.SellerTaxIdMaxLength);
            e.Property(x => x.SellerName).HasMaxLength(ContractLimits.SellerNameMaxLength);
            e.Property(x => x.CarrierType).HasMaxLength(10);
            e.Property(x => x.CarrierId).HasMaxLength(64);
            e.Property(x => x.DonationCode).HasMaxLength(7);
            e.HasIndex(x => new { x.RegisterId, x.Period });
            e.HasIndex(x => new { x.Period, x.Track, x.Serial });
            e.HasIndex(x => new { x.UploadedToPlatformAt, x.UploadDeadline });
            e.HasIndex(x => x.OrderId);
            e.HasIndex(x => x.Number);
            e.HasMany(x => x.Items).WithOne().HasForeignKey(x => new { x.Period, x.Number }).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IssuedInvoiceItem>(e =>
        {
            e.HasKey(x => new { x.Period, x.Number, x.Sequence });
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.Number).HasMaxLength(10);
            e.Property(x => x.Description).HasMaxLength(InvoiceLimits.MaxItemDescriptionLength);
            e.Property(x => x.Quantity).HasPrecision(18, 4);
            e.Property(x => x.UnitPrice).HasPrecision(18, 4);
            e.Property(x => x.Amount).HasPrecision(18, 4);
            e.Property(x => x.TaxType).HasMaxLength(1);
        });
        b.Entity<InvoiceFlag>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(40);
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.RegisterId).HasMaxLength(30);
            e.Property(x => x.StoreId).HasMaxLength(20);
            e.Property(x => x.Detail).HasMaxLength(500);
            e.HasIndex(x => new { x.RegisterId, x.FlaggedAt });
            e.HasIndex(x => x.Number);
        });
        b.Entity<OutboxMessage>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Payload).HasMaxLength(int.MaxValue);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.Property(x => x.TraceParent).HasMaxLength(64);
            e.HasIndex(x => new { x.DispatchedAt, x.CreatedAt });
        });
        ConfigureDashboard(b);
        ConfigureReadiness(b);
        ConfigurePlatformMessages(b);
        ConfigureReturns(b);
    }
}
