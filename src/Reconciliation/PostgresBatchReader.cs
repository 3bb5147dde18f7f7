using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PosCloud.Contracts;
using PosCloud.Core.Orders;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation;

/// <summary>
/// PostgreSQL's read path for a first reconciliation of a batch, the twin of <see cref="PostgresBatchWriter"/>:
/// two round trips of plain SQL (the batch's waiting orders, their lines and store managers; then the
/// catalog entries their SKUs name by SKU, alias or barcode, with price histories) instead of six EF
/// queries. Profiling the storm after the writer landed showed EF's split queries and materialisation
/// as the largest part of a worker's CPU per batch. Same sets as the EF path; only columns the rules need.
/// SQL Server counterpart: the EF path of <see cref="OrderReconciliationService"/> (split queries), parsed offline by
/// tests/PosCloud.SqlServer.Tests.
/// </summary>
public static class PostgresBatchReader
{
    public sealed record FreshBatch(List<Order> Orders, Dictionary<string, string?> Managers);

    private const string Waiting = "('Received', 'Reconciling')";

    public static async Task<FreshBatch> ReadBatchAsync(DbContext db, Guid batchId, CancellationToken ct)
    {
        var conn = await OpenAsync(db, ct);
        try
        {
            await using var batch = new NpgsqlBatch(conn);
            var b = new NpgsqlParameter("b", NpgsqlDbType.Uuid) { Value = batchId };
            batch.Add($"""
                SELECT "Id", "StoreId", "RegisterId", "LocalNumber", "SoldAt", "StaffId", "Total", "Status", "Version", "ReceivedAt"
                FROM "Orders" WHERE "BatchId" = @b AND "Status" IN {Waiting}
                """, b);
            batch.Add($"""
                SELECT l."OrderId", l."LineNumber", l."Sku", l."TypedName", l."Type", l."Quantity", l."ChargedUnitPrice"
                FROM "OrderLines" l JOIN "Orders" o ON o."Id" = l."OrderId"
                WHERE o."BatchId" = @b AND o."Status" IN {Waiting}
                """, b.Clone());
            batch.Add("""
                SELECT "Id", "ManagerStaffId" FROM "Stores" WHERE "Id" IN (SELECT "StoreId" FROM "Orders" WHERE "BatchId" = @b)
                """, b.Clone());

            var orders = new Dictionary<Guid, Order>();
            var managers = new Dictionary<string, string?>(StringComparer.Ordinal);
            await using var r = await batch.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var order = new Order
                {
                    Id = r.GetGuid(0), BatchId = batchId, StoreId = r.GetString(1), RegisterId = r.GetString(2),
                    LocalNumber = r.GetInt64(3), SoldAt = r.GetFieldValue<DateTimeOffset>(4), StaffId = r.GetString(5),
                    Total = r.GetDecimal(6), Status = Enum.Parse<OrderStatus>(r.GetString(7)), Version = r.GetInt32(8),
                    ReceivedAt = r.GetFieldValue<DateTimeOffset>(9),
                };
                orders.Add(order.Id, order);
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                // A line of an order that turned final between the two statements is simply not used.
                if (!orders.TryGetValue(r.GetGuid(0), out var order)) continue;
                order.Lines.Add(new OrderLine
                {
                    OrderId = order.Id, LineNumber = r.GetInt32(1), Sku = r.GetString(2), TypedName = r.IsDBNull(3) ? null : r.GetString(3),
                    Type = Enum.Parse<LineType>(r.GetString(4)), Quantity = r.GetDecimal(5), ChargedUnitPrice = r.GetDecimal(6),
                });
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) managers[r.GetString(0)] = r.IsDBNull(1) ? null : r.GetString(1);
            return new FreshBatch(orders.Values.ToList(), managers);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }
}
