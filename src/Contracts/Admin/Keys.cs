namespace PosCloud.Contracts.Admin;

/// <summary>Creates a register <c>{storeId}-R{n}</c> (n is the next free number when omitted).</summary>
public sealed record CreateRegisterRequest(string StoreId, int? Number = null);

/// <summary>A newly made key. It is shown only in this answer; the cloud keeps its hash.</summary>
public sealed record IssuedKey(string Id, string Role, string ApiKey, string? StoreId);

/// <param name="Role">"hq" or "integrator".</param>
public sealed record CreateApiClientRequest(string Name, string Role);

public sealed record StaffUpsert(string Name, string Role);

public sealed record CustomerUpsert(string Name, string Phone, string? MemberLevel = null);

/// <param name="SellerTaxId">The store's own 統一編號 (8 digits + checksum) when it issues invoices under its own id;
/// empty: the business's (Invoicing:SellerId). Required together with <paramref name="SellerName"/>.</param>
/// <param name="SellerName">The seller name on the store's invoices (branch name, ≤ 60); empty: the business's.</param>
public sealed record StoreUpsert(string Name, string? ManagerStaffId = null, string? SellerTaxId = null, string? SellerName = null);
