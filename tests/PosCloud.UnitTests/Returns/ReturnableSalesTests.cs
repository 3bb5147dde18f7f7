using System.Text.Json;
using PosCloud.Api.Returns;
using PosCloud.Contracts;
using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Core.Returns;
using PosCloud.Invoicing.Invoices;

namespace PosCloud.UnitTests.Returns;

/// <summary>The returnable-sale projection: only what a return needs, and what earlier returns took or may still take.</summary>
public class ReturnableSalesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static Order Sale() => new()
    {
        Id = Guid.NewGuid(), StoreId = "S001", RegisterId = "S001-R1", LocalNumber = 9, SoldAt = At, StaffId = "S001-E02", CustomerPhone = "0918123456", Total = 1487,
        Status = OrderStatus.Reconciled,
        Lines =
        [
            new OrderLine { LineNumber = 1, Sku = "TS-0400001", TypedName = "外套", Quantity = 2, ChargedUnitPrice = 589, ReturnedQuantity = 1 },
            new OrderLine { LineNumber = 2, Sku = "AC-0400017", CatalogName = "帆布托特包", Quantity = 1, ChargedUnitPrice = 309 },
        ],
        Payments = [new Payment { PaymentNumber = 1, Method = "card", Amount = 1487, Reference = "AUTH-55667788" }],
    };

    private static SaleReturn Return(Guid orderId, OrderStatus status, bool taken, int lineIndex, decimal qty, decimal refund) => new()
    {
        Id = Guid.NewGuid(), OrderId = orderId, StoreId = "S002", RegisterId = "S002-R1", StaffId = "S002-E02", Reason = "x", InvoiceOutcome = "none",
        Status = status, QuantitiesTakenBack = taken, RefundTotal = refund,
        Lines = [new ReturnLine { LineIndex = lineIndex, Sku = "?", Quantity = qty, Amount = refund }],
    };

    [Fact]
    public void Taken_back_and_still_waiting_returns_count_a_refused_one_does_not_and_no_personal_data_is_projected()
    {
        var sale = Sale();
        var invoice = new IssuedInvoice { Number = "XS00000001", Period = "11512", Track = "XS", StoreId = "S001", RegisterId = "S001-R1", OrderId = sale.Id, IssuedAt = At, CarrierType = "3J0002", CarrierId = "/ABC+123" };
        SaleReturn[] returns =
        [
            Return(sale.Id, OrderStatus.Reconciled, true, 0, 1, 589),   // reflected in ReturnedQuantity already
            Return(sale.Id, OrderStatus.Received, false, 1, 1, 309),    // not decided yet: it may still take the bag
            Return(sale.Id, OrderStatus.NeedsReview, false, 0, 1, 589), // refused over-return: took nothing
        ];

        var view = ReturnableSales.View(sale, "台北西門店", invoice, new InvoiceParty("12345675", "總公司"), returns);

        Assert.Equal([(0, 1m, 589m), (1, 1m, 0m)], view.Lines.Select(l => (l.LineIndex, l.ReturnedQuantity, l.NetAmount)));
        Assert.Equal(2, view.Returns.Count);
        Assert.Equal(1487m - 589m, view.NetTotal); // only what was taken back is netted
        Assert.Equal("帆布托特包", view.Lines[1].Name);
        Assert.Equal("7788", view.Payments.Single().ReferenceLast4);
        var json = JsonSerializer.Serialize(view, JsonSerializerOptions.Web);
        foreach (var secret in new[] { "0918123456", "S001-E02", "AUTH-55667788", "/ABC+123" })
            Assert.DoesNotContain(secret, json);
        Assert.Equal("3J0002", view.Invoice.CarrierType);
    }
}
