using System.Text.Json;
using PosCloud.Api.Batches;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Limits;
using PosCloud.Tests.Hostile;

namespace PosCloud.UnitTests.Batches;

/// <summary>What the OpenAPI document states (ContractBounds) is what the validator enforces: each maxLength and maximum, field by field.</summary>
public class ContractBoundsEnforcedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { typeof(OfflineOrder), typeof(OfflineOrderLine), typeof(OfflinePayment), typeof(OfflineInvoice) })
            foreach (var (name, bound) in ContractBounds.ByType[type])
                if (bound.MaxLength is not null || bound.Maximum is not null)
                    data.Add(type.Name, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void The_bound_is_enforced_at_one_past_it_and_names_the_field(string typeName, string field)
    {
        var type = typeof(OfflineOrder).Assembly.GetType($"PosCloud.Contracts.Batches.{typeName}")!;
        var bound = ContractBounds.ByType[type][field];
        var property = type.GetProperties().Single(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == field);
        object over = bound.MaxLength is { } max
            ? new string('x', max + 1)
            : property.PropertyType == typeof(long) ? (object)((long)bound.Maximum!.Value + 1) : (object)(bound.Maximum!.Value + (bound.MultipleOf ?? 1));

        var order = HostileOrders.Valid(Now, 1) with { Invoice = new OfflineInvoice("AB12345678", Now.AddHours(-1), "1234") };
        order = type == typeof(OfflineOrder) ? Set(order, property, over)
            : type == typeof(OfflineOrderLine) ? order with { Lines = [Set(order.Lines[0], property, over)] }
            : type == typeof(OfflinePayment) ? order with { Payments = [Set(order.Payments[0], property, over)] }
            : order with { Invoice = Set(order.Invoice!, property, over) };
        var path = "orders[0]." + (typeName switch
        {
            nameof(OfflineOrderLine) => "lines[0].",
            nameof(OfflinePayment) => "payments[0].",
            nameof(OfflineInvoice) => "invoice.",
            _ => "",
        }) + field;

        var errors = BatchValidator.ValidateOrder(order, 0, new UploadLimits(), Now, new HashSet<string> { "S001-E02", new string('x', 65) }, new HashSet<Guid>());
        Assert.Contains(errors, e => e.Field == path);
    }

    private static T Set<T>(T record, System.Reflection.PropertyInfo property, object value) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
