using System.Text.Json;
using PosCloud.Api.Batches;
using PosCloud.Api.Returns;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;

namespace PosCloud.UnitTests.Returns;

/// <summary>Every length and maximum the OpenAPI document states for a return is refused one past it, naming the field (limits = storage).</summary>
public class ReturnBoundsEnforcedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { typeof(OfflineReturn), typeof(OfflineReturnLine), typeof(OfflineInvoiceCancel), typeof(OfflineAllowance), typeof(OfflineAllowanceCancel) })
            foreach (var (name, bound) in ContractBounds.ByType[type])
                if (bound.MaxLength is not null || bound.Maximum is not null)
                    data.Add(type.Name, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void The_bound_is_enforced_at_one_past_it_and_names_the_field(string typeName, string field)
    {
        var type = typeof(OfflineReturn).Assembly.GetType($"PosCloud.Contracts.Batches.{typeName}")!;
        var bound = ContractBounds.ByType[type][field];
        var property = type.GetProperties().Single(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == field);
        object over = bound.MaxLength is { } max ? new string('x', max + 1)
            : property.PropertyType == typeof(long) ? (long)bound.Maximum!.Value + 1
            : property.PropertyType == typeof(int) ? (int)bound.Maximum!.Value + 1
            : (object)(bound.Maximum!.Value + (bound.MultipleOf ?? 1));

        var r = new OfflineReturn(Guid.NewGuid(), Guid.NewGuid(), 1, Now.AddMinutes(-3), "S001-E02", "尺寸不合",
            [new OfflineReturnLine(0, "TS-0400001", 1, 500)], [new OfflinePayment("cash", 500)], 500,
            CancelledInvoice: new OfflineInvoiceCancel("11512", "AB12345678", Now.AddMinutes(-3), "退貨"));
        var allowance = new OfflineAllowance("AL-1", Now.AddMinutes(-3), "11512", "AB12345678", Now.AddDays(-40),
            [new OfflineAllowanceItem(1, "外套", 1, 476, 476, 24)], 24, 476);
        r = type == typeof(OfflineReturn) ? Set(r, property, over)
            : type == typeof(OfflineReturnLine) ? r with { Lines = [Set(r.Lines[0], property, over)] }
            : type == typeof(OfflineInvoiceCancel) ? r with { CancelledInvoice = Set(r.CancelledInvoice!, property, over) }
            : type == typeof(OfflineAllowanceCancel) ? r
            : r with { CancelledInvoice = null, Allowance = Set(allowance, property, over) };
        var path = "returns[0]." + (typeName switch
        {
            nameof(OfflineReturnLine) => "lines[0].",
            nameof(OfflineInvoiceCancel) => "cancelledInvoice.",
            nameof(OfflineAllowance) => "allowance.",
            _ => "",
        }) + field;

        var staff = new HashSet<string> { "S001-E02", new string('x', 65) };
        if (type == typeof(OfflineAllowanceCancel))
        {
            // The cancel rides on a return carrying its allowance; checked as the intake checks it.
            var cancel = new OfflineAllowanceCancel(Guid.NewGuid(), "AL-1", Now.AddMinutes(-1), "S001-E02", "折讓開錯", "store-manager-pin", 500);
            var withCancel = r with { CancelledInvoice = null, Allowance = allowance, CancelledAllowance = Set(cancel, property, over) };
            Assert.Contains(ReturnValidator.ValidateAllowanceCancel(withCancel, 0, "AL-1", new UploadLimits(), Now, staff), e => e.Field == "returns[0].cancelledAllowance." + field);
            return;
        }
        var errors = ReturnValidator.Validate(r, 0, new UploadLimits(), Now, staff, new HashSet<Guid>());
        Assert.Contains(errors, e => e.Field == path);
    }

    private static T Set<T>(T record, System.Reflection.PropertyInfo property, object value) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
