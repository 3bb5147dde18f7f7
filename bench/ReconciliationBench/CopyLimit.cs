using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Bench;

/// <summary>
/// The limit: the rows the storm leaves behind (batches, outbox rows, orders in their final state,
/// reconciled lines, payments, overrides, three status changes per order) written straight into the
/// same PostgreSQL tables with binary COPY, no Api, no bus, no EF. The rows are computed before the
/// clock starts (with the same pure rules), with fresh ids so they do not collide with the storm's.
/// </summary>
public static class CopyLimit
{
    public static async Task<(TimeSpan Elapsed, int Orders)> RunAsync(string connectionString, StormData data, CatalogIndex catalog, IReadOnlyDictionary<string, string> managers)
    {
        var now = DateTimeOffset.UtcNow;
        var batches = data.Batches.Select(b => b with
        {
            BatchId = Guid.NewGuid(),
            Orders = b.Orders.Select(o => o with { OrderId = Guid.NewGuid() }).ToList(),
        }).ToList();
        var results = batches.SelectMany(b => b.Orders.Select(o => (Batch: b, Order: o, Result: OrderReconciler.Reconcile(
            new OrderToReconcile(o.OrderId, o.SoldAt, managers[b.StoreId],
                o.Lines.Select((l, i) => new LineToReconcile(i + 1, l.Sku, l.Name, l.Type, l.Quantity, l.UnitPrice)).ToList()), catalog)))).ToList();

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await CopyAsync(conn, """COPY "Batches" ("Id","StoreId","RegisterId","ReceivedAt","AcceptedCount","DuplicateCount","RejectedCount") FROM STDIN (FORMAT BINARY)""", batches, async (w, b) =>
            {
                await w.WriteAsync(b.BatchId, NpgsqlDbType.Uuid);
                await w.WriteAsync(b.StoreId, NpgsqlDbType.Varchar);
                await w.WriteAsync(b.RegisterId, NpgsqlDbType.Varchar);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(b.Orders.Count, NpgsqlDbType.Integer);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
            });
            await CopyAsync(conn, """COPY "OutboxMessages" ("Id","MessageType","Payload","CreatedAt","DispatchedAt","Attempts") FROM STDIN (FORMAT BINARY)""", batches, async (w, b) =>
            {
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await w.WriteAsync("PosCloud.Contracts.Messages.BatchAccepted", NpgsqlDbType.Varchar);
                await w.WriteAsync($"{{\"batchId\":\"{b.BatchId}\",\"storeId\":\"{b.StoreId}\"}}", NpgsqlDbType.Text);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
            });
            await CopyAsync(conn, """COPY "Orders" ("Id","BatchId","StoreId","RegisterId","LocalNumber","SoldAt","StaffId","Total","Status","StatusReason","ReceivedAt","FinishedAt","Version","ChainBroken") FROM STDIN (FORMAT BINARY)""", results, async (w, r) =>
            {
                await w.WriteAsync(r.Order.OrderId, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Batch.BatchId, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Batch.StoreId, NpgsqlDbType.Varchar);
                await w.WriteAsync(r.Batch.RegisterId, NpgsqlDbType.Varchar);
                await w.WriteAsync(r.Order.LocalNumber, NpgsqlDbType.Bigint);
                await w.WriteAsync(r.Order.SoldAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await w.WriteAsync(r.Order.StaffId, NpgsqlDbType.Varchar);
                await w.WriteAsync(r.Order.Total, NpgsqlDbType.Numeric);
                await w.WriteAsync(r.Result.Status.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, r.Result.Reason, NpgsqlDbType.Varchar);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(3, NpgsqlDbType.Integer);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
            });
            var lines = results.SelectMany(r => r.Order.Lines.Select((l, i) => (r.Order.OrderId, Typed: l, Done: r.Result.Lines[i]))).ToList();
            await CopyAsync(conn, """COPY "OrderLines" ("OrderId","LineNumber","Sku","TypedName","Type","Quantity","ChargedUnitPrice","PriceSource","SnapshotVersion","MatchedSku","CatalogName","ExpectedUnitPrice","Flags") FROM STDIN (FORMAT BINARY)""", lines, async (w, l) =>
            {
                await w.WriteAsync(l.OrderId, NpgsqlDbType.Uuid);
                await w.WriteAsync(l.Done.LineNumber, NpgsqlDbType.Integer);
                await w.WriteAsync(l.Typed.Sku, NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, l.Typed.Name, NpgsqlDbType.Varchar);
                await w.WriteAsync(l.Typed.Type.ToString(), NpgsqlDbType.Varchar);
                await w.WriteAsync(l.Typed.Quantity, NpgsqlDbType.Numeric);
                await w.WriteAsync(l.Typed.UnitPrice, NpgsqlDbType.Numeric);
                await WriteNullableAsync(w, l.Typed.PriceSource, NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, l.Typed.SnapshotVersion, NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, l.Done.MatchedSku, NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, l.Done.CatalogName, NpgsqlDbType.Varchar);
                if (l.Done.ExpectedUnitPrice is { } e) await w.WriteAsync(e, NpgsqlDbType.Numeric); else await w.WriteNullAsync();
                await WriteNullableAsync(w, l.Done.Flags.Count == 0 ? null : string.Join(',', l.Done.Flags), NpgsqlDbType.Varchar);
            });
            await CopyAsync(conn, """COPY "Payments" ("OrderId","PaymentNumber","Method","Amount") FROM STDIN (FORMAT BINARY)""", results, async (w, r) =>
            {
                await w.WriteAsync(r.Order.OrderId, NpgsqlDbType.Uuid);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
                await w.WriteAsync(r.Order.Payments[0].Method, NpgsqlDbType.Varchar);
                await w.WriteAsync(r.Order.Payments[0].Amount, NpgsqlDbType.Numeric);
            });
            var overrides = results.SelectMany(r => r.Result.Overrides.Select(o => (r.Order.OrderId, o))).ToList();
            await CopyAsync(conn, """COPY "PriceOverrides" ("OrderId","LineNumber","Sku","ExpectedUnitPrice","ChargedUnitPrice","Difference","Quantity","Reason","ManagerStaffId","CreatedAt") FROM STDIN (FORMAT BINARY)""", overrides, async (w, x) =>
            {
                await w.WriteAsync(x.OrderId, NpgsqlDbType.Uuid);
                await w.WriteAsync(x.o.LineNumber, NpgsqlDbType.Integer);
                await w.WriteAsync(x.o.Sku, NpgsqlDbType.Varchar);
                await w.WriteAsync(x.o.ExpectedUnitPrice, NpgsqlDbType.Numeric);
                await w.WriteAsync(x.o.ChargedUnitPrice, NpgsqlDbType.Numeric);
                await w.WriteAsync(x.o.Difference, NpgsqlDbType.Numeric);
                await w.WriteAsync(x.o.Quantity, NpgsqlDbType.Numeric);
                await w.WriteAsync(x.o.Reason, NpgsqlDbType.Varchar);
                await WriteNullableAsync(w, x.o.ManagerStaffId, NpgsqlDbType.Varchar);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
            });
            var history = results.SelectMany(r => new[] { (r.Order.OrderId, OrderStatus.Received, (string?)null), (r.Order.OrderId, OrderStatus.Reconciling, null), (r.Order.OrderId, r.Result.Status, r.Result.Reason) }).ToList();
            await CopyAsync(conn, """COPY "OrderStatusChanges" ("OrderId","Status","At","Reason") FROM STDIN (FORMAT BINARY)""", history, async (w, h) =>
            {
                await w.WriteAsync(h.OrderId, NpgsqlDbType.Uuid);
                await w.WriteAsync(h.Item2.ToString(), NpgsqlDbType.Varchar);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(w, h.Item3, NpgsqlDbType.Varchar);
            });
            await tx.CommitAsync();
        }
        return (clock.Elapsed, results.Count);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
    {
        await using var importer = await conn.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await write(importer, row);
        }
        await importer.CompleteAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type) =>
        value is null ? w.WriteNullAsync() : w.WriteAsync(value, type);
}
