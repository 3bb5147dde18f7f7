using PosCloud.Api.Dashboard.Auth;
using PosCloud.Contracts;
using PosCloud.Core.Catalog;
using PosCloud.Core.Dashboard;
using PosCloud.Core.Invoices;
using PosCloud.Core.Orders;
using PosCloud.Core.Stores;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>The rows scenarios put into the fake world, as the product's own entities.</summary>
public static class Stored
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
    public static readonly Guid BatchId = Guid.Parse("0d0c6a55-2a9c-4c57-b4a5-7f1f5bba0001");
    public static readonly Guid OrderId = Guid.Parse("0d0c6a55-2a9c-4c57-b4a5-7f1f5bba0002");
    public const string InvoiceNumber = "AB10000000";
    public const string Period = "11512";

    /// <summary>Store S001 with its register (key <see cref="OfflineApi.RegisterKey"/>), staff, an HQ key, a catalog and a dashboard operator.</summary>
    public static FakeWorld MasterData(this FakeWorld world)
    {
        var operatorUser = new DashboardUser { UserName = "hq-operator", DisplayName = "總部作業員", Role = DashboardRoles.Operator, PasswordHash = "", CreatedAt = Now };
        operatorUser.PasswordHash = DashboardPasswords.Hash(operatorUser, OfflineApi.OperatorPassword);
        return world.Add(
            new Store { Id = "S001", Name = "信義旗艦店", ManagerStaffId = "S001-E01" },
            new Register { Id = "S001-R1", StoreId = "S001", ApiKeyHash = ApiKeyHash.Of(OfflineApi.RegisterKey), LastContactAt = Now },
            new Staff { Id = "S001-E01", StoreId = "S001", Name = "王店長", Role = "manager" },
            new Staff { Id = "S001-E02", StoreId = "S001", Name = "林店員", Role = "clerk" },
            new Customer { Id = "C0001", Name = "陳小姐", Phone = "0909847665", MemberLevel = "gold" },
            new ApiClient { Id = Guid.Parse("0d0c6a55-2a9c-4c57-b4a5-7f1f5bba0003"), Name = "HQ", Role = "hq", ApiKeyHash = ApiKeyHash.Of(OfflineApi.HqKey), CreatedAt = Now },
            new Product
            {
                Sku = "TS-0400001", SkuKey = "TS-0400001", Barcode = "4712265906404", Name = "職人 輕量防潑水外套 酒紅 M", Category = "外套",
                Prices = { new ProductPrice { Id = 1, Sku = "TS-0400001", EffectiveFrom = Now.AddYears(-1), ListPrice = 589m } },
            },
            new Product
            {
                Sku = "FD-0500049", SkuKey = "FD-0500049", Name = "輕旅 台灣芒果乾 300g", Category = "食品", GiftEligible = true,
                Prices = { new ProductPrice { Id = 2, Sku = "FD-0500049", EffectiveFrom = Now.AddYears(-1), ListPrice = 120m, AddOnPrice = 91m } },
            },
            new SkuAlias { Alias = "TS0400001", Sku = "TS-0400001", CreatedBy = "hq-operator", CreatedAt = Now },
            operatorUser);
    }

    /// <summary>A batch already received: one order (typed price below the catalog's; waiting for its worker unless a final <paramref name="status"/> is given), its invoice, the range and block it came from, counts and audit.</summary>
    public static FakeWorld StoredOrder(this FakeWorld world, OrderStatus status = OrderStatus.Received)
    {
        var order = new Order
        {
            Id = OrderId, BatchId = BatchId, StoreId = "S001", RegisterId = "S001-R1", LocalNumber = 41, SoldAt = Now.AddHours(-2),
            StaffId = "S001-E02", CustomerPhone = "0909847665", Total = 1000m, Hash = "h41", PreviousHash = "h40", InvoiceNumber = InvoiceNumber,
            ReceivedAt = Now.AddHours(-1), Status = status, Version = 1,
            Lines = { new OrderLine { OrderId = OrderId, LineNumber = 1, Sku = "ts-0400001 ", TypedName = "外套(手打)", Type = LineType.Regular, Quantity = 2, ChargedUnitPrice = 500m } },
            Payments = { new Payment { OrderId = OrderId, PaymentNumber = 1, Method = "cash", Amount = 1000m } },
            History = { new OrderStatusChange { Id = 1, OrderId = OrderId, Status = OrderStatus.Received, At = Now.AddHours(-1) } },
        };
        if (status != OrderStatus.Received)
        {
            order.FinishedAt = Now.AddMinutes(-50);
            order.StatusReason = status == OrderStatus.NeedsReview ? "Unknown SKU" : null;
            order.Overrides.Add(new PriceOverride { OrderId = OrderId, LineNumber = 1, Sku = "TS-0400001", ExpectedUnitPrice = 589m, ChargedUnitPrice = 500m, Difference = -178m, Quantity = 2, Reason = "typed price", ManagerStaffId = "S001-E01", CreatedAt = Now.AddMinutes(-50) });
        }
        // An order waiting for its worker is a received order; a final one an Orders row. Both hold their claim.
        object stored = status == OrderStatus.Received ? ReceivedOrder.From(order) : order;
        return world.Add(
            new Batch { Id = BatchId, StoreId = "S001", RegisterId = "S001-R1", ReceivedAt = Now.AddHours(-1), AcceptedCount = 1 },
            new OrderClaim { OrderId = OrderId, StoreId = "S001", BatchId = BatchId },
            stored,
            new InvoiceNumberRange { Id = 1, Period = Period, Track = "AB", From = 10000000, To = 10000999, RegisteredAt = Now.AddDays(-10) },
            new InvoiceBlock { Id = 1, Period = Period, Track = "AB", From = 10000000, To = 10000049, RegisterId = "S001-R1" },
            new IssuedInvoice
            {
                Number = InvoiceNumber, Period = Period, Track = "AB", Serial = 10000000, StoreId = "S001", RegisterId = "S001-R1", OrderId = OrderId,
                IssuedAt = Now.AddHours(-2), RandomCode = "1234", Total = 1000m, UploadDeadline = Now.AddHours(46), RecordedAt = Now.AddHours(-1),
            },
            new InvoiceFlag { Id = 1, Number = "AB10000100", Kind = "outside-block", StoreId = "S001", RegisterId = "S001-R1", OrderId = OrderId, Detail = "not in the register's block", FlaggedAt = Now.AddHours(-1) },
            new StoreStatusCount { StoreId = "S001", Status = status, Count = 1 },
            new AuditEntry { Id = 1, At = Now.AddMinutes(-30), UserName = "hq-operator", Action = "rerun-order", Target = OrderId.ToString(), StoreId = "S001", OrderId = OrderId, Outcome = "queued" });
    }
}
