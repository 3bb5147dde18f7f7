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
    /// <summary>統一編號 of a company buyer (B2B, 格式 25); null for a consumer.</summary>
    public string? BuyerTaxId { get; set; }
    /// <summary>MIG CarrierType (3J0002 mobile barcode, CQ0001 citizen certificate) when the invoice goes to a carrier.</summary>
    public string? CarrierType { get; set; }
    public string? CarrierId { get; set; }
    /// <summary>愛心碼 when the buyer donated the invoice.</summary>
    public string? DonationCode { get; set; }
    /// <summary>
    /// 列印明細: the 交易明細 slip prints after the proof (the clerk's tick, always for a buyer with a tax id). Kept with the
    /// sale so a reprint (補印) and the preview show the same parts as the first print.
    /// </summary>
    public bool PrintItems { get; set; }
    /// <summary>賣方 as printed (the store's own 統一編號 from the snapshot, or Invoicing:SellerId); null on sales made before
    /// seller-per-store (they printed Invoicing:SellerId). Uploaded as OfflineInvoice.SellerTaxId.</summary>
    public string? SellerTaxId { get; set; }
    /// <summary>The seller name as printed (top line of the proof).</summary>
    public string? SellerName { get; set; }
    /// <summary>
    /// Invoice numbers burnt before this sale, comma-separated, uploaded as OfflineOrder.VoidedInvoiceNumbers.
    /// Nothing fills it today: a number is taken in the sale's own transaction, so none can be burnt (see README).
    /// </summary>
    public string? VoidedInvoiceNumbers { get; set; }

    /// <summary>作廢: when a return of this register cancelled this sale's invoice (written in the return's transaction).</summary>
    public DateTimeOffset? InvoiceCancelledAt { get; set; }

    public AgentOrderState State { get; set; }
    public OrderStatus? CloudStatus { get; set; }
    /// <summary>The cloud's reasons, one per line (validation errors or status reason).</summary>
    public string? Reasons { get; set; }
    /// <summary>The batch this order travels in; set once, kept across retries.</summary>
    public Guid? BatchId { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>
    /// When the cloud first answered "unknown" (found:false) for a sale it had accepted (a database restore);
    /// null while the cloud knows it. Past Upload:MissingInCloudGrace the sale is sent again, same orderId.
    /// </summary>
    public DateTimeOffset? CloudMissingSince { get; set; }
    /// <summary>How often the sale went out again after the cloud had it (lost in a restore) or refused it (corrected).</summary>
    public int SendCount { get; set; }

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
    /// <summary>5xx answers in a row: the cloud definitely did not store the batch (see StuckBatchRules).</summary>
    public int ServerFailures { get; set; }
    /// <summary>Attempts in a row with no answer at all (timeout, connection cut) while the cloud was reachable.</summary>
    public int NoAnswerFailures { get; set; }
    /// <summary>上傳受阻: a single sale the cloud keeps failing on, set aside (retried slowly) so the others go on.</summary>
    public string? BlockedReason { get; set; }
    public DateTimeOffset? BlockedSince { get; set; }
    /// <summary>The batch this one was split from (the cloud failed on the bigger one again and again).</summary>
    public Guid? SplitFrom { get; set; }
}

/// <summary>
/// A manager's correction of a sale the cloud refused (上傳紀錄 → 詳情 → 修正後重新上傳): one row per changed
/// field, with the old value, so the sale as first made stays readable. The sale keeps its orderId.
/// </summary>
public sealed class OrderCorrection
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    /// <summary>The wire path, e.g. lines[0].name (as the cloud named it).</summary>
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    /// <summary>The approving manager's staff id, or store-manager-pin.</summary>
    public string CorrectedBy { get; set; } = "";
    public DateTimeOffset CorrectedAt { get; set; }
    /// <summary>The cloud's reasons the sale was refused, as they stood before the correction.</summary>
    public string? CloudReasons { get; set; }
}

/// <summary>The single row of this register's sequence and hash chain.</summary>
public sealed class RegisterState
{
    public int Id { get; set; } = 1;
    public string StoreId { get; set; } = "";
    public string RegisterId { get; set; } = "";
    public long LastLocalNumber { get; set; }
    public string LastHash { get; set; } = "";
    /// <summary>The register's last return number (returns have their own sequence, in the return's transaction).</summary>
    public long LastReturnNumber { get; set; }
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

/// <summary>
/// How far this register got in one invoice number block (from the snapshot), written in the sale's
/// transaction together with the order that took the number: the two can never disagree.
/// </summary>
public sealed class InvoiceBlockState
{
    /// <summary>Period code, e.g. 11512.</summary>
    public string Period { get; set; } = "";
    public string Track { get; set; } = "";
    public int From { get; set; }
    public int To { get; set; }
    /// <summary>The serial of the last number issued from this block.</summary>
    public int LastUsedSerial { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A proof to print for an order. The first one is written in the sale's transaction (a crash right after the
/// commit still prints it at the next start); reprints are added by the clerk. Bytes are rendered again from
/// the order when printed, so nothing large is stored.
/// </summary>
public sealed class PrintJobRow
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    /// <summary>Set when the job prints a return's document (replacement invoice or 折讓證明單) instead of the sale's proof.</summary>
    public Guid? ReturnId { get; set; }
    public bool Reprint { get; set; }
    /// <summary>PosCloud.Printing.PrintJobState as text: Queued, Printing, Printed, Failed.</summary>
    public string State { get; set; } = "Queued";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
