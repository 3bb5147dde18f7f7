using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>How the cloud's answers move a local order. Pure.</summary>
public static partial class OutcomeRules
{
    /// <summary>Accepted or duplicate: the cloud has it (its status decides); rejected: the cloud does not, with reasons.</summary>
    public static (AgentOrderState State, string? Reasons) FromUpload(OrderUploadResult r) => r.Outcome switch
    {
        UploadOutcome.Rejected => (AgentOrderState.Rejected, Reasons(r.Errors)),
        _ => (FromCloudStatus(r.Status), r.Errors.Count > 0 ? Reasons(r.Errors) : null),
    };

    public static AgentOrderState FromCloudStatus(OrderStatus status) => status switch
    {
        OrderStatus.Reconciled => AgentOrderState.Reconciled,
        OrderStatus.NeedsReview => AgentOrderState.NeedsReview,
        OrderStatus.Failed => AgentOrderState.Failed,
        _ => AgentOrderState.Uploaded,
    };

    /// <summary>The cloud still has to decide (Uploaded): keep polling.</summary>
    public static bool AwaitsCloud(AgentOrderState s) => s == AgentOrderState.Uploaded;

    /// <summary>Only this register has the sale: guards count these.</summary>
    public static bool IsUnsynced(AgentOrderState s) => s is AgentOrderState.Pending or AgentOrderState.Rejected;

    /// <summary>
    /// One reason a line, the field named as in the sale itself ("lines[0].name: …"): the cloud's "orders[3]." is the
    /// sale's place in one batch, meaningless later, and the bare path is what a correction names.
    /// </summary>
    public static string Reasons(IEnumerable<FieldError> errors) => string.Join("\n", errors.Select(e => SaleField(e.Field) is { Length: > 0 } f ? $"{f}: {e.Message}" : e.Message));

    public static string SaleField(string field) => OrderPrefix().Replace(field, "");

    [System.Text.RegularExpressions.GeneratedRegex(@"^orders\[\d+\]\.?")]
    private static partial System.Text.RegularExpressions.Regex OrderPrefix();
}
