using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Invoicing.Numbers;
using PosCloud.OfflineAgent.Connectivity;
using PosCloud.OfflineAgent.Guards;
using PosCloud.OfflineAgent.Hosting;
using PosCloud.OfflineAgent.Invoicing;
using PosCloud.OfflineAgent.LocalStore;
using PosCloud.OfflineAgent.UploadQueue;

namespace PosCloud.OfflineAgent.Returns;

/// <summary>The outcome of a return; nothing was saved unless Ok.</summary>
public sealed record ReturnResult(bool Ok, IReadOnlyList<ReturnError> Errors, ReturnPlan? Plan = null, LocalReturn? Return = null,
    bool NeedsManagerPin = false, TimeSpan? PinRetryAfter = null);

/// <summary>What the clerk sends to preview or take a return.</summary>
public sealed record ReturnInput(Guid? OrderId, string? Code, bool Whole, IReadOnlyList<ReturnLineInput>? Lines, string? Reason,
    string? RefundMethod, string? CardReference, string? StaffId, string? ManagerPin, string? BuyerConsent);

public sealed record ReturnLineInput(int LineIndex, decimal Quantity);

/// <summary>What the clerk sends to cancel a return's allowance (作廢折讓).</summary>
public sealed record AllowanceCancelInput(string? Reason, string? StaffId, string? ManagerPin);

