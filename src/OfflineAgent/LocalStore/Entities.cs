using PosCloud.Contracts;

namespace PosCloud.OfflineAgent.LocalStore;

/// <summary>Where an order stands on this register. Pending until the cloud has it; then the cloud's word.</summary>
public enum AgentOrderState
{
    /// <summary>等待中: only this register has it.</summary>
    Pending = 0,
    /// <summary>已上傳: the cloud accepted it and is reconciling.</summary>
    Uploaded = 1,
    /// <summary>成功</summary>
    Reconciled = 2,
    /// <summary>需處理: the cloud has it but a person must look (e.g. unknown SKU).</summary>
    NeedsReview = 3,
    /// <summary>失敗: the cloud's reconciliation failed.</summary>
    Failed = 4,
    /// <summary>失敗: the cloud refused the order itself (validation); the cloud does NOT have it.</summary>
    Rejected = 5,
}

/// <summary>One sale made on this register.</summary>
public sealed class LocalOrder
{
    public Guid Id { get; set; }
    /// <summary>The register's own sale number 1, 2, 3 …; unique, no gaps (one transaction with the sequence).</summary>
    public long LocalNumber { get; set; }
    public DateTimeOffset SoldAt { get; set; }
    public string StoreId { get; set; } = "";
    public string RegisterId { get; set; } = "";
    public string StaffId { get; set; } = "";
    public string? StaffName { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerName { get; set; }
    public decimal Total { get; set; }
    /// <summary>Cash handed over; change due = tendered − cash amount. Kept locally only.</summary>
    public decimal? CashTendered { get; set; }
    /// <summary>True when the agent was offline when the sale was made (shift-close report).</summary>
    public bool MadeOffline { get; set; }
    /// <summary>The manager who approved a sale above the cap (PIN), null when not needed.</summary>
    public string? ApprovedBy { get; set; }
    public string? SnapshotVersion { get; set; }
    /// <summary>Hash of this register's previous sale (empty string for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 of this sale's canonical content; the next sale carries it.</summary>
    public string Hash { get; set; } = "";
    /// <summary>The e-invoice issued inside the sale's transaction (filled by the invoicing seam).</summary>
    public string? InvoiceNumber { get; set; }
    public DateTimeOffset? InvoiceIssuedAt { get; set; }
    public string? InvoiceRandomCode { get; set; }

    public AgentOrderState State { get; set; }
    public OrderStatus? CloudStatus { get; set; }
    /// <summary>The cloud's reasons, one per line (validation errors or status reason).</summary>
    public string? Reasons { get; set; }
    /// <summary>The batch this order travels in; set once, kept across retries.</summary>
    public Guid? BatchId { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<LocalLine> Lines { get; set; } = [];
    public List<LocalPayment> Payments { get; set; } = [];
}

public sealed class LocalLine
{
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }
    public string Sku { get; set; } = "";
    public string? Name { get; set; }
    public LineType Type { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>"catalog" when name and price came from the cached snapshot unchanged, else "typed".</summary>
    public string PriceSource { get; set; } = "typed";
    public string? SnapshotVersion { get; set; }
    /// <summary>False when the SKU was not in the cached catalog (warned, not blocked).</summary>
    public bool InCachedCatalog { get; set; }
}

public sealed class LocalPayment
{
    public Guid OrderId { get; set; }
    public int Sequence { get; set; }
    /// <summary>"cash" or "card".</summary>
    public string Method { get; set; } = "";
    public decimal Amount { get; set; }
    public string? Reference { get; set; }
}

/// <summary>A batch the queue made. Its id is reused on every retry so the cloud can answer "duplicate".</summary>
public sealed class UploadBatch
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>The single row of this register's sequence and hash chain.</summary>
public sealed class RegisterState
{
    public int Id { get; set; } = 1;
    public string StoreId { get; set; } = "";
    public string RegisterId { get; set; } = "";
    public long LastLocalNumber { get; set; }
    public string LastHash { get; set; } = "";
    /// <summary>The clerk signed in at the front desk (sign-out is guarded).</summary>
    public string? SignedInStaffId { get; set; }
}

/// <summary>The last snapshot the cloud gave, as JSON, with its ETag and age.</summary>
public sealed class CachedSnapshot
{
    public int Id { get; set; } = 1;
    public string Json { get; set; } = "";
    public string? ETag { get; set; }
    public string Version { get; set; } = "";
    public DateTimeOffset FetchedAt { get; set; }
    /// <summary>Last time the cloud confirmed it unchanged (304) or sent it.</summary>
    public DateTimeOffset CheckedAt { get; set; }
}
