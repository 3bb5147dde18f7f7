using System.Text.Json;
using System.Text.Json.Serialization;
using PosCloud.Contracts;

namespace PosCloud.Core.Orders;

/// <summary>
/// The exactly-once guard of an uploaded order id, kept for good. The upload appends it with the
/// <see cref="ReceivedOrder"/>; its primary key is what makes a resent or raced order one order.
/// Narrow on purpose: it is the only row per order the upload must keep forever.
/// </summary>
public sealed class OrderClaim
{
    public Guid OrderId { get; init; }
    public required string StoreId { get; init; }
    public Guid BatchId { get; init; }
}

/// <summary>
/// An order as the upload stored it, waiting for its worker: the header the status reads need, the rest of the
/// sale as one JSON column. The worker writes the order's final rows (<see cref="Order"/> with lines, payments,
/// overrides and history) and deletes this row in the same transaction, so an order is in exactly one of the
/// two tables at any time and is written once in each of its states (issue 15: the upload used to write the
/// order, the worker to update it and its lines again).
/// </summary>
public sealed class ReceivedOrder
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public required string StoreId { get; init; }
    public required string RegisterId { get; init; }
    public long LocalNumber { get; init; }
    public DateTimeOffset SoldAt { get; init; }
    public decimal Total { get; init; }
    public string? PreviousHash { get; init; }
    public string? Hash { get; init; }
    public bool ChainBroken { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The rest of the sale (<see cref="ReceivedSale"/>) as JSON.</summary>
    public required string Sale { get; init; }

    public const OrderStatus Status = OrderStatus.Received;

    public static ReceivedOrder From(Order order) => new()
    {
        Id = order.Id, BatchId = order.BatchId, StoreId = order.StoreId, RegisterId = order.RegisterId,
        LocalNumber = order.LocalNumber, SoldAt = order.SoldAt, Total = order.Total, PreviousHash = order.PreviousHash,
        Hash = order.Hash, ChainBroken = order.ChainBroken, ReceivedAt = order.ReceivedAt,
        Sale = JsonSerializer.Serialize(ReceivedSale.Of(order), ReceivedSaleJson.Default.ReceivedSale),
    };

    /// <summary>The order as it will be written final: status Received with its one history entry, lines and payments.</summary>
    public Order ToOrder()
    {
        var sale = ReceivedSale.Parse(Sale);
        var order = new Order
        {
            Id = Id, BatchId = BatchId, StoreId = StoreId, RegisterId = RegisterId, LocalNumber = LocalNumber, SoldAt = SoldAt,
            StaffId = sale.StaffId, CustomerPhone = sale.CustomerPhone, Total = Total, PreviousHash = PreviousHash, Hash = Hash,
            InvoiceNumber = sale.InvoiceNumber, ApprovedBy = sale.ApprovedBy, ChainBroken = ChainBroken, ReceivedAt = ReceivedAt,
            Lines = sale.Lines.Select((l, n) => new OrderLine
            {
                OrderId = Id, LineNumber = n + 1, Sku = l.Sku, TypedName = l.TypedName, Type = l.Type, Quantity = l.Quantity,
                ChargedUnitPrice = l.ChargedUnitPrice, PriceSource = l.PriceSource, SnapshotVersion = l.SnapshotVersion,
            }).ToList(),
            Payments = sale.Payments.Select((p, n) => new Payment
            {
                OrderId = Id, PaymentNumber = n + 1, Method = p.Method, Amount = p.Amount, Reference = p.Reference,
            }).ToList(),
        };
        order.MoveTo(OrderStatus.Received, null, ReceivedAt);
        return order;
    }
}

/// <summary>What a <see cref="ReceivedOrder"/> keeps beyond its header. Stored JSON: fields are added, never renamed.</summary>
public sealed record ReceivedSale(
    string StaffId,
    string? CustomerPhone,
    string? InvoiceNumber,
    string? ApprovedBy,
    IReadOnlyList<ReceivedLine> Lines,
    IReadOnlyList<ReceivedPayment> Payments)
{
    public static ReceivedSale Of(Order o) => new(o.StaffId, o.CustomerPhone, o.InvoiceNumber, o.ApprovedBy,
        o.Lines.OrderBy(l => l.LineNumber).Select(l => new ReceivedLine(l.Sku, l.TypedName, l.Type, l.Quantity, l.ChargedUnitPrice, l.PriceSource, l.SnapshotVersion)).ToList(),
        o.Payments.OrderBy(p => p.PaymentNumber).Select(p => new ReceivedPayment(p.Method, p.Amount, p.Reference)).ToList());

    /// <summary>The sale as <see cref="ReceivedOrder.From"/> stored it (<see cref="ReceivedSaleReader"/>).</summary>
    public static ReceivedSale Parse(string json) => ReceivedSaleReader.Read(json);
}

public sealed record ReceivedLine(string Sku, string? TypedName, LineType Type, decimal Quantity, decimal ChargedUnitPrice, string? PriceSource, string? SnapshotVersion);

public sealed record ReceivedPayment(string Method, decimal Amount, string? Reference);

/// <summary>Source-generated: the upload serialises every order once, so no reflection per order (the worker reads it with <see cref="ReceivedSaleReader"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ReceivedSale))]
internal sealed partial class ReceivedSaleJson : JsonSerializerContext;
