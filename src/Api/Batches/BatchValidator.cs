using PosCloud.Contracts;
using PosCloud.Contracts.Batches;

namespace PosCloud.Api.Batches;

/// <summary>Limits and allowances of an upload (section "Upload").</summary>
public sealed class UploadLimits
{
    public const string Section = "Upload";
    public int MaxOrdersPerBatch { get; set; } = 500;
    /// <summary>The largest upload body accepted, in bytes (413 above it).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;
    public int MaxLinesPerOrder { get; set; } = 200;
    public decimal MaxQuantity { get; set; } = 9_999;
    public decimal MaxUnitPrice { get; set; } = 10_000_000;
    /// <summary>How far a register's clock may run ahead of the cloud's.</summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Per-order validation as a pure function: every reason an order is wrong, named by its JSON path,
/// so one bad order never holds back the good ones of its batch.
/// </summary>
public static class BatchValidator
{
    public static IReadOnlyList<FieldError> ValidateOrder(
        OfflineOrder order, int index, UploadLimits limits, DateTimeOffset now, IReadOnlySet<string> storeStaff, ISet<Guid> seenInBatch)
    {
        var errors = new List<FieldError>();
        var at = $"orders[{index}]";
        void Add(string field, string message) => errors.Add(new FieldError($"{at}.{field}", message));

        if (order.OrderId == Guid.Empty) Add("orderId", "orderId is required (a UUID made by the register).");
        else if (!seenInBatch.Add(order.OrderId)) Add("orderId", $"orderId {order.OrderId} appears more than once in this batch.");
        if (order.LocalNumber < 1) Add("localNumber", "localNumber must be 1 or more.");
        if (order.SoldAt == default) Add("soldAt", "soldAt is required.");
        else if (order.SoldAt > now + limits.ClockSkewAllowance)
            Add("soldAt", $"soldAt {order.SoldAt:O} is in the future (more than {limits.ClockSkewAllowance.TotalMinutes:0} minutes ahead of the cloud's clock).");
        if (string.IsNullOrWhiteSpace(order.StaffId)) Add("staffId", "staffId is required.");
        else if (!storeStaff.Contains(order.StaffId)) Add("staffId", $"staff {order.StaffId} does not belong to this store.");
        if (order.ApprovedBy is { } approver && (approver.Trim().Length > Core.Orders.Order.ApprovedByMaxLength || approver.Any(char.IsControl)))
            Add("approvedBy", $"approvedBy must be at most {Core.Orders.Order.ApprovedByMaxLength} printable characters.");

        var lines = order.Lines ?? [];
        if (lines.Count == 0) Add("lines", "An order needs at least one line.");
        if (lines.Count > limits.MaxLinesPerOrder) Add("lines", $"An order may have at most {limits.MaxLinesPerOrder} lines; this one has {lines.Count}.");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var l = $"lines[{i}]";
            if (line is null) { Add(l, "A line is null."); continue; }
            if (string.IsNullOrWhiteSpace(line.Sku)) Add($"{l}.sku", "sku is required.");
            else if (line.Sku.Trim().Length > 64 || line.Sku.Any(char.IsControl)) Add($"{l}.sku", "sku must be at most 64 printable characters.");
            if (!Enum.IsDefined(line.Type)) Add($"{l}.type", "type must be regular, addOn or gift.");
            if (line.Quantity <= 0) Add($"{l}.quantity", "quantity must be greater than 0.");
            else if (line.Quantity > limits.MaxQuantity) Add($"{l}.quantity", $"quantity must be at most {limits.MaxQuantity}.");
            CheckMoney(line.UnitPrice, $"{l}.unitPrice", limits.MaxUnitPrice, Add);
        }

        var payments = order.Payments ?? [];
        for (var i = 0; i < payments.Count; i++)
        {
            if (payments[i] is null) { Add($"payments[{i}]", "A payment is null."); continue; }
            if (string.IsNullOrWhiteSpace(payments[i].Method)) Add($"payments[{i}].method", "method is required.");
            CheckMoney(payments[i].Amount, $"payments[{i}].amount", decimal.MaxValue, Add);
        }
        CheckMoney(order.Total, "total", decimal.MaxValue, Add);

        if (errors.Count == 0)
        {
            var linesTotal = lines.Sum(x => x.Quantity * x.UnitPrice);
            var paid = payments.Sum(x => x.Amount);
            if (Math.Abs(linesTotal - order.Total) > 0.01m)
                Add("total", $"total {order.Total} does not equal the sum of the lines ({linesTotal}).");
            if (Math.Abs(paid - order.Total) > 0.01m)
                Add("payments", $"payments add up to {paid}, not the total {order.Total}.");
        }
        return errors;
    }

    private static void CheckMoney(decimal value, string field, decimal max, Action<string, string> add)
    {
        if (value < 0) add(field, $"{field.Split('.')[^1]} must not be negative.");
        else if (value > max) add(field, $"{field.Split('.')[^1]} must be at most {max}.");
        else if (decimal.Round(value, 2) != value) add(field, $"{field.Split('.')[^1]} may have at most 2 decimals.");
    }
}
