using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts.Stores;
using PosCloud.OfflineAgent.Checkout;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Snapshot;

/// <summary>
/// The cached snapshot in memory (staff, customers, catalog) with fast lookups, backed by the local
/// store so it survives restarts. Swapped whole on refresh, so a reader never sees half of one.
/// </summary>
public sealed class SnapshotCache(IDbContextFactory<AgentDbContext> dbFactory, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Loaded(
        StoreSnapshot Snapshot, string? ETag, DateTimeOffset FetchedAt, DateTimeOffset CheckedAt,
        IReadOnlyDictionary<string, SnapshotProduct> BySku, IReadOnlyDictionary<string, SnapshotProduct> ByBarcode,
        IReadOnlyDictionary<string, SnapshotCustomer> ByPhone);

    private volatile Loaded? _current;

    public StoreSnapshot? Current => _current?.Snapshot;
    public string? ETag => _current?.ETag;
    public DateTimeOffset? FetchedAt => _current?.FetchedAt;
    public DateTimeOffset? CheckedAt => _current?.CheckedAt;

    /// <summary>Age of the data the clerk is looking at: since the cloud last confirmed it.</summary>
    public TimeSpan? Age => _current is { } c ? time.GetUtcNow() - c.CheckedAt : null;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Snapshots.AsNoTracking().SingleOrDefaultAsync(ct);
        if (row is null) { _current = null; return; }
        var snapshot = JsonSerializer.Deserialize<StoreSnapshot>(row.Json, Json);
        _current = snapshot is null ? null : Index(snapshot, row.ETag, row.FetchedAt, row.CheckedAt);
    }

    public async Task SaveAsync(StoreSnapshot snapshot, string? etag, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Snapshots.SingleOrDefaultAsync(ct);
        if (row is null) db.Snapshots.Add(row = new CachedSnapshot());
        row.Json = JsonSerializer.Serialize(snapshot, Json);
        row.ETag = etag;
        row.Version = snapshot.Version;
        row.FetchedAt = now;
        row.CheckedAt = now;
        await db.SaveChangesAsync(ct);
        _current = Index(snapshot, etag, now, now);
    }

    /// <summary>The cloud answered 304: the data is as fresh as now.</summary>
    public async Task MarkCheckedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Snapshots.ExecuteUpdateAsync(s => s.SetProperty(x => x.CheckedAt, now), ct);
        if (_current is { } c) _current = c with { CheckedAt = now };
    }

    public async Task ClearAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Snapshots.ExecuteDeleteAsync(ct);
        _current = null;
    }

    /// <summary>By SKU (trimmed, case-insensitive) or by EAN-13 barcode, as a scanner may send either.</summary>
    public SnapshotProduct? FindProduct(string? skuOrBarcode)
    {
        var c = _current;
        if (c is null) return null;
        var key = SaleRules.NormalizeSku(skuOrBarcode);
        return c.BySku.GetValueOrDefault(key) ?? c.ByBarcode.GetValueOrDefault(key);
    }

    public SnapshotCustomer? FindCustomer(string? phone)
    {
        var p = SaleRules.NormalizePhone(phone);
        return p is null ? null : _current?.ByPhone.GetValueOrDefault(p);
    }

    public IReadOnlySet<string> StaffIds => _current?.Snapshot.Staff.Select(s => s.StaffId).ToHashSet() ?? [];

    private static Loaded Index(StoreSnapshot s, string? etag, DateTimeOffset fetched, DateTimeOffset checkedAt)
    {
        var bySku = new Dictionary<string, SnapshotProduct>();
        var byBarcode = new Dictionary<string, SnapshotProduct>();
        foreach (var p in s.Catalog)
        {
            bySku.TryAdd(SaleRules.NormalizeSku(p.Sku), p);
            if (!string.IsNullOrWhiteSpace(p.Barcode)) byBarcode.TryAdd(p.Barcode.Trim(), p);
        }
        var byPhone = new Dictionary<string, SnapshotCustomer>();
        foreach (var c in s.Customers)
            if (SaleRules.NormalizePhone(c.Phone) is { } phone) byPhone.TryAdd(phone, c);
        return new Loaded(s, etag, fetched, checkedAt, bySku, byBarcode, byPhone);
    }
}
