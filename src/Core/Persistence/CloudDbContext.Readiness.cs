using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Readiness;
using PosCloud.Core.Stores;

namespace PosCloud.Core.Persistence;

/// <summary>Register readiness (heartbeats): one row per register, written by its heartbeat.</summary>
public abstract partial class CloudDbContext
{
    public DbSet<RegisterReadiness> RegisterReadiness => Set<RegisterReadiness>();

    private static void ConfigureReadiness(ModelBuilder b)
    {
        b.Entity<RegisterReadiness>(e =>
        {
            e.HasKey(x => x.RegisterId);
            e.Property(x => x.RegisterId).HasMaxLength(30);
            e.Property(x => x.StoreId).HasMaxLength(20);
            e.Property(x => x.SnapshotVersion).HasMaxLength(100);
            e.Property(x => x.InvoicePeriod).HasMaxLength(5);
            e.Property(x => x.PrinterState).HasMaxLength(16);
            e.Property(x => x.PrinterMessage).HasMaxLength(500);
            e.Property(x => x.AgentVersion).HasMaxLength(64);
            e.Property(x => x.ReasonsSince).HasMaxLength(500);
            e.HasIndex(x => x.StoreId);
            e.HasOne<Register>().WithOne().HasForeignKey<RegisterReadiness>(x => x.RegisterId);
        });
    }
}
