using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Limits;
using PosCloud.Core.Returns;

namespace PosCloud.Core.Persistence;

public abstract partial class CloudDbContext
{
    public DbSet<SaleReturn> Returns => Set<SaleReturn>();
    public DbSet<ReturnLine> ReturnLines => Set<ReturnLine>();
    public DbSet<ReturnRefund> ReturnRefunds => Set<ReturnRefund>();
    public DbSet<ReturnAllowanceCancel> ReturnAllowanceCancels => Set<ReturnAllowanceCancel>();

    private static void ConfigureReturns(ModelBuilder b)
    {
        b.Entity<SaleReturn>(e =>
        {
            // The primary key on the agent-made ReturnId is the exactly-once guard.
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.Property(x => x.RegisterId).HasMaxLength(ContractLimits.RegisterIdMaxLength);
            e.Property(x => x.StaffId).HasMaxLength(ContractLimits.StaffIdMaxLength);
            e.Property(x => x.Reason).HasMaxLength(ContractLimits.ReturnReasonMaxLength);
            e.Property(x => x.ApprovedBy).HasMaxLength(ContractLimits.ApprovedByMaxLength);
            e.Property(x => x.OriginalInvoicePeriod).HasMaxLength(ContractLimits.InvoiceNumberMaxLength);
            e.Property(x => x.OriginalInvoiceNumber).HasMaxLength(ContractLimits.InvoiceNumberMaxLength);
            e.Property(x => x.InvoiceOutcome).HasMaxLength(ReturnInvoiceOutcomes.MaxLength);
            e.Property(x => x.CancelledInvoiceNumber).HasMaxLength(ContractLimits.InvoiceNumberMaxLength);
            e.Property(x => x.ReplacementInvoiceNumber).HasMaxLength(ContractLimits.InvoiceNumberMaxLength);
            e.Property(x => x.AllowanceNumber).HasMaxLength(ContractLimits.AllowanceNumberMaxLength);
            e.Property(x => x.InvoiceProblem).HasMaxLength(500);
            // The original's returns (order page, net total) and the returns waiting for an original.
            e.HasIndex(x => x.OrderId);
            e.HasIndex(x => new { x.StoreId, x.ReceivedAt });
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ReturnId);
            e.HasMany(x => x.Refunds).WithOne().HasForeignKey(x => x.ReturnId);
            // One cancel per return: the unique index on ReturnId (made by the one-to-one) refuses a second.
            e.HasOne(x => x.AllowanceCancel).WithOne().HasForeignKey<ReturnAllowanceCancel>(x => x.ReturnId);
        });
        b.Entity<ReturnAllowanceCancel>(e =>
        {
            // The primary key on the register-made CancelId is the exactly-once guard.
            e.HasKey(x => x.Id);
            e.Property(x => x.AllowanceNumber).HasMaxLength(ContractLimits.AllowanceNumberMaxLength);
            e.Property(x => x.StoreId).HasMaxLength(ContractLimits.StoreIdMaxLength);
            e.Property(x => x.StaffId).HasMaxLength(ContractLimits.StaffIdMaxLength);
            e.Property(x => x.Reason).HasMaxLength(ContractLimits.CancelReasonMaxLength);
            e.Property(x => x.ApprovedBy).HasMaxLength(ContractLimits.ApprovedByMaxLength);
        });
        b.Entity<ReturnLine>(e =>
        {
            // One row per original line: the validator refuses a line index twice in one return.
            e.HasKey(x => new { x.ReturnId, x.LineIndex });
            e.Property(x => x.Sku).HasMaxLength(ContractLimits.SkuMaxLength);
            e.Property(x => x.Quantity).HasPrecision(18, ContractLimits.QuantityDecimals);
        });
        b.Entity<ReturnRefund>(e =>
        {
            e.HasKey(x => new { x.ReturnId, x.RefundNumber });
            e.Property(x => x.Method).HasMaxLength(ContractLimits.PaymentMethodMaxLength);
            e.Property(x => x.Reference).HasMaxLength(ContractLimits.PaymentReferenceMaxLength);
        });
    }
}
