using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Orders;
using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;
using PosCloud.Core.Stores;
using PosCloud.IntegrationTests.Support;
using PosCloud.Reconciliation.Returns;

namespace PosCloud.IntegrationTests;

/// <summary>Returns in the cloud on PostgreSQL + RabbitMQ (an Api and a Workers host): exactly once, waiting for the original, race-safe take-back.</summary>
public class ReturnsTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    private const string SecondRegisterKey = "test-register-key-S001-R2";
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-2);
    /// <summary>When the invoiced sales were made (whole seconds, as an invoice prints), and their invoice period.</summary>
    private static readonly DateTimeOffset InvoicedAt = DateTimeOffset.FromUnixTimeSeconds(Earlier.ToUnixTimeSeconds());
    private static readonly string InvoicedPeriod = Invoicing.Numbers.InvoicePeriod.Of(Invoicing.Numbers.TaiwanTime.Local(InvoicedAt)).Code;

    private static OfflineReturn ReturnOf(OfflineOrder sale, int lineIndex = 0, decimal quantity = 1, long localNumber = 1)
    {
        var line = sale.Lines[lineIndex];
        var amount = line.UnitPrice * quantity;
        return new OfflineReturn(Guid.NewGuid(), sale.OrderId, localNumber, DateTimeOffset.UtcNow.AddMinutes(-1), "S001-E02", "尺寸不合",
            [new OfflineReturnLine(lineIndex, line.Sku, quantity, amount)], [new OfflinePayment("cash", amount)], amount);
    }

    private static UploadBatchRequest Batch(string registerId, IReadOnlyList<OfflineOrder> orders, params OfflineReturn[] returns) =>
        new(Guid.NewGuid(), "S001", registerId, orders, returns);

    private static async Task<ReturnView> GetReturnAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<ReturnView>($"/api/v1/returns/{id}"))!;

    private static async Task<ReturnView> WaitUntilFinalAsync(HttpClient client, Guid returnId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await GetReturnAsync(client, returnId);
            if (view.Status.IsFinal()) return view;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Return {returnId} is still {view.Status} ({view.StatusReason}).");
            await Task.Delay(150);
        }
    }

    [SkippableFact]
    public async Task A_return_before_its_original_waits_then_resolves_when_the_original_is_reconciled()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var sale = Scenario.Order(5001, Earlier, new OfflineOrderLine("FD-0500049", "芒果乾", LineType.Regular, 3, 91m));
        var r = ReturnOf(sale, quantity: 2);

        var first = await Scenario.UploadAsync(client, Batch("S001-R1", [], r));
        Assert.Empty(first.Results);
        Assert.Equal((UploadOutcome.Accepted, OrderStatus.Received), (Assert.Single(first.Returns!).Outcome, first.Returns![0].Status));
        // It says why from the start: the original is not here (the API and the store see 等待原銷售單, not a bare Received).
        Assert.Equal(ReturnProcessing.WaitingReason, (await GetReturnAsync(client, r.ReturnId)).StatusReason);
        Assert.Equal(PosCloud.Contracts.Orders.ReturnStatusReasons.WaitingForOriginal, ReturnProcessing.WaitingReason);

        // The worker sees no original: the return waits (still Received, with the reason).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReturnView waiting;
        do { waiting = await GetReturnAsync(client, r.ReturnId); await Task.Delay(100); }
        while (waiting.StatusReason is null && DateTime.UtcNow < deadline);
        Assert.Equal(OrderStatus.Received, waiting.Status);
        Assert.Equal(ReturnProcessing.WaitingReason, waiting.StatusReason);

        await Scenario.UploadAsync(client, Scenario.Batch(sale));
        var done = await WaitUntilFinalAsync(client, r.ReturnId);
        Assert.Equal(OrderStatus.Reconciled, done.Status);
        Assert.Null(done.StatusReason);
        var order = await Scenario.GetOrderAsync(client, sale.OrderId);
        Assert.Equal(r.ReturnId, Assert.Single(order.Returns!).ReturnId);
        Assert.Equal(273m - 182m, order.NetTotal);
    }

    [SkippableFact]
    public async Task The_same_return_sent_twice_at_once_is_stored_once_and_the_second_answer_is_duplicate()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var sale = Scenario.Order(5101, Earlier);
        await Scenario.UploadAsync(client, Scenario.Batch(sale));
        var r = ReturnOf(sale);

        var answers = await Task.WhenAll(
            Scenario.UploadAsync(client, Batch("S001-R1", [], r)),
            Scenario.UploadAsync(client, Batch("S001-R1", [], r)));
        var again = await Scenario.UploadAsync(client, Batch("S001-R1", [], r));

        Assert.Equal([UploadOutcome.Accepted, UploadOutcome.Duplicate], answers.Select(a => a.Returns![0].Outcome).Order());
        Assert.Equal(UploadOutcome.Duplicate, again.Returns![0].Outcome);
        Assert.Equal(1, await api.WithDbAsync(db => db.Returns.CountAsync(x => x.Id == r.ReturnId)));
        Assert.Equal(1, await api.WithDbAsync(db => db.ReturnLines.CountAsync(x => x.ReturnId == r.ReturnId)));
        Assert.Equal(OrderStatus.Reconciled, (await WaitUntilFinalAsync(client, r.ReturnId)).Status);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));
    }

    [SkippableFact]
    public async Task Two_registers_returning_the_same_sale_never_take_back_more_than_was_sold()
    {
        var api = cloud.Require().Api;
        await api.WithDbAsync(async db =>
        {
            // The demo's S001 has one register: a second one for this test.
            if (!await db.Registers.AnyAsync(x => x.Id == "S001-R2"))
                db.Registers.Add(new Register { Id = "S001-R2", StoreId = "S001", ApiKeyHash = ApiKeyHash.Of(SecondRegisterKey) });
            return await db.SaveChangesAsync();
        });
        using var r1 = api.CreateRegisterClient();
        using var r2 = api.CreateRegisterClient(SecondRegisterKey);
        var sale = Scenario.Order(5201, Earlier);
        await Scenario.UploadAsync(r1, Scenario.Batch(sale));
        await Scenario.WaitUntilFinalAsync(r1, [sale.OrderId], TimeSpan.FromSeconds(60));

        // The one coat sold comes back at both registers at the same time.
        var atR1 = ReturnOf(sale);
        var atR2 = ReturnOf(sale) with { LocalNumber = 1 };
        await Task.WhenAll(Scenario.UploadAsync(r1, Batch("S001-R1", [], atR1)), Scenario.UploadAsync(r2, Batch("S001-R2", [], atR2)));

        var views = new[] { await WaitUntilFinalAsync(r1, atR1.ReturnId), await WaitUntilFinalAsync(r2, atR2.ReturnId) };
        Assert.Equal(1, views.Count(v => v.Status == OrderStatus.Reconciled));
        var refused = Assert.Single(views, v => v.Status == OrderStatus.NeedsReview);
        Assert.Contains("only 0 of 1 sold are left", refused.StatusReason);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));
        var order = await Scenario.GetOrderAsync(r1, sale.OrderId);
        Assert.Equal(2, order.Returns!.Count);
        Assert.Equal(0m, order.NetTotal); // only the return that took the coat back is netted
    }

    [SkippableFact]
    public async Task Concurrent_processors_on_PostgreSQL_take_back_exactly_what_is_left()
    {
        // Beside the bus's own consumers, eight processors at once (each its own scope and connection) on eight
        // returns of one unit each against a line of three: the conditional update lets exactly three through.
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var sale = Scenario.Order(5301, Earlier, new OfflineOrderLine("FD-0500049", "芒果乾", LineType.Regular, 3, 91m));
        await Scenario.UploadAsync(client, Scenario.Batch(sale));
        await Scenario.WaitUntilFinalAsync(client, [sale.OrderId], TimeSpan.FromSeconds(60));
        var returns = Enumerable.Range(1, 8).Select(n => ReturnOf(sale, localNumber: 100 + n)).ToArray();
        await Scenario.UploadAsync(client, Batch("S001-R1", [], returns));

        await Task.WhenAll(returns.Select(r => Task.Run(async () =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReturnProcessing>().ProcessAsync([r.ReturnId], CancellationToken.None);
        })));

        var views = new List<ReturnView>();
        foreach (var r in returns) views.Add(await WaitUntilFinalAsync(client, r.ReturnId));
        Assert.Equal(3, views.Count(v => v.Status == OrderStatus.Reconciled));
        Assert.Equal(5, views.Count(v => v.Status == OrderStatus.NeedsReview));
        Assert.Equal(3m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));
    }

    [SkippableFact]
    public async Task A_returned_line_with_a_price_override_reverses_its_share()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        // Catalog 589, typed 500 × 2: override −178. One coat back reverses +89; the sale's net override is −89.
        var sale = Scenario.Order(5401, Earlier, new OfflineOrderLine("TS-0400001", "外套(手打)", LineType.Regular, 2, 500m));
        var r = ReturnOf(sale);
        await Scenario.UploadAsync(client, Batch("S001-R1", [sale], r));

        var done = await WaitUntilFinalAsync(client, r.ReturnId);
        Assert.Equal(OrderStatus.Reconciled, done.Status);
        Assert.Equal(89m, done.OverrideReversal);
        var order = await Scenario.GetOrderAsync(client, sale.OrderId);
        Assert.Equal(-178m, Assert.Single(order.Overrides).Difference); // the override row itself is unchanged
        Assert.Equal(-89m, order.Overrides.Sum(o => o.Difference) + order.Returns!.Sum(x => x.OverrideReversal ?? 0));
        Assert.Equal(500m, order.NetTotal);
    }

    [SkippableFact]
    public async Task A_bad_return_is_refused_naming_the_field_and_the_orders_and_returns_beside_it_go_through()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var sale = Scenario.Order(5501, Earlier);
        var good = ReturnOf(sale);
        var bad = ReturnOf(sale) with { Lines = [new OfflineReturnLine(0, "TS-0400001", 0, 0)], RefundTotal = 0, Refunds = [] };
        var badReason = ReturnOf(sale) with { Reason = new string('x', 101) };

        var answer = await Scenario.UploadAsync(client, Batch("S001-R1", [sale], good, bad, badReason));

        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Results).Outcome);
        Assert.Equal(UploadOutcome.Accepted, answer.Returns![0].Outcome);
        Assert.Equal((UploadOutcome.Rejected, OrderStatus.Failed), (answer.Returns[1].Outcome, answer.Returns[1].Status));
        Assert.Equal("returns[1].lines[0].quantity", Assert.Single(answer.Returns[1].Errors).Field);
        Assert.Equal("returns[2].reason", Assert.Single(answer.Returns[2].Errors).Field);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/returns/{bad.ReturnId}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_cancel_becomes_an_F0501_and_an_allowance_a_G0401_in_the_returns_transaction()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var soldAt = InvoicedAt;
        var sale = Scenario.Order(5601, soldAt) with { Invoice = new OfflineInvoice("RT00005601", soldAt, "5601") };
        var period = InvoicedPeriod;
        var cancel = ReturnOf(sale) with
        {
            OriginalInvoicePeriod = period, OriginalInvoiceNumber = "RT00005601",
            CancelledInvoice = new OfflineInvoiceCancel(period, "RT00005601", DateTimeOffset.UtcNow.AddMinutes(-1), "退貨"),
        };
        var other = Scenario.Order(5602, soldAt);
        var allowance = ReturnOf(other) with
        {
            Allowance = new OfflineAllowance("AL-S001R1-0001", DateTimeOffset.UtcNow.AddMinutes(-1), period, "RT00005602", soldAt,
                [new OfflineAllowanceItem(1, "外套", 1, 561, 561, 28)], 28, 561),
        };

        var answer = await Scenario.UploadAsync(client, Batch("S001-R1", [sale, other], cancel, allowance));
        Assert.All(answer.Returns!, x => Assert.Equal(UploadOutcome.Accepted, x.Outcome));

        var (f0501, g0401, issued) = await api.WithDbAsync(async db => (
            await db.PlatformMessages.AsNoTracking().SingleAsync(m => m.Kind == PlatformMessageKinds.Cancel && m.DocumentNumber == "RT00005601"),
            await db.PlatformMessages.AsNoTracking().SingleAsync(m => m.Kind == PlatformMessageKinds.Allowance && m.DocumentNumber == "AL-S001R1-0001"),
            await db.IssuedInvoices.AsNoTracking().SingleAsync(i => i.Number == "RT00005601")));
        Assert.True(issued.Voided);
        Assert.Equal(period, f0501.Period);
        XNamespace f = "urn:GEINV:eInvoiceMessage:F0501:4.1";
        var cancelXml = XDocument.Parse(f0501.Xml!);
        Assert.Equal("RT00005601", cancelXml.Root!.Element(f + "CancelInvoiceNumber")!.Value);
        Assert.Equal(Invoicing.Numbers.TaiwanTime.Local(soldAt).ToString("yyyyMMdd"), cancelXml.Root.Element(f + "InvoiceDate")!.Value);
        Assert.True(f0501.DueAt > DateTimeOffset.UtcNow && f0501.DueAt <= DateTimeOffset.UtcNow.AddDays(3));
        XNamespace g = "urn:GEINV:eInvoiceMessage:G0401:4.1";
        Assert.Equal("561", XDocument.Parse(g0401.Xml!).Root!.Element(g + "Amount")!.Element(g + "TotalAmount")!.Value);

        // The same invoice cancelled again by another return: no second message, the return needs review with the reason.
        var again = ReturnOf(sale) with { CancelledInvoice = cancel.CancelledInvoice };
        await Scenario.UploadAsync(client, Batch("S001-R1", [], again));
        Assert.Equal(1, await api.WithDbAsync(db => db.PlatformMessages.CountAsync(m => m.Kind == PlatformMessageKinds.Cancel && m.DocumentNumber == "RT00005601")));
        var view = await WaitUntilFinalAsync(client, again.ReturnId);
        Assert.Equal(OrderStatus.NeedsReview, view.Status);
        Assert.Contains("already made by another return", view.StatusReason);
    }

    [SkippableFact]
    public async Task A_replacement_invoice_reusing_a_number_a_sale_of_the_same_batch_issued_is_flagged_never_a_server_error()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var original = Scenario.Order(5701, InvoicedAt) with { Invoice = new OfflineInvoice("RT00005701", InvoicedAt, "5701") };
        await Scenario.UploadAsync(client, Batch("S001-R1", [original]));
        // In one batch: a new sale printed RT00005702, and a partial return of the earlier sale (its invoice cancelled)
        // whose replacement invoice reuses RT00005702.
        var sale = Scenario.Order(5702, InvoicedAt) with { Invoice = new OfflineInvoice("RT00005702", InvoicedAt, "5702") };
        var partial = ReturnOf(original) with
        {
            OriginalInvoicePeriod = InvoicedPeriod, OriginalInvoiceNumber = "RT00005701",
            CancelledInvoice = new OfflineInvoiceCancel(InvoicedPeriod, "RT00005701", DateTimeOffset.UtcNow.AddMinutes(-1), "部分退貨"),
            ReplacementInvoice = new OfflineInvoice("RT00005702", DateTimeOffset.UtcNow.AddMinutes(-1), "5703"),
        };

        var response = await client.PostAsJsonAsync("/api/v1/batches", Batch("S001-R1", [sale], partial));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var answer = System.Text.Json.JsonSerializer.Deserialize<UploadBatchResponse>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.True(Assert.Single(answer.Results).Outcome == UploadOutcome.Accepted, body);
        Assert.True(Assert.Single(answer.Returns!).Outcome == UploadOutcome.Accepted, body);
        var (issued, flags) = await api.WithDbAsync(async db => (
            await db.IssuedInvoices.AsNoTracking().Where(i => i.Number == "RT00005702").ToListAsync(),
            await db.InvoiceFlags.AsNoTracking().Where(f => f.Number == "RT00005702").ToListAsync()));
        Assert.Equal(sale.OrderId, Assert.Single(issued).OrderId); // the sale's, not the replacement's
        Assert.Contains(flags, f => f.Kind == Api.Invoices.InvoiceFlagKinds.DuplicateUse && f.OrderId == original.OrderId);
    }

    private static OfflineReturn WithAllowance(OfflineOrder sale, string number, string period, DateTimeOffset soldAt) => ReturnOf(sale) with
    {
        Allowance = new OfflineAllowance(number, DateTimeOffset.UtcNow.AddMinutes(-2), period, "RT" + sale.LocalNumber.ToString("00000000"), soldAt,
            [new OfflineAllowanceItem(1, "外套", 1, 561, 561, 28)], 28, 561),
    };

    private static OfflineAllowanceCancel CancelOf(OfflineReturn r, string? number = null) =>
        new(Guid.NewGuid(), number ?? r.Allowance!.Number, DateTimeOffset.UtcNow.AddMinutes(-1), "S001-E02", "折讓開錯", "store-manager-pin", r.RefundTotal);

    [SkippableFact]
    public async Task An_allowance_cancel_is_stored_once_with_one_G0501_and_undoes_its_return_and_an_unknown_one_is_refused_alone()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var soldAt = InvoicedAt;
        var period = InvoicedPeriod;
        var sale = Scenario.Order(5801, soldAt);
        var r = WithAllowance(sale, "AL-S001R1-0801", period, soldAt);
        await Scenario.UploadAsync(client, Batch("S001-R1", [sale], r));
        Assert.Equal(OrderStatus.Reconciled, (await WaitUntilFinalAsync(client, r.ReturnId)).Status);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));

        // The register sends the return again with its cancel, twice at once, then once more: one cancel, one G0501.
        var withCancel = r with { CancelledAllowance = CancelOf(r) };
        var answers = await Task.WhenAll(
            Scenario.UploadAsync(client, Batch("S001-R1", [], withCancel)),
            Scenario.UploadAsync(client, Batch("S001-R1", [], withCancel)));
        var again = await Scenario.UploadAsync(client, Batch("S001-R1", [], withCancel));
        Assert.All(answers.Append(again), a => Assert.Equal(UploadOutcome.Duplicate, a.Returns![0].Outcome));
        Assert.Equal([UploadOutcome.Accepted, UploadOutcome.Duplicate], answers.Select(a => a.Returns![0].AllowanceCancel!.Outcome).Order());
        Assert.Equal(UploadOutcome.Duplicate, again.Returns![0].AllowanceCancel!.Outcome);
        var (cancels, g0501s) = await api.WithDbAsync(async db => (
            await db.ReturnAllowanceCancels.AsNoTracking().CountAsync(c => c.ReturnId == r.ReturnId),
            await db.PlatformMessages.AsNoTracking().Where(m => m.Kind == PlatformMessageKinds.CancelAllowance && m.DocumentNumber == "AL-S001R1-0801").ToListAsync()));
        Assert.Equal(1, cancels);
        var g0501 = Assert.Single(g0501s);
        XNamespace c = "urn:GEINV:eInvoiceMessage:G0501:4.1";
        var xml = XDocument.Parse(g0501.Xml!).Root!;
        Assert.Equal(("AL-S001R1-0801", "折讓開錯", "2"), (xml.Element(c + "CancelAllowanceNumber")!.Value, xml.Element(c + "CancelReason")!.Value, xml.Element(c + "AllowanceType")!.Value));
        Assert.True(g0501.DueAt > DateTimeOffset.UtcNow && g0501.DueAt <= DateTimeOffset.UtcNow.AddDays(3)); // B2C: 2 days from the next day

        // The worker undoes the return: the coat is returnable again and the sale nets to its total.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await api.WithDbAsync(db => db.ReturnAllowanceCancels.AnyAsync(x => x.ReturnId == r.ReturnId && x.ReturnUndone)) && DateTime.UtcNow < deadline)
            await Task.Delay(150);
        Assert.Equal(0m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));
        var order = await Scenario.GetOrderAsync(client, sale.OrderId);
        Assert.Equal(order.Total, order.NetTotal);
        var view = Assert.Single(order.Returns!);
        Assert.NotNull(view.AllowanceCancelledAt);
        Assert.Equal("折讓開錯", view.AllowanceCancelReason);
        Assert.Equal(ReturnProcessing.UndoneReason, view.StatusReason);

        // In one batch: a cancel of an allowance the return never had is refused naming the field; a new sale, a new
        // return and a return arriving together with its own cancel go through.
        var other = Scenario.Order(5802, soldAt);
        var otherReturn = WithAllowance(other, "AL-S001R1-0802", period, soldAt);
        await Scenario.UploadAsync(client, Batch("S001-R1", [other], otherReturn));
        var unknown = otherReturn with { CancelledAllowance = CancelOf(otherReturn, "AL-S001R1-9999") };
        var third = Scenario.Order(5803, soldAt);
        var plain = ReturnOf(third);
        var bornCancelled = WithAllowance(third, "AL-S001R1-0803", period, soldAt) with { LocalNumber = 2 };
        bornCancelled = bornCancelled with { CancelledAllowance = CancelOf(bornCancelled) };
        var mixed = await Scenario.UploadAsync(client, Batch("S001-R1", [third], unknown, plain, bornCancelled));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(mixed.Results).Outcome);
        Assert.Equal(UploadOutcome.Duplicate, mixed.Returns![0].Outcome);
        Assert.Equal(UploadOutcome.Rejected, mixed.Returns[0].AllowanceCancel!.Outcome);
        Assert.Contains(mixed.Returns[0].AllowanceCancel!.Errors, e => e.Field == "returns[0].cancelledAllowance.allowanceNumber" && e.Message.Contains("AL-S001R1-9999"));
        Assert.Equal(UploadOutcome.Accepted, mixed.Returns[1].Outcome);
        Assert.Null(mixed.Returns[1].AllowanceCancel);
        Assert.Equal((UploadOutcome.Accepted, UploadOutcome.Accepted), (mixed.Returns[2].Outcome, mixed.Returns[2].AllowanceCancel!.Outcome));
        Assert.False(await api.WithDbAsync(db => db.ReturnAllowanceCancels.AnyAsync(x => x.ReturnId == otherReturn.ReturnId)));
        Assert.Equal(0, await api.WithDbAsync(db => db.PlatformMessages.CountAsync(m => m.Kind == PlatformMessageKinds.CancelAllowance && m.DocumentNumber == "AL-S001R1-0802")));
        // The return that came with its cancel never takes anything back; the plain one takes its coat.
        Assert.Equal(OrderStatus.Reconciled, (await WaitUntilFinalAsync(client, plain.ReturnId)).Status);
        var born = await WaitUntilFinalAsync(client, bornCancelled.ReturnId);
        Assert.Equal(ReturnProcessing.UndoneReason, born.StatusReason);
        Assert.Equal(1m, await api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == third.OrderId).Select(l => l.ReturnedQuantity).SingleAsync()));
        Assert.Equal(1, await api.WithDbAsync(db => db.PlatformMessages.CountAsync(m => m.Kind == PlatformMessageKinds.CancelAllowance && m.DocumentNumber == "AL-S001R1-0803")));
    }

    [SkippableFact]
    public async Task Processors_undoing_one_return_at_once_give_its_quantities_back_once_and_keep_the_undone_reason()
    {
        var api = cloud.Require().Api;
        using var client = api.CreateRegisterClient();
        var sale = Scenario.Order(5901, InvoicedAt);
        var r = WithAllowance(sale, "AL-S001R1-0901", InvoicedPeriod, InvoicedAt);
        await Scenario.UploadAsync(client, Batch("S001-R1", [sale], r));
        Assert.Equal(OrderStatus.Reconciled, (await WaitUntilFinalAsync(client, r.ReturnId)).Status);
        Task<decimal> ReturnedAsync() => api.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == sale.OrderId).Select(l => l.ReturnedQuantity).SingleAsync());
        Assert.Equal(1m, await ReturnedAsync());

        // The return's row is held (FOR NO KEY UPDATE: the cancel's foreign key check still passes) while its cancel is
        // uploaded and two processors set out to undo it beside the bus's own consumer; all of them read it not undone.
        await using var holder = api.Services.CreateAsyncScope();
        var holding = holder.ServiceProvider.GetRequiredService<CloudDbContext>();
        await using var hold = await holding.Database.BeginTransactionAsync();
        await holding.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Returns" WHERE "Id" = {r.ReturnId} FOR NO KEY UPDATE""");
        var answer = await Scenario.UploadAsync(client, Batch("S001-R1", [], r with { CancelledAllowance = CancelOf(r) }));
        Assert.Equal(UploadOutcome.Accepted, answer.Returns![0].AllowanceCancel!.Outcome);
        var undoers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReturnProcessing>().ProcessAsync([r.ReturnId], CancellationToken.None);
        })).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await api.WithDbAsync(db => db.Database.SqlQuery<int>(
                   $"""SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""").SingleAsync()) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the two processors never waited on the held return");
            await Task.Delay(50);
        }
        await hold.CommitAsync();
        await Task.WhenAll(undoers);

        deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await api.WithDbAsync(db => db.ReturnAllowanceCancels.AnyAsync(x => x.ReturnId == r.ReturnId && x.ReturnUndone)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the return was never undone");
            await Task.Delay(100);
        }
        await Task.Delay(500); // the bus's consumer too
        Assert.Equal(0m, await ReturnedAsync());
        var view = await GetReturnAsync(client, r.ReturnId);
        Assert.Equal(ReturnProcessing.UndoneReason, view.StatusReason);
    }

    [SkippableFact]
    public async Task A_store_lists_its_returns_newest_first()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var sale = Scenario.Order(5701, Earlier);
        var r = ReturnOf(sale);
        await Scenario.UploadAsync(client, Batch("S001-R1", [sale], r));
        var page = (await client.GetFromJsonAsync<Page<ReturnView>>("/api/v1/stores/S001/returns?pageSize=200"))!;
        Assert.Contains(page.Items, x => x.ReturnId == r.ReturnId);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/stores/S001/returns?pageSize=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/stores/S002/returns")).StatusCode);
    }
}
