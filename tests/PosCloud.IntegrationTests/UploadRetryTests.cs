using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosCloud.Api.Invoices;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The upload's transaction on PostgreSQL COPYs the claims, the received orders and the sales' new invoices, their
/// items and F0401 messages, then saves the batch and outbox rows. A transient failure after the COPYs rolls it all
/// back and the execution strategy runs it again: the second run must write the same invoice rows (the upload's
/// NewInvoiceRows, made once before the retried block), or the sales would be committed without their invoices.
/// </summary>
public class UploadRetryTests
{
    [SkippableFact]
    public async Task On_PostgreSQL_a_transient_failure_after_the_invoice_copy_retries_with_every_invoice_row()
    {
        var (settings, _, _) = await ApiFactory.NewServerAsync(); // no worker: the sales stay received orders
        var failOnce = new FailFirstBatchInsert();
        await using var api = new ApiFactory(settings);
        await using var failing = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<PostgresCloudDbContext>(o => o.AddInterceptors(failOnce))));

        using var hq = failing.Server.CreateClient();
        hq.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.HqKey);
        using var register = failing.Server.CreateClient();
        register.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.RegisterKey);
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var period = InvoicePeriod.Of(DateOnly.FromDateTime(TaiwanTime.Local(now))).Code;
        (await hq.PostAsJsonAsync("/api/v1/invoice-ranges", new RegisterInvoiceRangeRequest(period, "TR", "20000000", "20000999"))).EnsureSuccessStatusCode();
        (await hq.PostAsJsonAsync("/api/v1/registers/S001-R1/invoice-blocks", new AssignInvoiceBlockRequest(period))).EnsureSuccessStatusCode();

        // Three B2C sales with their invoices as printed (items and totals), the way a register sends them.
        var sales = Enumerable.Range(0, 3).Select(i =>
        {
            var sale = Scenario.Order(7001 + i, now.AddMinutes(-30 + i),
                new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 589m),
                new OfflineOrderLine("TS-0400002", "長褲", LineType.Regular, 2, 100m));
            return sale with
            {
                Invoice = new OfflineInvoice($"TR{20000000 + i:D8}", sale.SoldAt, $"{1234 + i:D4}",
                    Items: sale.Lines.Select(l => new OfflineInvoiceItem(l.Name!, l.Quantity, l.UnitPrice, l.Quantity * l.UnitPrice)).ToList(),
                    SalesAmount: (long)sale.Total, TaxAmount: 0, TotalAmount: (long)sale.Total),
            };
        }).ToArray();
        var response = await Scenario.UploadAsync(register, Scenario.Batch(sales));

        Assert.All(response.Results, r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        Assert.Equal(1, failOnce.Failures); // the injected failure happened, inside the transaction, after the COPYs
        var ids = sales.Select(s => s.OrderId).ToList();
        var numbers = sales.Select(s => s.Invoice!.Number).ToList();
        await using var scope = failing.Services.CreateAsyncScope(); // this host's database, not a second host's
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var stored = new
        {
            Claims = await db.OrderClaims.CountAsync(c => ids.Contains(c.OrderId)),
            Received = await db.ReceivedOrders.CountAsync(o => ids.Contains(o.Id)),
            Invoices = await db.IssuedInvoices.Where(i => numbers.Contains(i.Number)).Select(i => new { i.Number, i.OrderId }).ToListAsync(),
            Items = await db.IssuedInvoiceItems.CountAsync(i => numbers.Contains(i.Number)),
            Messages = await db.PlatformMessages.CountAsync(m => numbers.Contains(m.DocumentNumber)),
        };
        Assert.Equal((3, 3), (stored.Claims, stored.Received));
        Assert.Equal(numbers.Order(), stored.Invoices.Select(i => i.Number).Order());
        Assert.Equal(ids.Order(), stored.Invoices.Select(i => i.OrderId!.Value).Order());
        Assert.Equal(6, stored.Items); // two printed items per sale, once
        Assert.Equal(3, stored.Messages); // one F0401 per sale, once
    }

    /// <summary>Fails the first INSERT into Batches (inside the upload's transaction, after its COPYs) with a deadlock, which Npgsql calls transient.</summary>
    private sealed class FailFirstBatchInsert : DbCommandInterceptor
    {
        private int _failures;
        public int Failures => _failures;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            FailOnce(command);
            return base.ReaderExecutingAsync(command, eventData, result, ct);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            FailOnce(command);
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }

        private void FailOnce(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"Batches\"", StringComparison.Ordinal) && Interlocked.CompareExchange(ref _failures, 1, 0) == 0)
            {
                Assert.NotNull(command.Transaction); // the retry is only safe because the COPYs before it roll back
                throw new PostgresException("injected deadlock", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
            }
        }
    }
}
