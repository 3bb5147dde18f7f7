using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Messages;
using PosCloud.Api.Invoices;
using PosCloud.Api.Sync;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Observability;
using PosCloud.Core.Orders;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Batches;

/// <summary>
/// Accepts a batch exactly once with one append: per valid new order an <see cref="OrderClaim"/> (the exactly-once
/// guard) and a <see cref="ReceivedOrder"/> (the sale as uploaded, waiting for its worker), plus the batch row and a
/// BatchAccepted outbox row, in one transaction before the answer. The worker writes each order's final rows once
/// (issue 15: the upload used to insert the order, its lines and history, and the worker to update them all again).
/// The primary key on OrderClaims.OrderId is the guard; the read of existing ids only saves a failed insert in the
/// common retry case. When a concurrent upload wins the race, the unique violation is caught and the batch is
/// answered again from what is now stored.
/// </summary>
public sealed partial class BatchIngestion(
    CloudDbContext db,
    OutboxSignal outboxSignal,
    IssuedInvoiceRecorder invoices,
    Returns.ReturnIntake returnIntake,
    IOptions<UploadLimits> limits,
    TimeProvider time,
    ILogger<BatchIngestion> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>The answer to an upload, or the register that owns the batchId when it is not the caller's.</summary>
    public sealed record Outcome(UploadBatchResponse? Response, string? OwnedBy);

    public async Task<Outcome> IngestAsync(UploadBatchRequest request, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StoreId"] = request.StoreId, ["RegisterId"] = request.RegisterId, ["BatchId"] = request.BatchId });
        using var span = PosCloudTelemetry.Source.StartActivity("batch ingest");
        span?.SetTag("poscloud.store", request.StoreId);
        span?.SetTag("poscloud.register", request.RegisterId);
        span?.SetTag("poscloud.batch", request.BatchId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryIngestAsync(request, ct);
            }
            // A duplicate key from SaveChanges (wrapped) or from the PostgreSQL COPY path (unwrapped): a concurrent
            // upload stored the batch, an order or an invoice number first. The retry reads what is now stored
            // (and refuses the batchId when the winner was another register).
            catch (Exception ex) when (ex.IsUniqueViolation() && attempt < MaxAttempts)
            {
                LogRace(request.BatchId, attempt);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome> TryIngestAsync(UploadBatchRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A batchId belongs to the register that first used it. The primary key on Batches.Id guards the
        // first use; this read only answers a later reuse (a racing first use fails the insert and retries here).
        var owner = await OwnerOf.For(db)(db, request.BatchId, ct);
        if (owner is not null && (owner.StoreId != request.StoreId || owner.RegisterId != request.RegisterId))
            return new Outcome(null, owner.RegisterId);

        var orders = request.Orders ?? [];
        var staff = await StaffOf.For(db)(db, request.StoreId).ToHashSetAsync(cancellationToken: ct);
        var ids = orders.Where(o => o is not null).Select(o => o.OrderId).Where(id => id != Guid.Empty).Distinct().ToArray();
        var existing = await ExistingAsync(ids, ct);

        var results = new OrderUploadResult[orders.Count];
        var seen = new HashSet<Guid>();
        var accepted = new List<Order>();
        var acceptedSales = new List<OfflineOrder>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            if (o is null)
            {
                results[i] = Rejected(Guid.Empty, [new FieldError($"orders[{i}]", "An order is null.")]);
                continue;
            }
            if (o.OrderId != Guid.Empty && existing.TryGetValue(o.OrderId, out var known) && seen.Add(o.OrderId))
            {
                results[i] = known.StoreId == request.StoreId
                    ? new OrderUploadResult(o.OrderId, UploadOutcome.Duplicate, known.Status, [])
                    : Rejected(o.OrderId, [new FieldError($"orders[{i}].orderId", "This orderId belongs to another store's order.")]);
                continue;
            }
            var errors = BatchValidator.ValidateOrder(o, i, limits.Value, now, staff, seen);
            // The invoice as issued (printed items and totals) has its own bounds, which are its columns' (InvoiceLimits).
            if (InvoiceIntake.ValidateAsIssued(o, i) is { Count: > 0 } invoiceErrors) errors = [.. errors, .. invoiceErrors];
            if (errors.Count > 0)
            {
                results[i] = Rejected(o.OrderId, errors);
                continue;
            }
            accepted.Add(ToEntity(request, o, now));
            acceptedSales.Add(o);
            results[i] = new OrderUploadResult(o.OrderId, UploadOutcome.Accepted, OrderStatus.Received, []);
        }

        var counts = new BatchCounts(accepted.Count,
            results.Count(r => r.Outcome == UploadOutcome.Duplicate), results.Count(r => r.Outcome == UploadOutcome.Rejected));
        if (owner is null)
            db.Batches.Add(new Batch
            {
                Id = request.BatchId, StoreId = request.StoreId, RegisterId = request.RegisterId, ReceivedAt = now,
                AcceptedCount = counts.Accepted, DuplicateCount = counts.Duplicate, RejectedCount = counts.Rejected,
            });

        IReadOnlyList<Guid> brokenNeighbours = [];
        var newInvoices = new NewInvoiceRows();
        if (accepted.Count > 0)
        {
            brokenNeighbours = await FlagBrokenChainsAsync(request.RegisterId, accepted, ct);
            // Issued/voided invoice numbers and their flags, saved below in the orders' transaction; never rejects a sale.
            await invoices.AddInvoicesOfAcceptedSalesAsync(request.StoreId, request.RegisterId, acceptedSales, newInvoices, now, ct, accepted);
            db.AddToOutbox(new BatchAccepted(request.BatchId, request.StoreId, request.RegisterId, accepted.Select(a => a.Id).ToList(), now), now);
        }
        // Returns after the sales and their invoices: a cancel finds the invoice of a sale in this same batch in newInvoices.
        var returns = await returnIntake.AddAsync(request, limits.Value, staff, newInvoices, now, ct);
        if (returns.ToProcess.Count > 0)
            db.AddToOutbox(new ReturnsAccepted(request.BatchId, request.StoreId, request.RegisterId, returns.ToProcess, now), now);

        var received = accepted.Select(ReceivedOrder.From).ToList();
        var claims = accepted.Select(o => new OrderClaim { OrderId = o.Id, StoreId = o.StoreId, BatchId = o.BatchId }).ToList();
        var copy = accepted.Count > 0 && db is PostgresCloudDbContext;
        if (!copy)
        {
            db.OrderClaims.AddRange(claims);
            db.ReceivedOrders.AddRange(received);
            newInvoices.AddTo(db);
        }
        await SaveAsync(request.BatchId, owner is null ? null : counts, copy ? (claims, received, newInvoices) : null, brokenNeighbours, ct);

        if (accepted.Count > 0 || returns.ToProcess.Count > 0) outboxSignal.Notify();
        PosCloudTelemetry.OrdersAccepted.Add(accepted.Count);
        PosCloudTelemetry.OrdersDuplicate.Add(counts.Duplicate);
        PosCloudTelemetry.OrdersRejected.Add(counts.Rejected);
        LogIngested(request.BatchId, request.StoreId, request.RegisterId, accepted.Count, results.Length - accepted.Count);
        if (returns.Results.Count > 0)
            LogReturnsIngested(request.BatchId, returns.Accepted.Count, returns.Results.Count - returns.Accepted.Count);
        return new Outcome(new UploadBatchResponse(request.BatchId, results, returns.Results), null);
    }

    private sealed record BatchCounts(int Accepted, int Duplicate, int Rejected);

    private sealed record Known(Guid Id, string StoreId, OrderStatus Status);

    /// <summary>
    /// The orders among <paramref name="ids"/> already claimed, with their status: final ones from Orders, the rest
    /// (waiting for their worker) Received. One query; orders stored before claims existed got theirs by migration.
    /// </summary>
    private async Task<Dictionary<Guid, Known>> ExistingAsync(Guid[] ids, CancellationToken ct) =>
        await Claimed.For(db)(db, ids).ToDictionaryAsync(k => k.Id, cancellationToken: ct);

    // The upload's reads, compiled once per model: every upload runs them, and EF's per-call query preparation (funcletizing
    // the expression, hashing it for the query cache) was a visible share of the Api's CPU in the storm (issue 15).
    private sealed record BatchOwner(string StoreId, string RegisterId);

    private static readonly CompiledPerModel<Func<CloudDbContext, Guid, CancellationToken, Task<BatchOwner?>>> OwnerOf = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, Guid batchId, CancellationToken ct) =>
            db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new BatchOwner(b.StoreId, b.RegisterId)).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<CloudDbContext, string, IAsyncEnumerable<string>>> StaffOf = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, string storeId) => db.Staff.AsNoTracking().Where(s => s.StoreId == storeId).Select(s => s.Id)));

    private static readonly CompiledPerModel<Func<CloudDbContext, Guid[], IAsyncEnumerable<Known>>> Claimed = new(() =>
        EF.CompileAsyncQuery((CloudDbContext db, Guid[] ids) =>
            from c in db.OrderClaims.AsNoTracking()
            where ids.Contains(c.OrderId)
            join o in db.Orders.AsNoTracking() on c.OrderId equals o.Id into final
            from o in final.DefaultIfEmpty()
            select new Known(c.OrderId, c.StoreId, o == null ? OrderStatus.Received : o.Status)));

    /// <summary>
    /// One transaction: the tracked changes (a new batch row, claims, received orders and new invoice rows on the EF
    /// path, outbox, invoice flags and voids of stored invoices), the claims, received orders and the new invoice rows
    /// by binary COPY on PostgreSQL, the chain flags of stored neighbours,
    /// and an existing batch's counters as atomic increments in SQL (a read-modify-write of the row lost updates
    /// under parallel resends). PostgreSQL: profiling the storm showed EF's per-row INSERTs were most of the Api's
    /// CPU and much of PostgreSQL's, hence COPY. A claimed OrderId fails the COPY with 23505 and the caller
    /// answers again from what is stored, as on the EF path.
    /// </summary>
    private async Task SaveAsync(Guid batchId, BatchCounts? increments, (List<OrderClaim> Claims, List<ReceivedOrder> Orders, NewInvoiceRows Invoices)? copied,
        IReadOnlyList<Guid> brokenNeighbours, CancellationToken ct)
    {
        // A transient failure retries the transaction with the same rows.
        var invoiceItems = copied?.Invoices.Items() ?? [];
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (copied is { } append)
            {
                await PostgresCopy.WriteAsync(db, append.Claims, ct);
                await PostgresCopy.WriteAsync(db, append.Orders, ct);
                // The sales' new invoices, their printed items and the platform messages owed: one per sale, so
                // by COPY too (EF's per-row INSERTs made an invoiced storm ~4× dearer than one without invoices).
                await PostgresCopy.WriteAsync(db, append.Invoices.Invoices, ct);
                await PostgresCopy.WriteAsync(db, invoiceItems, ct);
                await PostgresCopy.WriteAsync(db, append.Invoices.Messages, ct);
                // The dashboard's counts move in the same transaction (SaveChanges does this for tracked rows).
                await db.AddToStatusCountsAsync(StatusCountDeltas.From(append.Orders.Select(o => new OrderStatusMove(o.StoreId, null, ReceivedOrder.Status))), ct);
            }
            await db.SaveChangesAsync(false, ct);
            if (brokenNeighbours.Count > 0)
            {
                // A neighbour still waiting carries the flag to its final row. One its worker finishes meanwhile is
                // deleted from ReceivedOrders when this update gets its lock; the Orders update after it (a new
                // statement, so a new snapshot) then finds the final row.
                await db.ReceivedOrders.Where(o => brokenNeighbours.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.ChainBroken, true), ct);
                await db.Orders.Where(o => brokenNeighbours.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.ChainBroken, true), ct);
            }
            if (increments is { } c && (c.Accepted | c.Duplicate | c.Rejected) != 0)
                await db.Batches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.AcceptedCount, b => b.AcceptedCount + c.Accepted)
                    .SetProperty(b => b.DuplicateCount, b => b.DuplicateCount + c.Duplicate)
                    .SetProperty(b => b.RejectedCount, b => b.RejectedCount + c.Rejected), ct);
            await tx.CommitAsync(ct);
        }, ct);
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Checks the new sales against each other and their stored neighbours (n−1, n+1) of the same register: flags the
    /// new ones in place and returns the stored ones to flag (read untracked; see <see cref="SaveAsync"/>).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> FlagBrokenChainsAsync(string registerId, List<Order> accepted, CancellationToken ct)
    {
        if (accepted.All(o => o.Hash is null && o.PreviousHash is null)) return [];
        var numbers = accepted.SelectMany(o => new[] { o.LocalNumber - 1, o.LocalNumber + 1 }).Distinct().ToList();
        // Neighbours final or still waiting for their worker.
        var neighbours = await db.Orders.AsNoTracking().Where(o => o.RegisterId == registerId && numbers.Contains(o.LocalNumber))
            .Select(o => new { o.Id, o.LocalNumber, o.Hash, o.PreviousHash, o.ChainBroken })
            .Concat(db.ReceivedOrders.AsNoTracking().Where(o => o.RegisterId == registerId && numbers.Contains(o.LocalNumber))
                .Select(o => new { o.Id, o.LocalNumber, o.Hash, o.PreviousHash, o.ChainBroken }))
            .ToListAsync(ct);
        var broken = RegisterChain.BrokenLinks(neighbours.Select(o => new ChainLink(o.LocalNumber, o.Hash, o.PreviousHash))
            .Concat(accepted.Select(o => new ChainLink(o.LocalNumber, o.Hash, o.PreviousHash))));
        foreach (var order in accepted.Where(o => broken.Contains(o.LocalNumber)))
            order.ChainBroken = true;
        return neighbours.Where(o => broken.Contains(o.LocalNumber) && !o.ChainBroken).Select(o => o.Id).ToList();
    }

    private static OrderUploadResult Rejected(Guid orderId, IReadOnlyList<FieldError> errors) =>
        new(orderId, UploadOutcome.Rejected, OrderStatus.Failed, errors);

    private static Order ToEntity(UploadBatchRequest batch, OfflineOrder o, DateTimeOffset now)
    {
        var order = new Order
        {
            Id = o.OrderId,
            BatchId = batch.BatchId,
            StoreId = batch.StoreId,
            RegisterId = batch.RegisterId,
            LocalNumber = o.LocalNumber,
            SoldAt = o.SoldAt.ToUniversalTime(),
            StaffId = o.StaffId,
            CustomerPhone = o.CustomerPhone,
            Total = o.Total,
            PreviousHash = o.PreviousHash,
            Hash = o.Hash,
            InvoiceNumber = o.Invoice?.Number,
            ApprovedBy = string.IsNullOrWhiteSpace(o.ApprovedBy) ? null : o.ApprovedBy.Trim(),
            ReceivedAt = now,
            Lines = o.Lines.Select((l, n) => new OrderLine
            {
                OrderId = o.OrderId,
                LineNumber = n + 1,
                Sku = l.Sku.Trim(),
                TypedName = l.Name,
                Type = l.Type,
                Quantity = l.Quantity,
                ChargedUnitPrice = l.UnitPrice,
                PriceSource = l.PriceSource,
                SnapshotVersion = l.SnapshotVersion,
            }).ToList(),
            Payments = (o.Payments ?? []).Select((p, n) => new Payment
            {
                OrderId = o.OrderId,
                PaymentNumber = n + 1,
                Method = p.Method,
                Amount = p.Amount,
                Reference = p.Reference,
            }).ToList(),
        };
        order.MoveTo(OrderStatus.Received, null, now);
        return order;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} from {StoreId}/{RegisterId}: {Accepted} accepted, {NotAccepted} duplicate or rejected")]
    private partial void LogIngested(Guid batchId, string storeId, string registerId, int accepted, int notAccepted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId}: {Accepted} return(s) accepted, {NotAccepted} duplicate or rejected")]
    private partial void LogReturnsIngested(Guid batchId, int accepted, int notAccepted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} raced a concurrent upload of the same orders or invoice numbers (attempt {Attempt}); answering again from what is stored")]
    private partial void LogRace(Guid batchId, int attempt);
}
