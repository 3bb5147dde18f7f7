using System.Security.Cryptography;
using System.Text;

namespace PosCloud.OfflineAgent.Guards;

/// <param name="RetryAfter">Set when PINs are refused for a while (<see cref="PinLockout"/>).</param>
public sealed record ApprovalResult(bool Approved, string Code, string? ApprovedBy, TimeSpan? RetryAfter = null);

/// <summary>
/// A sale above Agent:OfflineSaleCap needs a manager's PIN: a manager's own one
/// (Agent:StaffPins:{staffId}, recorded as the approver) or the store-wide Agent:ManagerPin
/// (recorded as "store-manager-pin"). Compared in constant time.
/// </summary>
public static class ManagerApproval
{
    public const string StorePinApprover = "store-manager-pin";

    public static ApprovalResult Check(string? entered, string? storePin, IReadOnlyDictionary<string, string> staffPins)
    {
        if (string.IsNullOrEmpty(storePin) && staffPins.Count == 0) return new(false, "manager.pin.notConfigured", null);
        if (string.IsNullOrWhiteSpace(entered)) return new(false, "manager.pin.required", null);
        foreach (var (staff, pin) in staffPins.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (Same(entered, pin)) return new(true, "ok", staff);
        if (!string.IsNullOrEmpty(storePin) && Same(entered, storePin)) return new(true, "ok", StorePinApprover);
        return new(false, "manager.pin.wrong", null);
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a.Trim()), Encoding.UTF8.GetBytes(b));
}
