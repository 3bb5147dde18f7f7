namespace PosCloud.Core.Stores;

public sealed class Store
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    /// <summary>The manager of record: named on every price override of this store's orders.</summary>
    public string? ManagerStaffId { get; set; }
    /// <summary>The store's own 統一編號 when it issues invoices under its own id; null: the business's (Invoicing:SellerId).</summary>
    public string? SellerTaxId { get; set; }
    /// <summary>The seller name on the store's invoices (branch name); null: the business's (Invoicing:SellerName).</summary>
    public string? SellerName { get; set; }
}

/// <summary>A cash register of a store; its id is <c>{storeId}-R{n}</c>, e.g. S001-R1.</summary>
public sealed class Register
{
    public required string Id { get; init; }
    public required string StoreId { get; init; }
    /// <summary>SHA-256 of the register's API key (hex). The key itself is shown once and never stored.</summary>
    public string? ApiKeyHash { get; set; }
    public DateTimeOffset? LastContactAt { get; set; }
    /// <summary>
    /// Every sale number from 1 to this one has arrived (a watermark sync-status keeps so that it counts only
    /// the numbers above it). Orders are never deleted, so any value once true stays true; 0 = nothing known.
    /// </summary>
    public long CompleteThrough { get; set; }
}

public sealed class Staff
{
    public required string Id { get; init; }
    public required string StoreId { get; init; }
    public required string Name { get; set; }
    public required string Role { get; set; }
}

public sealed class Customer
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string? MemberLevel { get; set; }
}
