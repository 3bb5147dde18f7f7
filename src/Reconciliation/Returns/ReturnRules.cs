using PosCloud.Contracts;
using PosCloud.Reconciliation.Rules;

namespace PosCloud.Reconciliation.Returns;

/// <param name="LineIndex">0-based index of the original order's line (OrderLine.LineNumber − 1).</param>
public sealed record ReturnLineToCheck(int LineIndex, string Sku, decimal Quantity, decimal Amount);

/// <param name="InvoiceProblem">What ingestion found wrong with the invoice change (e.g. an allowance number used twice).</param>
public sealed record ReturnToCheck(Guid ReturnId, DateTimeOffset ReceivedAt, IReadOnlyList<ReturnLineToCheck> Lines, string? InvoiceProblem);

/// <param name="ReturnedQuantity">What earlier reconciled returns took back already (any register).</param>
/// <param name="Override">The line's 店長改價 as (difference, quantity), when it had one.</param>
public sealed record OriginalLine(int LineNumber, string Sku, decimal Quantity, decimal ChargedUnitPrice, decimal ReturnedQuantity,
    (decimal Difference, decimal Quantity)? Override = null);

public sealed record OriginalSale(Guid OrderId, OrderStatus Status, IReadOnlyList<OriginalLine> Lines);

/// <summary>What to do with a return now.</summary>
public abstract record ReturnDecision
{
    private ReturnDecision() { }
    /// <summary>The original has not arrived or is not reconciled yet: leave it, it resolves with the original.</summary>
    public sealed record Wait : ReturnDecision;
    /// <summary>Decided without touching the original's lines (original never came, failed, or the return does not fit it).</summary>
    public sealed record Review(string Reason) : ReturnDecision;
    /// <summary>
    /// Take the quantities back (each by a conditional update that fails if the line has less left, so the final word
    /// on over-return is the database's) and finish with <paramref name="Status"/>.
    /// </summary>
    public sealed record TakeBack(IReadOnlyList<LineTakeBack> Lines, OrderStatus Status, string? Reason) : ReturnDecision;
}

/// <param name="LineNumber">The original's 1-based line number.</param>
/// <param name="OverrideReversal">The returned share of the line's override, sign reversed; null when it had none.</param>
public sealed record LineTakeBack(int LineIndex, int LineNumber, decimal Quantity, decimal? OverrideReversal);

/// <summary>
/// The rules of a return against its original sale, pure. Decisions:
/// <list type="bullet">
/// <item>Original missing or not final: wait, unless it has been waiting longer than the setting (NeedsReview).</item>
/// <item>Original Failed: NeedsReview (there is nothing reconciled to return against).</item>
/// <item>A line index outside the original, or a SKU that is not the line's: NeedsReview naming the line.</item>
/// <item>A quantity above what is left (sold − already returned, as read): NeedsReview. The read is only a first
///   answer; the take-back's conditional update decides races between registers.</item>
/// <item>Refund amount more than NT$1 away from charged price × quantity (registers round to whole dollars):
///   quantities are taken back (the goods came back) and the return is NeedsReview with the amounts.</item>
/// <item>店長改價: a returned line that carried an override reverses its share — difference × returned ÷ overridden
///   quantity, sign reversed — recorded on the return line; the override row stays as it was (the sale happened).
///   Net override of a sale = Σ differences + Σ reversals of its reconciled returns.</item>
/// </list>
/// </summary>
public static class ReturnRules
{
    /// <summary>Registers refund whole NT$: a line's refund may differ from charged × quantity by rounding.</summary>
    public const decimal AmountTolerance = 1m;

    public static ReturnDecision Decide(ReturnToCheck r, OriginalSale? original, DateTimeOffset now, TimeSpan waitLimit) =>
        DecideLines(r, original, now, waitLimit) switch
        {
            // What ingestion found wrong with the invoice change is said beside any other reason.
            ReturnDecision.Review review when r.InvoiceProblem is { } problem => new ReturnDecision.Review($"{review.Reason} {problem}"),
            var decision => decision,
        };

    private static ReturnDecision DecideLines(ReturnToCheck r, OriginalSale? original, DateTimeOffset now, TimeSpan waitLimit)
    {
        if (original is null || !original.Status.IsFinal())
            return now - r.ReceivedAt >= waitLimit
                ? new ReturnDecision.Review(original is null
                    ? $"The original sale has not arrived within {Hours(waitLimit)} hours of the return."
                    : $"The original sale was not reconciled within {Hours(waitLimit)} hours of the return.")
                : new ReturnDecision.Wait();
        if (original.Status == OrderStatus.Failed)
            return new ReturnDecision.Review("The original sale failed in the cloud; the return needs a person.");

        var byNumber = original.Lines.ToDictionary(l => l.LineNumber);
        var takeBack = new List<LineTakeBack>();
        var amountNotes = new List<string>();
        foreach (var line in r.Lines.OrderBy(l => l.LineIndex))
        {
            var at = $"lines[{line.LineIndex}]";
            if (!byNumber.TryGetValue(line.LineIndex + 1, out var sold))
                return new ReturnDecision.Review($"{at}: the original sale has no line {line.LineIndex} (it has {original.Lines.Count}).");
            if (CatalogIndex.SkuKey(sold.Sku) != CatalogIndex.SkuKey(line.Sku))
                return new ReturnDecision.Review($"{at}: SKU {line.Sku} is not the original line's ({sold.Sku}).");
            var left = sold.Quantity - sold.ReturnedQuantity;
            if (line.Quantity > left)
                return new ReturnDecision.Review(OverReturn(line.LineIndex, line.Quantity, sold.Quantity, sold.ReturnedQuantity));
            var charged = sold.ChargedUnitPrice * line.Quantity;
            if (Math.Abs(line.Amount - charged) > AmountTolerance)
                amountNotes.Add($"{at}: refund {N(line.Amount)} for {N(line.Quantity)} × {N(sold.ChargedUnitPrice)} charged ({N(charged)}).");
            takeBack.Add(new LineTakeBack(line.LineIndex, sold.LineNumber, line.Quantity, Reversal(sold.Override, line.Quantity)));
        }
        if (r.InvoiceProblem is { } problem) amountNotes.Add(problem);
        return amountNotes.Count == 0
            ? new ReturnDecision.TakeBack(takeBack, OrderStatus.Reconciled, null)
            : new ReturnDecision.TakeBack(takeBack, OrderStatus.NeedsReview, string.Join(" ", amountNotes));
    }

    /// <summary>The returned share of an override, sign reversed, rounded to cents; null when the line had none.</summary>
    public static decimal? Reversal((decimal Difference, decimal Quantity)? @override, decimal returned) =>
        @override is { } o && o.Quantity > 0
            ? -Math.Round(o.Difference * Math.Min(returned, o.Quantity) / o.Quantity, 2, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>The reason when a line has less left than a return takes back (also when the database said so).</summary>
    public static string OverReturn(int lineIndex, decimal requested, decimal sold, decimal alreadyReturned) =>
        $"lines[{lineIndex}]: returns {N(requested)} but only {N(sold - alreadyReturned)} of {N(sold)} sold are left (already returned {N(alreadyReturned)}); another return of this sale came first.";

    /// <summary>A quantity or amount as people write it (PostgreSQL's numeric(18,3) reads back as 1.000).</summary>
    private static string N(decimal d) => d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan t) => t.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
