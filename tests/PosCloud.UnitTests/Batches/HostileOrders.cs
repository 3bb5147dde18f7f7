using CsCheck;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;

namespace PosCloud.Tests.Hostile;

/// <summary>
/// Generators of hostile orders for the generative tests (shared by the unit and the integration tests):
/// a valid order of S001 with 0–3 mutations, each putting an edge or random value into one field (long,
/// empty, NUL, control characters, lone surrogates; 0, negative, 4 decimals, decimal.MaxValue; dates in 0001,
/// 1900, the future; localNumber up to long.MaxValue; unknown enum values; null entries). Some mutations keep
/// the order consistent (total and payment follow the lines) so that extreme but valid values are accepted.
/// </summary>
public static class HostileOrders
{
    public const int MutationKinds = 25;

    private static readonly Gen<string> Strings = Gen.OneOf<string>(
        Gen.String[0, 260],
        Gen.Int[0, 300].Select(n => new string('字', n)),
        Gen.OneOf("", " ", "\0", "a\0b", "\u0001x", "\ud800", "😀😀", "S001-E02", "TS-0400001", "AB12345678",
            new string('x', 20), new string('x', 21), new string('x', 30), new string('x', 31), new string('x', 64), new string('x', 65),
            new string('x', 100), new string('x', 101), new string('x', 128), new string('x', 129), new string('x', 200), new string('x', 201)));

    private static readonly Gen<decimal> Decimals = Gen.OneOf<decimal>(
        Gen.Decimal,
        Gen.Int[0, 1_000_000].Select(i => i / 100m),
        Gen.OneOf(0m, -0.01m, 0.0001m, 0.001m, 0.01m, 1m, 1.005m, 9_999m, 9_999.999m, 10_000m, 10_000_000m, 10_000_000.01m,
            100_000_000_000m, 100_000_000_000.01m, 9_999_999_999_999_999.99m, decimal.MaxValue, decimal.MinValue));

    private static readonly Gen<long> Longs = Gen.OneOf<long>(
        Gen.Long,
        Gen.OneOf(long.MinValue, -1L, 0L, 1L, 2L, ContractLimits.MaxLocalNumber, ContractLimits.MaxLocalNumber + 1, 1L << 62, long.MaxValue));

    private static Gen<DateTimeOffset> Dates(DateTimeOffset now) => Gen.OneOf(
        DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), ContractLimits.EarliestDate, now.AddDays(-400), now.AddHours(-1),
        now.AddMinutes(5), now.AddMinutes(11), now.AddYears(1), new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>A valid order of S001 (staff S001-E02, a catalog SKU), sold an hour before <paramref name="now"/>.</summary>
    public static OfflineOrder Valid(DateTimeOffset now, long localNumber) => new(
        Guid.NewGuid(), localNumber, now.AddHours(-1), "S001-E02", "0909847665",
        [new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 2, 100.50m, "typed", "v1")],
        [new OfflinePayment("cash", 201m, "R-1")], 201m, null, null, "h1");

    public static Gen<OfflineOrder> Order(DateTimeOffset now, Gen<long> localNumbers) =>
        from number in localNumbers
        from mutations in Mutation(now).Array[0, 3]
        select mutations.Aggregate(Valid(now, number), (o, m) => m(o));

    public static Gen<Func<OfflineOrder, OfflineOrder>> Mutation(DateTimeOffset now) =>
        from kind in Gen.Int[0, MutationKinds - 1]
        from s in Strings
        from d in Decimals
        from d2 in Decimals
        from date in Dates(now)
        from n in Longs
        select (Func<OfflineOrder, OfflineOrder>)(o => Apply(kind, o, s, d, d2, date, n));

    private static OfflineOrder Apply(int kind, OfflineOrder o, string s, decimal d, decimal d2, DateTimeOffset date, long n)
    {
        OfflineOrder Line(Func<OfflineOrderLine, OfflineOrderLine> change) => o with { Lines = [change(o.Lines[0]), .. o.Lines.Skip(1)] };
        OfflineOrder Pay(Func<OfflinePayment, OfflinePayment> change) => o with { Payments = [change(o.Payments[0]), .. o.Payments.Skip(1)] };
        if (o.Lines is not { Count: > 0 } || o.Lines[0] is null || o.Payments is not { Count: > 0 } || o.Payments[0] is null)
            return o; // an earlier mutation took the shape away: leave it
        return kind switch
        {
            0 => Line(l => l with { Name = s }),
            1 => Line(l => l with { Sku = s }),
            2 => o with { CustomerPhone = s },
            3 => o with { Hash = s },
            4 => o with { PreviousHash = s },
            5 => Pay(p => p with { Method = s }),
            6 => Pay(p => p with { Reference = s }),
            7 => Line(l => l with { PriceSource = s }),
            8 => Line(l => l with { SnapshotVersion = s }),
            9 => o with { StaffId = s },
            10 => Line(l => l with { Quantity = d }),
            11 => Line(l => l with { UnitPrice = d }),
            12 => o with { Total = d },
            13 => Pay(p => p with { Amount = d }),
            14 => o with { SoldAt = date },
            15 => o with { LocalNumber = n },
            16 => o with { Invoice = new OfflineInvoice(s, date, s.Length > 4 ? s[..4] : s, CarrierId: s) },
            17 => o with { VoidedInvoiceNumbers = [s, "AB00000001"] },
            18 => Line(l => l with { Type = (LineType)(int)(n % 5) }),
            19 => o with { Lines = [.. o.Lines, null!] },
            20 => o with { Payments = [.. o.Payments, null!] },
            21 => o with { Lines = [] },
            22 => o with { OrderId = Guid.Empty },
            // Consistent: the total and the payment follow the line, so extreme but valid values get accepted.
            23 => Consistent(o, d, d2),
            _ => Consistent(o, Math.Round(Math.Abs(d) % 10_000m, 3), Math.Round(Math.Abs(d2) % 10_000_001m, 2)),
        };
    }

    private static OfflineOrder Consistent(OfflineOrder o, decimal quantity, decimal unitPrice)
    {
        decimal total;
        try { total = quantity * unitPrice; }
        catch (OverflowException) { total = decimal.MaxValue; }
        return o with
        {
            Lines = [o.Lines[0] with { Quantity = quantity, UnitPrice = unitPrice }],
            Payments = [o.Payments[0] with { Amount = total }],
            Total = total,
        };
    }
}
