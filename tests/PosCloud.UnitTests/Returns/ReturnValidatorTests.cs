using System.Xml.Linq;
using PosCloud.Api.Batches;
using PosCloud.Api.Invoices;
using PosCloud.Api.Returns;
using PosCloud.Contracts.Batches;
using PosCloud.Core.Invoices;

namespace PosCloud.UnitTests.Returns;

public class ReturnValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Staff = ["S001-E02"];
    private static readonly InvoicingOptions Seller = new() { SellerId = "24634102", SellerName = "範例商店股份有限公司" };

    private static OfflineReturn Valid() => new(Guid.NewGuid(), Guid.NewGuid(), 1, Now.AddMinutes(-3), "S001-E02", "尺寸不合",
        [new OfflineReturnLine(0, "TS-0400001", 1, 500)], [new OfflinePayment("cash", 500)], 500,
        CancelledInvoice: new OfflineInvoiceCancel("11512", "AB12345678", Now.AddMinutes(-3), "退貨"));

    private static IReadOnlyList<FieldError> Validate(OfflineReturn r) =>
        ReturnValidator.Validate(r, 2, new UploadLimits(), Now, Staff, new HashSet<Guid>());

    [Fact]
    public void A_valid_return_has_no_errors() => Assert.Empty(Validate(Valid()));

    [Theory]
    [InlineData(0, "returns[2].lines[0].quantity")]
    [InlineData(-1, "returns[2].lines[0].quantity")]
    [InlineData(10_000, "returns[2].lines[0].quantity")]
    [InlineData(0.0001, "returns[2].lines[0].quantity")]
    public void Quantity_errors_name_the_field(decimal quantity, string field) =>
        Assert.Contains(Validate(Valid() with { Lines = [new OfflineReturnLine(0, "TS-0400001", quantity, 500)] }), e => e.Field == field);

    [Fact]
    public void Every_bound_is_named_by_its_path()
    {
        var r = Valid() with
        {
            ReturnId = Guid.Empty,
            OrderId = Guid.Empty,
            StaffId = "S999",
            Reason = new string('x', 101),
            Lines = [new OfflineReturnLine(-1, "", 1, -5), new OfflineReturnLine(3, "A\u0001", 1, 1), new OfflineReturnLine(3, "B", 1, 1)],
            Refunds = [new OfflinePayment("", 1), new OfflinePayment("card", 1, new string('r', 101))],
            CancelledInvoice = new OfflineInvoiceCancel("11512", "AB12345678", Now.AddDays(1), new string('退', 21)),
        };
        var fields = Validate(r).Select(e => e.Field).ToHashSet();
        foreach (var f in new[]
        {
            "returns[2].returnId", "returns[2].orderId", "returns[2].staffId", "returns[2].reason", "returns[2].lines[0].lineIndex",
            "returns[2].lines[0].sku", "returns[2].lines[0].amount", "returns[2].lines[1].sku", "returns[2].lines[2].lineIndex",
            "returns[2].refunds[0].method", "returns[2].refunds[1].reference", "returns[2].cancelledInvoice.cancelledAt", "returns[2].cancelledInvoice.reason",
        })
            Assert.Contains(f, fields);
    }

    [Fact]
    public void Refunds_must_add_up_and_a_return_cannot_both_cancel_and_allow()
    {
        Assert.Contains(Validate(Valid() with { RefundTotal = 400 }), e => e.Field == "returns[2].refunds");
        var both = Valid() with { Allowance = Allowance() };
        Assert.Contains(Validate(both), e => e.Field == "returns[2].allowance");
        Assert.Contains(Validate(Valid() with { CancelledInvoice = null, ReplacementInvoice = new OfflineInvoice("AB12345679", Now, "1234") }),
            e => e.Field == "returns[2].replacementInvoice");
    }

    [Fact]
    public void Allowance_fields_are_held_to_the_MIG_bounds()
    {
        var bad = Allowance() with
        {
            Number = new string('9', 17), OriginalNumber = "A1", BuyerConsent = "maybe",
            Items = [new OfflineAllowanceItem(0, "", 1, 1, 1, 0, "7")],
        };
        var fields = Validate(Valid() with { CancelledInvoice = null, Allowance = bad }).Select(e => e.Field).ToHashSet();
        foreach (var f in new[] { "number", "originalNumber", "buyerConsent", "items[0].originalSequence", "items[0].description", "items[0].taxType" })
            Assert.Contains($"returns[2].allowance.{f}", fields);
    }

    [Fact]
    public void A_replacement_invoice_is_held_to_the_issued_invoice_bounds_under_its_own_path()
    {
        var r = Valid() with { ReplacementInvoice = new OfflineInvoice("AB12345679", Now.AddMinutes(-3), "1234", Items: [new OfflineInvoiceItem("", 1, 91, 91)], TotalAmount: 91) };
        Assert.Contains(Validate(r), e => e.Field == "returns[2].replacementInvoice.items[0].description");
    }

    [Fact]
    public void A_cancel_of_a_stored_B2B_invoice_is_an_F0501_due_seven_days_after_the_cancel()
    {
        var cancel = new OfflineInvoiceCancel("11512", "AB12345678", new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(8)), "退貨");
        var built = ReturnPlatformMessages.Cancel(cancel, (new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), "04595252"), "S001", Seller, Now);
        var m = Assert.IsType<PlatformMessage>(built.Message);
        Assert.Equal(("F0501", "11512", "AB12345678", "S001"), (m.Kind, m.Period, m.DocumentNumber, m.StoreId));
        // Cancelled on 11-30 (Taiwan), B2B: on time through 12-07, due at the midnight that ends it.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.FromHours(8)), m.DueAt);
        XNamespace f = "urn:GEINV:eInvoiceMessage:F0501:4.1";
        var doc = XDocument.Parse(m.Xml!);
        Assert.Equal("20261128", doc.Root!.Element(f + "InvoiceDate")!.Value);
        Assert.Equal("04595252", doc.Root.Element(f + "BuyerId")!.Value);
    }

    [Fact]
    public void A_cancel_of_an_invoice_the_cloud_does_not_know_without_its_date_is_a_problem_not_a_message()
    {
        var cancel = new OfflineInvoiceCancel("11512", "AB12345678", Now, "退貨");
        var built = ReturnPlatformMessages.Cancel(cancel, null, "S001", Seller, Now);
        Assert.Null(built.Message);
        Assert.Contains("did not send its issue date", built.Problem);
        var withDate = ReturnPlatformMessages.Cancel(cancel with { InvoiceIssuedAt = Now.AddDays(-1) }, null, "S001", Seller, Now);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(8)), withDate.Message!.DueAt); // B2C: 2 days
    }

    [Fact]
    public void An_allowance_is_a_G0401_of_its_own_period_with_the_allowance_number()
    {
        var built = ReturnPlatformMessages.Allowance(Allowance(), "S001", Seller, Now);
        var m = Assert.IsType<PlatformMessage>(built.Message);
        Assert.Equal(("G0401", "11602", "AL-0001"), (m.Kind, m.Period, m.DocumentNumber));
        XNamespace g = "urn:GEINV:eInvoiceMessage:G0401:4.1";
        Assert.Equal("AB12345678", XDocument.Parse(m.Xml!).Descendants(g + "OriginalInvoiceNumber").Single().Value);
    }

    [Fact]
    public void An_allowance_cancel_is_a_G0501_of_the_allowances_period_due_by_the_issue_rule_from_the_cancel()
    {
        var cancelledAt = new DateTimeOffset(2027, 1, 21, 8, 30, 0, TimeSpan.FromHours(8));
        var built = ReturnPlatformMessages.CancelAllowance(Cancel(cancelledAt), Allowance(), "S001", Seller, Now);
        var m = Assert.IsType<PlatformMessage>(built.Message);
        // The same key as its G0401 but another kind: one G0501 per allowance.
        Assert.Equal(("G0501", "11602", "AL-0001", "S001"), (m.Kind, m.Period, m.DocumentNumber, m.StoreId));
        Assert.Equal(new DateTimeOffset(2027, 1, 24, 0, 0, 0, TimeSpan.FromHours(8)), m.DueAt); // B2C: the day after + 2 days
        XNamespace c = "urn:GEINV:eInvoiceMessage:G0501:4.1";
        var root = XDocument.Parse(m.Xml!).Root!;
        Assert.Equal(c + "CancelAllowance", root.Name);
        Assert.Equal(["CancelAllowanceNumber", "AllowanceType", "AllowanceDate", "BuyerId", "SellerId", "CancelDate", "CancelTime", "CancelReason"],
            root.Elements().Select(e => e.Name.LocalName).ToArray());
        Assert.Equal(("AL-0001", "2", "20270120", "0000000000", "24634102", "20270121", "08:30:00", "折讓開錯"),
            (V("CancelAllowanceNumber"), V("AllowanceType"), V("AllowanceDate"), V("BuyerId"), V("SellerId"), V("CancelDate"), V("CancelTime"), V("CancelReason")));
        string V(string name) => root.Element(c + name)!.Value;

        var b2b = ReturnPlatformMessages.CancelAllowance(Cancel(cancelledAt), Allowance() with { BuyerTaxId = "04595252" }, "S001", Seller, Now).Message!;
        Assert.Equal("04595252", XDocument.Parse(b2b.Xml!).Root!.Element(c + "BuyerId")!.Value);
        Assert.Equal(new DateTimeOffset(2027, 1, 29, 0, 0, 0, TimeSpan.FromHours(8)), b2b.DueAt); // B2B: 7 days
    }

    [Fact]
    public void An_allowance_cancel_names_each_wrong_field_and_must_cancel_the_returns_own_allowance()
    {
        var r = Valid() with { CancelledInvoice = null, Allowance = Allowance() with { IssuedAt = Now.AddDays(-1) }, ReturnedAt = Now.AddDays(-1), CancelledAllowance = Cancel(Now) };
        Assert.Empty(ReturnValidator.ValidateAllowanceCancel(r, 2, "AL-0001", new UploadLimits(), Now, Staff));

        var unknown = ReturnValidator.ValidateAllowanceCancel(r, 2, "AL-0009", new UploadLimits(), Now, Staff);
        Assert.Contains(unknown, e => e.Field == "returns[2].cancelledAllowance.allowanceNumber" && e.Message.Contains("AL-0009"));
        Assert.Contains(ReturnValidator.ValidateAllowanceCancel(r, 2, null, new UploadLimits(), Now, Staff),
            e => e.Field == "returns[2].cancelledAllowance.allowanceNumber" && e.Message.Contains("no allowance"));

        var bad = r with
        {
            CancelledAllowance = new OfflineAllowanceCancel(Guid.Empty, "AL-0001", Now.AddDays(1), "stranger", new string('x', 21), "", 501),
        };
        var fields = ReturnValidator.ValidateAllowanceCancel(bad, 2, "AL-0001", new UploadLimits(), Now, Staff).Select(e => e.Field).ToHashSet();
        foreach (var f in new[] { "cancelId", "cancelledAt", "staffId", "reason", "approvedBy", "refundTakenBack" })
            Assert.Contains("returns[2].cancelledAllowance." + f, fields);
        Assert.Contains(ReturnValidator.ValidateAllowanceCancel(r with { CancelledAllowance = Cancel(Now.AddDays(-2)) }, 2, "AL-0001", new UploadLimits(), Now, Staff),
            e => e.Field == "returns[2].cancelledAllowance.cancelledAt" && e.Message.Contains("before the allowance"));
        // The allowance itself must ride with its cancel (the G0501 takes its date and buyer from it).
        Assert.Contains(ReturnValidator.ValidateAllowanceCancel(r with { Allowance = null }, 2, "AL-0001", new UploadLimits(), Now, Staff),
            e => e.Field == "returns[2].allowance");
    }

    private static OfflineAllowanceCancel Cancel(DateTimeOffset at) => new(Guid.NewGuid(), "AL-0001", at, "S001-E02", "折讓開錯", "store-manager-pin", 500);

    private static OfflineAllowance Allowance() => new("AL-0001", new DateTimeOffset(2027, 1, 20, 10, 0, 0, TimeSpan.FromHours(8)), "11512", "AB12345678",
        new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8)), [new OfflineAllowanceItem(1, "外套", 1, 476, 476, 24)], 24, 476);
}
