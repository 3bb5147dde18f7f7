using System.Text.Json;
using PosCloud.Core.Persistence;

namespace PosCloud.Core.Outbox;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the message to the unit of work; it is published only if the caller's SaveChanges commits.</summary>
    public static OutboxMessage AddToOutbox<T>(this CloudDbContext db, T message, DateTimeOffset now) where T : class
    {
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            MessageType = typeof(T).FullName!,
            Payload = JsonSerializer.Serialize(message, Json),
            CreatedAt = now,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        };
        db.OutboxMessages.Add(row);
        return row;
    }
}