/// <summary>
/// Takes a return: finds the sale (this register's history, else the cloud when online), plans it by the rules, and in
/// ONE SQLite transaction writes the return with its lines and refund, the cancel mark on the sale, the replacement
/// invoice's number (block state) and the allowance, and the print jobs. A process killed before the commit leaves
/// none of it; numbers taken by a committed return are never issued again (unique indexes back the allocator).
/// </summary>
public sealed class ReturnService(
    IDbContextFactory<AgentDbContext> dbFactory,
    InvoiceIssuer issuer,
    CloudOrdersClient cloud,
    ConnectivityMonitor connectivity,
    ReceiptPrinting printing,
    UploadSignal uploadSignal,
    PinLockout pinLockout,
    Snapshot.SnapshotCache snapshot,
    IOptions<AgentOptions> agentOptions,
    IOptions<ReturnsOptions> returnsOptions,
    IOptions<PrinterOptions> printer,
    IOptions<InvoicingOptions> invoicing,
    IOptions<TestHookOptions> hooks,
    TimeProvider time,
    ILogger<ReturnService> log)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public decimal ApprovalAbove => returnsOptions.Value.EffectiveApprovalAbove(agentOptions.Value.ManagerPinConfigured);

    /// <summary>This register's store (the screen names a sale of another store).</summary>
    public string StoreId => agentOptions.Value.StoreId;

    /// <summary>The seller this register issues under: a replacement invoice is only ours to issue for a sale of the same seller.</summary>
    private string OwnSellerTaxId => InvoiceRules.SellerFor(snapshot.Current, invoicing.Value).Identifier;

    /// <summary>Finds the sale by order id or by what was scanned/typed (Code 39, the left QR, the invoice number).</summary>
    public async Task<(ReturnSale? Sale, string? Why)> FindAsync(Guid? orderId, string? code, CancellationToken ct)
    {
        var key = orderId is { } id ? new SaleKey(id, null, null) : SaleCodes.Parse(code);
        if (key is null) return (null, "code.unreadable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var localId = key.OrderId ?? await LocalOrderIdAsync(db, key, ct);
        if (localId is { } lid && await db.Orders.AsNoTracking().Where(o => o.Id == lid).Select(o => (AgentOrderState?)o.State).SingleOrDefaultAsync(ct) is { } state)
            return (await LoadLocalAsync(db, lid, state == AgentOrderState.Pending ? null : await CloudReturnsAsync(lid, ct), ct), null);
        if (!connectivity.IsOnline) return (null, "sale.notHereOffline");
        return await LoadRemoteAsync(db, key, ct);
    }

    public async Task<ReturnResult> PreviewAsync(ReturnInput input, CancellationToken ct)
    {
        var (sale, why) = await FindAsync(input.OrderId, input.Code, ct);
        if (sale is null) return new(false, [NotFound(why)]);
        var plan = ReturnPlanning.Plan(sale, Ask(input), time.GetUtcNow(), returnsOptions.Value.FilingCutoffDay, ApprovalAbove, OwnSellerTaxId);
        return new(plan.Ok, plan.Errors, plan, NeedsManagerPin: plan.NeedsManagerPin);
    }

    public async Task<ReturnResult> TakeAsync(ReturnInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.StaffId)) return new(false, [new("staffId", "staff.required", "請先登入收銀員 (sign in a clerk first).")]);
        // The same rule as a sale: the clerk is on this store's staff list (a stale page cannot record a stranger).
        var staff = snapshot.StaffIds;
        if (staff.Count > 0 && !staff.Contains(input.StaffId.Trim())) return new(false, [new("staffId", "staff.unknown", "不在本店員工名單 (not on this store's staff list).")]);
        var (found, why) = await FindAsync(input.OrderId, input.Code, ct);
        if (found is null) return new(false, [NotFound(why)]);

        await _oneAtATime.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // IMMEDIATE: the write lock now, so the sale's returns cannot change between the check and the write.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sale = found.Remote ? await MergeReturnsAsync(db, found, ct) : await LoadLocalAsync(db, found.OrderId, found.CloudReturns, ct);
            var now = time.GetUtcNow();
            var plan = ReturnPlanning.Plan(sale, Ask(input), now, returnsOptions.Value.FilingCutoffDay, ApprovalAbove, OwnSellerTaxId);
            if (!plan.Ok) return new(false, plan.Errors, plan);
            string? approvedBy = null;
            if (plan.NeedsManagerPin)
            {
                var approval = pinLockout.Check(input.ManagerPin, agentOptions.Value, "return");
                if (!approval.Approved)
                    return new(false, [new("managerPin", approval.Code, approval.RetryAfter is { } wait ? PinLockout.Message(wait)
                        : $"退款超過 {ApprovalAbove:0} 元需主管密碼 (a refund above {ApprovalAbove:0} needs a manager's PIN).")], plan, NeedsManagerPin: true, PinRetryAfter: approval.RetryAfter);
                approvedBy = approval.ApprovedBy;
            }

            var register = await db.Register.SingleAsync(ct);
            register.LastReturnNumber++;
            var ret = new LocalReturn
            {
                Id = Guid.CreateVersion7(now),
                LocalNumber = register.LastReturnNumber,
                OrderId = sale.OrderId,
                OriginalIsRemote = sale.Remote,
                OriginalJson = JsonSerializer.Serialize(sale, Json),
                ReturnedAt = now,
                StaffId = input.StaffId.Trim(),
                Reason = input.Reason!.Trim(),
                ApprovedBy = approvedBy,
                MadeOffline = !connectivity.IsOnline,
                RefundMethod = input.RefundMethod!,
                RefundReference = input.RefundMethod == "card" ? input.CardReference!.Trim() : null,
                RefundTotal = plan.RefundTotal,
                Document = plan.Document.ToString(),
                OriginalInvoicePeriod = sale.InvoicePeriod,
                OriginalInvoiceNumber = sale.InvoiceNumber,
                OriginalInvoiceIssuedAt = sale.InvoiceIssuedAt,
                CollectPaperProof = plan.CollectPaperProof,
                State = AgentOrderState.Pending,
                Lines = plan.Lines.Select(l => new LocalReturnLine { LineIndex = l.LineIndex, Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, UnitPrice = l.UnitPrice, Amount = l.Amount }).ToList(),
            };
            db.Returns.Add(ret);
            await StepAsync(db, "return", ct);

            if (plan.Document is ReturnDocument.Cancel or ReturnDocument.CancelAndReissue)
            {
                ret.CancelledInvoicePeriod = sale.InvoicePeriod;
                ret.CancelledInvoiceNumber = sale.InvoiceNumber;
                ret.CancelledAt = now;
                if (!sale.Remote && plan.Document == ReturnDocument.Cancel)
                    await db.Orders.Where(o => o.Id == sale.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.InvoiceCancelledAt, now), ct);
                await StepAsync(db, "cancel", ct);
            }
            if (plan.Document == ReturnDocument.CancelAndReissue)
            {
                try
                {
                    var (number, random) = await issuer.TakeNumberAsync(db, agentOptions.Value.RegisterId, now, ct);
                    ret.ReplacementInvoiceNumber = number;
                    ret.ReplacementRandomCode = random;
                    ret.ReplacementIssuedAt = now;
                    ret.ReplacementLinesJson = JsonSerializer.Serialize(plan.Kept, Json);
                }
                catch (InvoiceRefusedException refused)
                {
                    log.LogWarning("Return refused, no number for the replacement invoice: {Reason}", refused.Message);
                    return new(false, [new("invoice", refused.Code, "無法開立新發票，退貨未儲存 (no invoice number for the replacement; nothing was saved): " + refused.Message)], plan);
                }
                await StepAsync(db, "replacement", ct);
            }
            if (plan.Document == ReturnDocument.Allowance)
            {
                var (items, tax, net) = ReturnRules.Allowance(plan.Lines.Select(l => (sale.Lines.First(s => s.Index == l.LineIndex), l.Quantity, l.Amount)).ToList());
                ret.AllowanceNumber = ReturnRules.AllowanceNumber(sale.InvoicePeriod!, sale.InvoiceNumber!, sale.AllowancesOnInvoice);
                ret.AllowanceTax = tax;
                ret.AllowanceNet = net;
                ret.BuyerConsent = sale.BuyerTaxId is null ? input.BuyerConsent ?? "signed" : "signed";
                await StepAsync(db, "allowance", ct);
            }
            if (printer.Value.Configured && ReturnDocuments.Prints(ret, sale))
                db.PrintJobs.Add(new PrintJobRow { Id = Guid.CreateVersion7(now), OrderId = sale.OrderId, ReturnId = ret.Id, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(ct);

            if (hooks.Value.DelayInsideReturnTransactionMs > 0)
            {
                log.LogWarning("TEST HOOK: return #{Number} written, waiting {Ms} ms before commit.", ret.LocalNumber, hooks.Value.DelayInsideReturnTransactionMs);
                await Task.Delay(hooks.Value.DelayInsideReturnTransactionMs, ct);
            }
            await tx.CommitAsync(ct);
            log.LogInformation("Return #{Number} {ReturnId} of sale {OrderId}: {Document}, refund {Refund} {Method}{Offline}.",
                ret.LocalNumber, ret.Id, sale.OrderId, plan.Document, ret.RefundTotal, ret.RefundMethod, ret.MadeOffline ? ", made OFFLINE" : "");
            uploadSignal.Wake();
            await printing.AfterReturnAsync(ret.Id, ct);
            return new(true, [], plan, ret);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Cancels a return's allowance issued by mistake (作廢折讓, <see cref="AllowanceCancelRules"/>): always with a
    /// manager's PIN; in ONE transaction the return records the cancel and the refund taken back, and is queued to
    /// travel again (the cloud answers the return duplicate and stores the cancel once, with its G0501). The sale's
    /// quantities are returnable again from this commit (the sale's returns no longer count this one).
    /// </summary>
    public async Task<ReturnResult> CancelAllowanceAsync(Guid returnId, AllowanceCancelInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.StaffId)) return new(false, [new("staffId", "staff.required", "請先登入收銀員 (sign in a clerk first).")]);
        var staff = snapshot.StaffIds;
        if (staff.Count > 0 && !staff.Contains(input.StaffId.Trim())) return new(false, [new("staffId", "staff.unknown", "不在本店員工名單 (not on this store's staff list).")]);
        await _oneAtATime.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ret = await db.Returns.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == returnId, ct);
            if (ret is null) return new(false, [new("returnId", "return.notFound", "找不到此筆退貨 (return not found).")]);
            var now = time.GetUtcNow();
            var errors = AllowanceCancelRules.Check(Allowance(ret), now, returnsOptions.Value.FilingCutoffDay, input.Reason);
            if (errors.Count > 0) return new(false, errors, Return: ret);
            var approval = pinLockout.Check(input.ManagerPin, agentOptions.Value, "allowance cancel");
            if (!approval.Approved)
                return new(false, [new("managerPin", approval.Code, approval.RetryAfter is { } wait ? PinLockout.Message(wait)
                    : "作廢折讓需主管密碼 (cancelling an allowance needs a manager's PIN).")], Return: ret, NeedsManagerPin: true, PinRetryAfter: approval.RetryAfter);
            ret.AllowanceCancelId = Guid.CreateVersion7(now);
            ret.AllowanceCancelledAt = now;
            ret.AllowanceCancelReason = ReturnRules.CancelReason(input.Reason!);
            ret.AllowanceCancelStaffId = input.StaffId.Trim();
            ret.AllowanceCancelApprovedBy = approval.ApprovedBy ?? "store-manager-pin";
            ret.RefundTakenBack = ret.RefundTotal;
            ret.AllowanceCancelState = "Pending";
            ret.AllowanceCancelErrors = null;
            // Sent again (with its cancel) by the next batch; a return still waiting for its first upload carries it then.
            ret.BatchId = null;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Allowance {Number} of return #{Return} cancelled (G0501 owed), refund {Refund} {Method} taken back; approved by {Approver}.",
                ret.AllowanceNumber, ret.LocalNumber, ret.RefundTakenBack, ret.RefundMethod, ret.AllowanceCancelApprovedBy);
            uploadSignal.Wake();
            return new(true, [], Return: ret);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    internal static AllowanceToCancel Allowance(LocalReturn r) =>
        new(r.AllowanceNumber, r.ReturnedAt, r.AllowanceCancelId is not null, r.State == AgentOrderState.Rejected);

    /// <summary>Crash tests: TestHooks:FailReturnAfterStep throws after the named step, inside the transaction.</summary>
    private async Task StepAsync(AgentDbContext db, string step, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (string.Equals(hooks.Value.FailReturnAfterStep, step, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"TEST HOOK: return failed after step '{step}'.");
    }

    private static ReturnAsk Ask(ReturnInput input) => new(input.Whole,
        (input.Lines ?? []).Select(l => new LineQuantity(l.LineIndex, l.Quantity)).ToList(),
        input.Reason, input.RefundMethod, input.CardReference, input.BuyerConsent);

    internal static ReturnError NotFound(string? why) => why switch
    {
        "code.unreadable" => new("code", why, "無法辨識：請掃描發票證明聯的條碼、輸入發票號碼（如 AB-12345678）或從訂單列表選擇 (scan the proof's barcode, type the invoice number or pick the sale)."),
        "sale.notHereOffline" => new("code", why, "本機沒有這筆交易；離線時只能退本收銀機的交易，請連線後再查詢 (not a sale of this register; other registers' sales need the cloud)."),
        "ambiguous" => new("code", why, "這個發票號碼在多個期別出現，請掃描條碼 (the number was used in several periods: scan the barcode)."),
        "noInvoice" => new("code", why, "雲端的這張發票沒有對應的交易 (the cloud has no sale for this invoice)."),
        "voided" => new("code", why, "這張發票已作廢 (this invoice is already cancelled)."),
        "remote.needsInvoice" => new("code", why, "其他收銀機的交易請掃描發票證明聯或輸入發票號碼 (another register's sale: scan its proof or type its invoice number)."),
        "unreachable" => new("code", why, "雲端無法連線，請稍後再試 (the cloud cannot be reached; try again)."),
        { } w when w.StartsWith("cloud", StringComparison.Ordinal) => new("code", "cloud.refused", $"雲端無法提供這筆交易，請聯絡總部 (the cloud refused the lookup: HTTP {w[5..]})."),
        _ => new("code", why ?? "sale.notFound", "找不到這筆交易 (no such sale here or in the cloud)."),
    };

    private static async Task<Guid?> LocalOrderIdAsync(AgentDbContext db, SaleKey key, CancellationToken ct)
    {
        if (key.Number is null) return null;
        var orders = await db.Orders.AsNoTracking().Where(o => o.InvoiceNumber == key.Number).Select(o => new { o.Id, o.InvoiceIssuedAt, o.SoldAt }).ToListAsync(ct);
        var match = orders.FirstOrDefault(o => key.Period is null || InvoicePeriodOf(o.InvoiceIssuedAt ?? o.SoldAt) == key.Period);
        if (match is not null) return match.Id;
        var replaced = await db.Returns.AsNoTracking().Where(r => r.ReplacementInvoiceNumber == key.Number).Select(r => r.OrderId).ToListAsync(ct);
        return replaced.Count > 0 ? replaced[0] : null;
    }

    internal static string InvoicePeriodOf(DateTimeOffset at) => InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(at))).Code;

    /// <summary>This register's sale with what its own returns (and the cloud's, when known) already did.</summary>
    private static async Task<ReturnSale> LoadLocalAsync(AgentDbContext db, Guid orderId, IReadOnlyList<CloudReturnSeen>? cloudReturns, CancellationToken ct)
    {
        var o = await db.Orders.AsNoTracking().Include(x => x.Lines).Include(x => x.Payments).AsSplitQuery().SingleAsync(x => x.Id == orderId, ct);
        var lines = o.Lines.OrderBy(l => l.LineNumber).Select((l, i) => new SoldLine(i, l.Sku, l.Name, l.Quantity, l.UnitPrice)).ToList();
        var sale = new ReturnSale(o.Id, false, o.StoreId, o.RegisterId, o.LocalNumber, o.SoldAt, o.Total, lines, string.Join("+", o.Payments.OrderBy(p => p.Sequence).Select(p => p.Method)),
            o.InvoiceNumber is null ? null : InvoicePeriodOf(o.InvoiceIssuedAt ?? o.SoldAt), o.InvoiceNumber, o.InvoiceIssuedAt, o.BuyerTaxId, o.CarrierType, o.CarrierId, o.DonationCode,
            [], 0, o.InvoiceCancelledAt is not null, o.State != AgentOrderState.Pending, cloudReturns, null, o.SellerTaxId, o.SellerName);
        return await MergeReturnsAsync(db, sale, ct);
    }

    /// <summary>
    /// Folds the sale's earlier returns in — this register's (from the store) and the cloud's others (by id, so none
    /// counts twice): quantities back, allowances on the current invoice, a replacement invoice replacing the original.
    /// </summary>
    private static async Task<ReturnSale> MergeReturnsAsync(AgentDbContext db, ReturnSale sale, CancellationToken ct)
    {
        var mine = await db.Returns.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == sale.OrderId).OrderBy(r => r.LocalNumber).ToListAsync(ct);
        var others = (sale.CloudReturns ?? []).Where(c => mine.All(m => m.Id != c.ReturnId)).ToList();
        // A return whose allowance was cancelled is undone: its quantities are returnable again (its allowance number still counts below: never reused).
        var returned = mine.Where(r => r.AllowanceCancelId is null).SelectMany(r => r.Lines.Select(l => new LineQuantity(l.LineIndex, l.Quantity)))
            .Concat(others.Where(o => !o.Undone).SelectMany(o => o.Lines)).ToList();
        var current = sale;
        foreach (var r in mine)
        {
            if (r.ReplacementInvoiceNumber is { } n)
                current = current with { InvoicePeriod = InvoicePeriodOf(r.ReplacementIssuedAt!.Value), InvoiceNumber = n, InvoiceIssuedAt = r.ReplacementIssuedAt };
            else if (r.CancelledInvoiceNumber is not null && r.CancelledInvoiceNumber == current.InvoiceNumber)
                current = current with { InvoiceCancelled = true };
        }
        var allowances = mine.Count(r => r.AllowanceNumber is not null && r.OriginalInvoiceNumber == current.InvoiceNumber)
            + (current.InvoiceNumber == sale.InvoiceNumber ? others.Count(o => o.Allowance) : 0);
        return current with { ReturnedBefore = returned, AllowancesOnInvoice = allowances };
    }

    /// <summary>While online, the cloud's word on the sale's returns (never waits long: a return must not hang on the network).</summary>
    private async Task<IReadOnlyList<CloudReturnSeen>?> CloudReturnsAsync(Guid orderId, CancellationToken ct)
    {
        if (!connectivity.IsOnline) return null;
        var (view, _) = await cloud.GetOrderAsync(orderId, ct, TimeSpan.FromSeconds(3));
        return view?.Returns is { } returns ? Seen(returns) : null;
    }

    private static List<CloudReturnSeen> Seen(IReadOnlyList<Contracts.Orders.ReturnView> returns) =>
        returns.Select(r => new CloudReturnSeen(r.ReturnId, r.Lines.Select(l => new LineQuantity(l.LineIndex, l.Quantity)).ToList(), r.InvoiceOutcome == "allowance", r.AllowanceCancelledAt is not null)).ToList();

    /// <summary>
    /// Another register's or another store's sale, from the cloud's returnable-sale read (one path for both): found by
    /// its invoice, with its lines, the invoice as printed (date, buyer, seller: what F0501/G0401 need) and the earlier
    /// returns at any register.
    /// </summary>
    private async Task<(ReturnSale? Sale, string? Why)> LoadRemoteAsync(AgentDbContext db, SaleKey key, CancellationToken ct)
    {
        // Found by its invoice: by order id alone the cloud's sale does not say which invoice to cancel or allow, and a
        // refund without its invoice change would leave the invoice standing.
        if (key.Number is not { } number) return (null, "remote.needsInvoice");
        var (view, unavailable) = await cloud.GetReturnableSaleAsync(key.Period, number, ct, TimeSpan.FromSeconds(5));
        if (view is null) return (null, unavailable);
        if (view.Invoice.Voided) return (null, "voided");
        var sale = FromCloud(view);
        if (sale.StoreId != agentOptions.Value.StoreId)
            log.LogInformation("Sale {OrderId} of store {SaleStoreId} found in the cloud for a return at this store.", sale.OrderId, sale.StoreId);
        return (await MergeReturnsAsync(db, sale, ct), null);
    }

    /// <summary>The cloud's returnable sale as a return sees it (pure).</summary>
    internal static ReturnSale FromCloud(Contracts.Orders.ReturnableSaleView v)
    {
        var lines = v.Lines.OrderBy(l => l.LineIndex).Select(l => new SoldLine(l.LineIndex, l.Sku, l.Name, l.Quantity, l.ChargedUnitPrice)).ToList();
        var seen = v.Returns.Select(r => new CloudReturnSeen(r.ReturnId, r.Lines.Select(l => new LineQuantity(l.LineIndex, l.Quantity)).ToList(),
            r.AllowanceNumber is not null && r.OriginalInvoiceNumber == v.Invoice.Number)).ToList();
        var methods = v.Payments.Count == 0 ? null : string.Join("+", v.Payments.Select(p => p.Method));
        return new ReturnSale(v.OrderId, true, v.StoreId, v.RegisterId, v.LocalNumber, v.SoldAt, v.Total, lines, methods,
            v.Invoice.Period, v.Invoice.Number, v.Invoice.IssuedAt, v.Invoice.BuyerTaxId, v.Invoice.CarrierType, null, v.Invoice.DonationCode,
            [], 0, v.Invoice.Voided, true, seen, v.StoreName, v.Invoice.SellerTaxId, v.Invoice.SellerName);
    }
}

