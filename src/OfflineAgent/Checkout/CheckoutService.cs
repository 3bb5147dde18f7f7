using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Contracts;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.Snapshot;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Checkout;

/// <param name="InvoiceRefused">The register could not issue the invoice (no numbers left): nothing was saved.</param>
/// <param name="PinRetryAfter">Manager PINs are refused for this long (too many wrong ones).</param>
public sealed record SaleResult(bool Ok, IReadOnlyList<SaleError> Errors, LocalOrder? Order = null, decimal? ChangeDue = null, bool NeedsManagerPin = false, bool InvoiceRefused = false,
    TimeSpan? PinRetryAfter = null);

/// <summary>
/// Completes a sale: validates, then in ONE SQLite transaction takes the next sale number, links the
/// hash chain, issues the invoice (seam), writes order + lines + payments as Pending (which is the
/// upload queue), and commits. A process killed anywhere before the commit leaves nothing behind.
/// </summary>
public sealed class CheckoutService(
    IDbContextFactory<AgentDbContext> dbFactory,
    SnapshotCache snapshot,
    ConnectivityMonitor connectivity,
    ISaleInvoiceStep invoiceStep,
    ReceiptPrinting printing,
    UploadSignal uploadSignal,
    PinLockout pinLockout,
    IOptions<AgentOptions> agentOptions,
    IOptions<InvoicingOptions> invoicing,
    IOptions<TestHookOptions> hooks,
    TimeProvider time,
    ILogger<CheckoutService> log)
{
    private readonly SemaphoreSlim _oneSaleAtATime = new(1, 1);

    public SaleLimits Limits => new(agentOptions.Value.MaxUnitPrice, agentOptions.Value.MaxQuantity);

    public async Task<SaleResult> CompleteAsync(SaleInput input, CancellationToken ct)
    {
        var options = agentOptions.Value;
        var errors = SaleRules.ValidateSale(input, Limits, snapshot.StaffIds).ToList();
        var buyer = BuyerInput.From(input);
        errors.AddRange(InvoiceRules.ValidateBuyer(buyer, DateOnly.FromDateTime(TaiwanTime.Local(time.GetUtcNow()))));
        if (errors.Count > 0) return new(false, errors);

        var lines = input.Lines!;
        var total = SaleRules.Total(lines);
        if (InvoiceRules.ValidateTotal(total) is { } notWhole) return new(false, [notWhole]);
        string? approvedBy = null;
        if (SaleRules.NeedsManagerApproval(total, options.EffectiveSaleCap))
        {
            var approval = pinLockout.Check(input.ManagerPin, options, "checkout");
            if (!approval.Approved)
                return new(false, [new("managerPin", approval.Code, approval.RetryAfter is { } wait
                    ? PinLockout.Message(wait)
                    : $"A sale above {options.EffectiveSaleCap:0} needs a manager's PIN.")], NeedsManagerPin: true, PinRetryAfter: approval.RetryAfter);
            approvedBy = approval.ApprovedBy;
        }

        var version = snapshot.Current?.Version;
        var phone = SaleRules.NormalizePhone(input.CustomerPhone);
        var orderLines = lines.Select((l, i) =>
        {
            var product = snapshot.FindProduct(l.Sku);
            return new LocalLine
            {
                LineNumber = i + 1,
                Sku = SaleRules.NormalizeSku(l.Sku),
                Name = string.IsNullOrWhiteSpace(l.Name) ? product?.Name : l.Name.Trim(),
                Type = l.Type,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
                PriceSource = SaleRules.PriceSource(product, l),
                SnapshotVersion = version,
                InCachedCatalog = product is not null,
            };
        }).ToList();
        var payment = input.PaymentMethod == "cash"
            ? new LocalPayment { Sequence = 1, Method = "cash", Amount = total }
            : new LocalPayment { Sequence = 1, Method = "card", Amount = total, Reference = input.CardReference!.Trim() };

        // One sale at a time: the sequence and the chain are strictly serial; this also keeps two
        // quick double-clicks on 「完成」 from racing each other.
        await _oneSaleAtATime.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken now, not at the first write.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var register = await db.Register.SingleAsync(ct);
            var order = new LocalOrder
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                LocalNumber = register.LastLocalNumber + 1,
                SoldAt = time.GetUtcNow(),
                StoreId = options.StoreId,
                RegisterId = options.RegisterId,
                StaffId = input.StaffId!.Trim(),
                StaffName = snapshot.Current?.Staff.FirstOrDefault(s => s.StaffId == input.StaffId)?.Name,
                CustomerPhone = phone,
                CustomerName = snapshot.FindCustomer(phone)?.Name,
                Total = total,
                CashTendered = input.PaymentMethod == "cash" ? input.CashTendered : null,
                MadeOffline = !connectivity.IsOnline,
                ApprovedBy = approvedBy,
                SnapshotVersion = version,
                PreviousHash = register.LastHash,
                State = AgentOrderState.Pending,
                Lines = orderLines,
                Payments = [payment],
                BuyerTaxId = buyer.TaxId,
                CarrierType = buyer.Carrier is { } carrier ? InvoiceRules.CarrierTypeOf(carrier) : null,
                CarrierId = buyer.Carrier,
                DonationCode = buyer.DonationCode,
                PrintItems = InvoiceRules.PrintsItems(input.PrintItems, invoicing.Value.PrintItemsByDefault, buyer.TaxId),
            };

            try
            {
                await IssueInvoiceAsync(db, order, ct);
            }
            catch (InvoiceRefusedException refused)
            {
                // Disposing the transaction rolls back: no sale without its invoice.
                log.LogWarning("Sale refused, no invoice could be issued: {Reason}", refused.Message);
                return new(false, [new("invoice", refused.Code, refused.Message)], InvoiceRefused: true);
            }

            order.Hash = SaleHash.Compute(order);
            register.LastLocalNumber = order.LocalNumber;
            register.LastHash = order.Hash;
            db.Orders.Add(order);
            await db.SaveChangesAsync(ct);

            if (hooks.Value.DelayInsideSaleTransactionMs > 0)
            {
                // Crash tests kill the process here: written but not committed.
                log.LogWarning("TEST HOOK: sale #{Number} written, waiting {Ms} ms before commit.", order.LocalNumber, hooks.Value.DelayInsideSaleTransactionMs);
                await Task.Delay(hooks.Value.DelayInsideSaleTransactionMs, ct);
            }
            await tx.CommitAsync(ct);

            log.LogInformation("Sale #{Number} {OrderId} completed: {Lines} lines, total {Total}, {Method}{Offline}.",
                order.LocalNumber, order.Id, order.Lines.Count, order.Total, payment.Method, order.MadeOffline ? ", made OFFLINE" : "");
            uploadSignal.Wake();
            await AfterCommitAsync(order, ct);
            return new(true, [], order, input.PaymentMethod == "cash" ? SaleRules.ChangeDue(total, input.CashTendered!.Value) : null);
        }
        finally
        {
            _oneSaleAtATime.Release();
        }
    }

    /// <summary>
    /// Invoicing seam: one more step inside the sale's transaction (see <see cref="ISaleInvoiceStep"/>).
    /// The invoice number is set before the hash, so it is part of the chained content.
    /// </summary>
    private Task IssueInvoiceAsync(AgentDbContext db, LocalOrder order, CancellationToken ct) => invoiceStep.IssueAsync(db, order, ct);

    /// <summary>After the commit: the proof is queued for the printer (background). A printer jam must never undo a sale.</summary>
    private Task AfterCommitAsync(LocalOrder order, CancellationToken ct) => printing.AfterSaleAsync(order.Id, ct);

    /// <summary>What one scanned keystroke-burst + Enter becomes: the SKU checked and looked up in the cached catalog.</summary>
    public ScanResult Scan(string? sku, LineType type)
    {
        if (SaleRules.ValidateSku(sku) is { } error) return new(false, error, null, null, null, null, false);
        var product = snapshot.FindProduct(sku);
        if (product is null)
            return new(true, null, SaleRules.NormalizeSku(sku), null, null, new("sku", "sku.notInCatalog", "Not in the cached catalog: type the name and price; the cloud will check it."), false);
        return new(true, null, product.Sku, product.Name, SaleRules.CatalogPrice(product, type), null, true)
        {
            ListPrice = product.ListPrice,
            AddOnPrice = product.AddOnPrice,
            GiftEligible = product.GiftEligible,
            Active = product.Active,
        };
    }
}

/// <summary>The answer to a scan. Warning is set (and Ok still true) when the SKU is unknown: warn, never block.</summary>
public sealed record ScanResult(bool Ok, SaleError? Error, string? Sku, string? Name, decimal? Price, SaleError? Warning, bool FromCatalog)
{
    public decimal? ListPrice { get; init; }
    public decimal? AddOnPrice { get; init; }
    public bool GiftEligible { get; init; }
    public bool Active { get; init; } = true;
}
