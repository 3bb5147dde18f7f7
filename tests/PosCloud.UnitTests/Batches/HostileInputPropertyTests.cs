using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PosCloud.Api.Batches;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;
using PosCloud.Core.Orders;
using PosCloud.Core.Persistence;
using PosCloud.Tests.Hostile;

namespace PosCloud.UnitTests.Batches;

/// <summary>
/// Generative tests of the upload validator: for random and mutated orders it never throws, and every order
/// it accepts fits the PostgreSQL model's columns (lengths, numeric precision, no NUL) — the validator's limits
/// are the storage's limits. Both outcomes must occur, so the property is never vacuous.
/// </summary>
public class HostileInputPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Staff = ["S001-E02"];
    private static readonly IModel Postgres = new PostgresCloudDbContext(
        new DbContextOptionsBuilder<PostgresCloudDbContext>().UseNpgsql("Host=unused").Options).Model;

    [Fact]
    public void The_validator_never_throws_and_what_it_accepts_fits_the_columns()
    {
        int accepted = 0, rejected = 0;
        HostileOrders.Order(Now, Gen.Long[1, 1000]).Sample(order =>
        {
            var errors = BatchValidator.ValidateOrder(order, 0, new UploadLimits(), Now, Staff, new HashSet<Guid>());
            Assert.All(errors, e => Assert.StartsWith("orders[0]", e.Field));
            if (errors.Count > 0) { Interlocked.Increment(ref rejected); return; }
            Interlocked.Increment(ref accepted);
            var misfits = Misfits(order).ToList();
            Assert.True(misfits.Count == 0, "Accepted but does not fit: " + string.Join("; ", misfits));
        }, iter: 20_000);
        Assert.True(accepted > 500 && rejected > 500, $"accepted {accepted}, rejected {rejected}");
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void A_line_name_is_bounded_by_its_column_and_the_error_names_it(int length, bool ok)
    {
        var order = HostileOrders.Valid(Now, 1);
        order = order with { Lines = [order.Lines[0] with { Name = new string('名', length) }] };
        var errors = BatchValidator.ValidateOrder(order, 3, new UploadLimits(), Now, Staff, new HashSet<Guid>());
        if (ok) Assert.Empty(errors);
        else Assert.Equal(("orders[3].lines[0].name", "at most 200 characters"), (Assert.Single(errors).Field, errors[0].Message));
    }

    [Fact]
    public void Every_contract_string_bound_fits_its_column_on_every_provider()
    {
        var sqlite = new SqliteCloudDbContext(new DbContextOptionsBuilder<SqliteCloudDbContext>().UseSqlite("Data Source=:memory:").Options).Model;
        var sqlServer = new SqlServerCloudDbContext(new DbContextOptionsBuilder<SqlServerCloudDbContext>().UseSqlServer("Server=unused").Options).Model;
        foreach (var model in new[] { Postgres, sqlite, sqlServer })
        {
            foreach (var (entity, property, bound) in Columns)
            {
                var column = model.FindEntityType(entity)!.FindProperty(property)!.GetMaxLength();
                Assert.True(column >= bound, $"{entity.Name}.{property}: column {column} < contract bound {bound}");
            }
            Assert.Equal(ContractLimits.QuantityDecimals, model.FindEntityType(typeof(OrderLine))!.FindProperty(nameof(OrderLine.Quantity))!.GetScale());
        }
    }

    private static readonly (Type Entity, string Property, int Bound)[] Columns =
    [
        (typeof(Order), nameof(Order.StaffId), ContractLimits.StaffIdMaxLength),
        (typeof(Order), nameof(Order.CustomerPhone), ContractLimits.CustomerPhoneMaxLength),
        (typeof(Order), nameof(Order.Hash), ContractLimits.HashMaxLength),
        (typeof(Order), nameof(Order.PreviousHash), ContractLimits.HashMaxLength),
        (typeof(Order), nameof(Order.InvoiceNumber), ContractLimits.InvoiceNumberMaxLength),
        (typeof(Order), nameof(Order.StoreId), ContractLimits.StoreIdMaxLength),
        (typeof(Order), nameof(Order.RegisterId), ContractLimits.RegisterIdMaxLength),
        (typeof(OrderLine), nameof(OrderLine.Sku), ContractLimits.SkuMaxLength),
        (typeof(OrderLine), nameof(OrderLine.TypedName), ContractLimits.LineNameMaxLength),
        (typeof(OrderLine), nameof(OrderLine.PriceSource), ContractLimits.PriceSourceMaxLength),
        (typeof(OrderLine), nameof(OrderLine.SnapshotVersion), ContractLimits.SnapshotVersionMaxLength),
        (typeof(OrderLine), nameof(OrderLine.CatalogName), ContractLimits.ProductNameMaxLength),
        (typeof(Payment), nameof(Payment.Method), ContractLimits.PaymentMethodMaxLength),
        (typeof(Payment), nameof(Payment.Reference), ContractLimits.PaymentReferenceMaxLength),
        (typeof(Core.Catalog.Product), nameof(Core.Catalog.Product.Name), ContractLimits.ProductNameMaxLength),
        (typeof(Core.Catalog.Product), nameof(Core.Catalog.Product.Category), ContractLimits.ProductCategoryMaxLength),
    ];

    /// <summary>Every way the accepted order would not fit PostgreSQL: what the database itself would refuse.</summary>
    private static IEnumerable<string> Misfits(OfflineOrder o)
    {
        IEnumerable<string> Text(Type entity, string property, string? value)
        {
            if (value is null) yield break;
            var max = Postgres.FindEntityType(entity)!.FindProperty(property)!.GetMaxLength();
            if (value.Length > max) yield return $"{property} {value.Length} > {max}";
            if (value.Contains('\0')) yield return $"{property} has NUL";
        }
        IEnumerable<string> Number(Type entity, string property, decimal value)
        {
            var p = Postgres.FindEntityType(entity)!.FindProperty(property)!;
            var (precision, scale) = (p.GetPrecision()!.Value, p.GetScale()!.Value);
            var limit = (decimal)Math.Pow(10, precision - scale);
            if (Math.Abs(value) >= limit || decimal.Round(value, scale) != value) yield return $"{property} {value} not numeric({precision},{scale})";
        }
        foreach (var m in Text(typeof(Order), nameof(Order.StaffId), o.StaffId)) yield return m;
        foreach (var m in Text(typeof(Order), nameof(Order.CustomerPhone), o.CustomerPhone)) yield return m;
        foreach (var m in Text(typeof(Order), nameof(Order.Hash), o.Hash)) yield return m;
        foreach (var m in Text(typeof(Order), nameof(Order.PreviousHash), o.PreviousHash)) yield return m;
        foreach (var m in Text(typeof(Order), nameof(Order.InvoiceNumber), o.Invoice?.Number)) yield return m;
        foreach (var m in Number(typeof(Order), nameof(Order.Total), o.Total)) yield return m;
        if (o.SoldAt < ContractLimits.EarliestDate || o.SoldAt > Now.AddMinutes(10)) yield return $"soldAt {o.SoldAt:O}";
        if (o.LocalNumber is < 1 or > ContractLimits.MaxLocalNumber) yield return $"localNumber {o.LocalNumber}";
        foreach (var l in o.Lines)
        {
            foreach (var m in Text(typeof(OrderLine), nameof(OrderLine.Sku), l.Sku.Trim())) yield return m;
            foreach (var m in Text(typeof(OrderLine), nameof(OrderLine.TypedName), l.Name)) yield return m;
            foreach (var m in Text(typeof(OrderLine), nameof(OrderLine.PriceSource), l.PriceSource)) yield return m;
            foreach (var m in Text(typeof(OrderLine), nameof(OrderLine.SnapshotVersion), l.SnapshotVersion)) yield return m;
            foreach (var m in Number(typeof(OrderLine), nameof(OrderLine.Quantity), l.Quantity)) yield return m;
            foreach (var m in Number(typeof(OrderLine), nameof(OrderLine.ChargedUnitPrice), l.UnitPrice)) yield return m;
            if (!Enum.IsDefined(l.Type)) yield return $"type {(int)l.Type}";
            // The worst override the catalog's bounded prices allow must fit too.
            foreach (var m in Number(typeof(PriceOverride), nameof(PriceOverride.Difference),
                decimal.Round((l.UnitPrice - ContractLimits.MaxUnitPrice) * l.Quantity, 2))) yield return m;
        }
        foreach (var p in o.Payments)
        {
            foreach (var m in Text(typeof(Payment), nameof(Payment.Method), p.Method)) yield return m;
            foreach (var m in Text(typeof(Payment), nameof(Payment.Reference), p.Reference)) yield return m;
            foreach (var m in Number(typeof(Payment), nameof(Payment.Amount), p.Amount)) yield return m;
        }
    }
}
