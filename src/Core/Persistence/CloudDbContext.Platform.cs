using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Invoices;

namespace PosCloud.Core.Persistence;

public abstract partial class CloudDbContext
{
    public DbSet<PlatformMessage> PlatformMessages => Set<PlatformMessage>();

    private static void ConfigurePlatformMessages(ModelBuilder b) =>
        b.Entity<PlatformMessage>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(PlatformMessageKinds.MaxLength);
            e.Property(x => x.Period).HasMaxLength(5);
            e.Property(x => x.DocumentNumber).HasMaxLength(PlatformMessageKinds.DocumentNumberMaxLength);
            e.Property(x => x.StoreId).HasMaxLength(20);
            // A whole MIG message (an F0401 of many items runs to kilobytes), not the 200 of the string convention.
            e.Property(x => x.Xml).HasMaxLength(int.MaxValue);
            e.HasIndex(x => new { x.Kind, x.Period, x.DocumentNumber }).IsUnique();
            e.HasIndex(x => x.DueAt);
            // The message body is a whole MIG document (an F0401 of many items, an E0402 of many runs).
            e.Property(x => x.Xml).HasMaxLength(int.MaxValue);
            // A row added with only the shared fields (any writer, any SQL) is Pending.
            e.Property(x => x.State).HasMaxLength(PlatformMessageStates.MaxLength).HasDefaultValue(PlatformMessageStates.Pending);
            e.Property(x => x.FileName).HasMaxLength(PlatformMessageStates.FileNameMaxLength);
            e.Property(x => x.ResultCode).HasMaxLength(PlatformMessageStates.ResultCodeMaxLength);
            e.Property(x => x.ResultText).HasMaxLength(PlatformMessageStates.ResultTextMaxLength);
            // The delivery's queue (Pending oldest first, HandedOver to read back) and the dashboard's lists.
            e.HasIndex(x => new { x.State, x.Id });
        });
}
