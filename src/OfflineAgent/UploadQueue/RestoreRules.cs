using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>What a status answer means for a sale the cloud had accepted.</summary>
public enum PresenceVerdict
{
    /// <summary>The cloud knows the sale.</summary>
    Present,
    /// <summary>The cloud says unknown, but not yet for the whole grace period (a replica behind, a restore in progress).</summary>
    MissingWithinGrace,
    /// <summary>Unknown for longer than the grace period: the cloud lost it (database restore). Send it again, same orderId.</summary>
    Resend,
}

/// <summary>
/// Restore recovery. A sale the cloud once accepted but now answers as unknown (found:false) is sent again,
/// with the same orderId, once it has been unknown for Upload:MissingInCloudGrace. Sending it again is safe
/// at any time: if the cloud does have it after all, the orderId makes it a "duplicate". Pure.
/// </summary>
public static class RestoreRules
{
    public static (PresenceVerdict Verdict, DateTimeOffset? MissingSince) OnStatus(bool found, DateTimeOffset? missingSince, DateTimeOffset now, TimeSpan grace)
    {
        if (found) return (PresenceVerdict.Present, null);
        var since = missingSince ?? now;
        return now - since >= grace ? (PresenceVerdict.Resend, since) : (PresenceVerdict.MissingWithinGrace, since);
    }

    /// <summary>Sales the cloud has accepted and whose presence is worth checking (the cloud had them once).</summary>
    public static bool CloudHadIt(AgentOrderState s) =>
        s is AgentOrderState.Uploaded or AgentOrderState.Reconciled or AgentOrderState.NeedsReview or AgentOrderState.Failed;
}
