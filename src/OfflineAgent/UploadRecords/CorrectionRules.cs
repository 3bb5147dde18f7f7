using System.Text.RegularExpressions;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadRecords;

/// <summary>One typed field to correct, named as the cloud named it (without "orders[n].").</summary>
public sealed record FieldCorrection(string? Field, string? Value);

/// <summary>A change that will be made: the audit row's content.</summary>
public sealed record PlannedChange(string Field, string? OldValue, string? NewValue);

public sealed record CorrectionError(string Field, string Code, string Message);

/// <summary>
/// What a manager may correct on a sale the cloud refused, and how. Pure.
/// Only what the clerk TYPED: a line's name, the customer's phone, a card payment's reference — never the SKU,
/// quantity, price, payments' amounts, staff or invoice, which are what was sold and what the hash chain
/// vouches for. The sale keeps its hash: it fingerprints the sale as made (the phone and the reference are in
/// it), and the correction rows keep the old values, so the sale as made stays provable.
/// </summary>
public static partial class CorrectionRules
{
    /// <summary>The cloud's column size for every one of these fields (src/Core: strings are 200 unless said).</summary>
    public const int MaxLength = 200;

    /// <summary>Refused sales (失敗) and sales set aside as 上傳受阻 may be corrected; nothing the cloud has.</summary>
    public static bool MayCorrect(AgentOrderState state, bool uploadBlocked) =>
        state == AgentOrderState.Rejected || (state == AgentOrderState.Pending && uploadBlocked);

    public static (IReadOnlyList<PlannedChange> Changes, IReadOnlyList<CorrectionError> Errors) Plan(LocalOrder order, IReadOnlyList<FieldCorrection>? corrections)
    {
        var changes = new List<PlannedChange>();
        var errors = new List<CorrectionError>();
        if (corrections is null || corrections.Count == 0)
            return ([], [new("changes", "correction.empty", "Name at least one field to correct.")]);
        var lines = order.Lines.OrderBy(l => l.LineNumber).ToList();
        var payments = order.Payments.OrderBy(p => p.Sequence).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in corrections)
        {
            var field = (c.Field ?? "").Trim();
            if (!seen.Add(field)) { errors.Add(new(field, "correction.duplicate", $"{field} is named twice.")); continue; }
            var value = string.IsNullOrWhiteSpace(c.Value) ? null : c.Value.Trim();
            if (value is not null && (value.Length > MaxLength || value.Any(char.IsControl)))
            {
                errors.Add(new(field, "correction.tooLong", $"{field}: at most {MaxLength} printable characters."));
                continue;
            }
            string? old;
            var m = IndexedField().Match(field);
            if (field == "customerPhone") old = order.CustomerPhone;
            else if (m.Success && m.Groups[1].Value == "lines" && m.Groups[3].Value == "name" && Index(m) < lines.Count) old = lines[Index(m)].Name;
            else if (m.Success && m.Groups[1].Value == "payments" && m.Groups[3].Value == "reference" && Index(m) < payments.Count) old = payments[Index(m)].Reference;
            else { errors.Add(new(field, "correction.notCorrectable", $"{field} cannot be corrected here (only lines[n].name, customerPhone, payments[n].reference).")); continue; }
            if (old == value) { errors.Add(new(field, "correction.unchanged", $"{field} is unchanged.")); continue; }
            changes.Add(new(field, old, value));
        }
        return errors.Count > 0 ? ([], errors) : (changes, []);
    }

    public static void Apply(LocalOrder order, IEnumerable<PlannedChange> changes)
    {
        var lines = order.Lines.OrderBy(l => l.LineNumber).ToList();
        var payments = order.Payments.OrderBy(p => p.Sequence).ToList();
        foreach (var c in changes)
        {
            var m = IndexedField().Match(c.Field);
            if (c.Field == "customerPhone") order.CustomerPhone = c.NewValue;
            else if (m.Groups[1].Value == "lines") lines[Index(m)].Name = c.NewValue;
            else payments[Index(m)].Reference = c.NewValue;
        }
    }

    private static int Index(Match m) => int.TryParse(m.Groups[2].Value, out var i) ? i : int.MaxValue;

    [GeneratedRegex(@"^(lines|payments)\[(\d{1,4})\]\.(name|reference)$")]
    private static partial Regex IndexedField();
}
