namespace PosCloud.Contracts.Admin;

/// <summary>Map a SKU the registers typed (unknown to the catalog) to a catalog product; affected orders re-run.</summary>
public sealed record MapSkuRequest(string Alias, string Sku);

/// <param name="Outcome">Mapped, AlreadyMapped, Conflict, UnknownProduct, AliasIsACatalogSku or InvalidAlias.</param>
/// <param name="RerunOrderCount">How many NeedsReview orders were queued to reconcile again.</param>
public sealed record MapSkuResponse(string Outcome, string Alias, string? Sku, int RerunOrderCount);

public sealed record RerunRequest(IReadOnlyList<Guid> OrderIds);

/// <param name="QueuedOrderCount">Orders queued to reconcile again (Reconciled ones are left as they are).</param>
public sealed record RerunResponse(int QueuedOrderCount);
