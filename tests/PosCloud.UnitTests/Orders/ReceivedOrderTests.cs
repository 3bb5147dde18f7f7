using System.Text.Json;
using CsCheck;
using PosCloud.Contracts;
using PosCloud.Core.Orders;

namespace PosCloud.UnitTests.Orders;

/// <summary>An order waits as a received order between the upload and its worker: it must come back exactly as it went in.</summary>
public class ReceivedOrderTests
{
    private static readonly Gen<string?> Text = Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => (string?)s),
        Gen.Const((string?)"外套(手打)\"\\\n😀"));

    private static readonly Gen<Order> Orders =
        from lines in Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Text, Gen.Enum<LineType>(), Gen.Decimal[0.001m, 999m], Gen.Decimal[0m, 99999m], Text)
            .Select(x => (Sku: x.Item1, Name: x.Item2, Type: x.Item3, Qty: Math.Round(x.Item4, 3), Price: Math.Round(x.Item5, 2), Source: x.Item6)).List[1, 6]
        from payments in Gen.Select(Gen.OneOf(Gen.Const("cash"), Gen.Const("card"), Gen.Const("linepay")), Gen.Decimal[0m, 99999m], Text).List[0, 3]
        from phone in Text
        from approvedBy in Text
        from number in Gen.Long[1, long.MaxValue]
        from broken in Gen.Bool
        select Make(lines, payments, phone, approvedBy, number, broken);

    private static Order Make(List<(string Sku, string? Name, LineType Type, decimal Qty, decimal Price, string? Source)> lines,
        List<(string Method, decimal Amount, string? Reference)> payments, string? phone, string? approvedBy, long number, bool broken)
    {
        var id = Guid.NewGuid();
        var order = new Order
        {
            Id = id, BatchId = Guid.NewGuid(), StoreId = "S001", RegisterId = "S001-R1", LocalNumber = number,
            SoldAt = new DateTimeOffset(2026, 11, 28, 10, 30, 15, TimeSpan.Zero).AddTicks(number % 10_000_000), StaffId = "S001-E02",
            CustomerPhone = phone, Total = lines.Sum(l => l.Qty * l.Price), PreviousHash = "h-prev", Hash = "h-this", InvoiceNumber = "AB10000001",
            ApprovedBy = approvedBy, ChainBroken = broken, ReceivedAt = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero),
            Lines = lines.Select((l, n) => new OrderLine { OrderId = id, LineNumber = n + 1, Sku = l.Sku, TypedName = l.Name, Type = l.Type, Quantity = l.Qty, ChargedUnitPrice = l.Price, PriceSource = l.Source, SnapshotVersion = "snap-3" }).ToList(),
            Payments = payments.Select((p, n) => new Payment { OrderId = id, PaymentNumber = n + 1, Method = p.Method, Amount = p.Amount, Reference = p.Reference }).ToList(),
        };
        order.MoveTo(OrderStatus.Received, null, order.ReceivedAt);
        return order;
    }

    [Fact]
    public void An_order_comes_back_from_its_received_row_field_for_field() =>
        Orders.Sample(order =>
        {
            var back = ReceivedOrder.From(order).ToOrder();
            Assert.Equal(Header(order), Header(back));
            Assert.Equal(order.Lines.Select(Line), back.Lines.Select(Line));
            Assert.Equal(order.Payments.Select(Pay), back.Payments.Select(Pay));
            Assert.Equal([(OrderStatus.Received, order.ReceivedAt)], back.History.Select(h => (h.Status, h.At)));
            Assert.Equal(OrderStatus.Received, back.Status);
        }, iter: 2_000);

    [Fact]
    public void A_stored_sale_with_fields_this_version_does_not_know_still_reads()
    {
        // Stored JSON gains fields, never renames them: an older worker skips what it does not know, at every level.
        const string json = """
            {"staffId":"S001-E02","newTopLevel":{"a":[1,{"b":null}]},"customerPhone":null,"invoiceNumber":"AB10000001","approvedBy":"S001-E01",
             "lines":[{"sku":"TS-0400001","typedName":"外套 \"M\"","type":"addOn","future":[true,false],"quantity":1.5,"chargedUnitPrice":91,"priceSource":null,"snapshotVersion":"v3"},
                      {"type":"gift","sku":"BT-0400130","quantity":1,"chargedUnitPrice":0}],
             "payments":[{"method":"cash","amount":227.5,"reference":"R-1","tip":0}],"later":"x"}
            """;
        var sale = ReceivedSale.Parse(json);
        Assert.Equal(("S001-E02", (string?)null, (string?)"AB10000001", (string?)"S001-E01"), (sale.StaffId, sale.CustomerPhone, sale.InvoiceNumber, sale.ApprovedBy));
        Assert.Equal([new ReceivedLine("TS-0400001", "外套 \"M\"", LineType.AddOn, 1.5m, 91m, null, "v3"), new ReceivedLine("BT-0400130", null, LineType.Gift, 1m, 0m, null, null)], sale.Lines);
        Assert.Equal([new ReceivedPayment("cash", 227.5m, "R-1")], sale.Payments);
    }

    [Theory]
    [InlineData("""{"staffId":"S1","lines":[{"sku":"A","type":"regular","quantity":1}],"payments":[]}""")]          // no price
    [InlineData("""{"staffId":"S1","lines":[{"sku":"A","type":"7","quantity":1,"chargedUnitPrice":1}],"payments":[]}""")] // a number for the type
    [InlineData("""{"staffId":"S1","lines":[{"sku":"A","type":"sale","quantity":1,"chargedUnitPrice":1}],"payments":[]}""")] // an unknown type
    [InlineData("""{"staffId":"S1","lines":{},"payments":[]}""")]                                                      // lines not an array
    [InlineData("""{"lines":[],"payments":[]}""")]                                                                    // no staff
    [InlineData("""{"staffId":"S1","lines":[""")]                                                                      // cut short
    public void A_damaged_stored_sale_is_refused_as_invalid_JSON(string json) =>
        Assert.ThrowsAny<JsonException>(() => ReceivedSale.Parse(json));

    [Fact]
    public void A_stored_null_is_no_sale() => Assert.Throws<InvalidDataException>(() => ReceivedSale.Parse("null"));

    private static object Header(Order o) => (o.Id, o.BatchId, o.StoreId, o.RegisterId, o.LocalNumber, o.SoldAt, o.StaffId, o.CustomerPhone, o.Total,
        o.PreviousHash, o.Hash, o.InvoiceNumber, o.ApprovedBy, o.ChainBroken, o.ReceivedAt);

    private static object Line(OrderLine l) => (l.OrderId, l.LineNumber, l.Sku, l.TypedName, l.Type, l.Quantity, l.ChargedUnitPrice, l.PriceSource, l.SnapshotVersion);

    private static object Pay(Payment p) => (p.OrderId, p.PaymentNumber, p.Method, p.Amount, p.Reference);
}
