namespace PosCloud.OfflineAgent.Guards;

public enum GuardedAction { SignOut, ResetData, ChangeStore }

public sealed record GuardDecision(bool Allowed, int Unsynced, string Code, string MessageZh, string MessageEn);

/// <summary>
/// What other POS systems get wrong: signing out, wiping the register or moving it to another store
/// while sales exist only on this machine loses them. Refused while any sale is unsynced, saying how many.
/// </summary>
public static class GuardRules
{
    public static GuardDecision Decide(GuardedAction action, int unsynced)
    {
        var (zh, en) = action switch
        {
            GuardedAction.SignOut => ("登出", "sign out"),
            GuardedAction.ResetData => ("重設本機資料", "reset this register's data"),
            _ => ("變更門市", "change store"),
        };
        if (unsynced <= 0) return new(true, 0, "ok", $"可以{zh}。", $"You may {en}.");
        return Unsynced(unsynced, zh, en);
    }

    /// <summary>
    /// 重設本機資料 wipes the offline catalog and finished sales. Refused while offline (the register could
    /// not fetch a new catalog and could not sell), without the manager's PIN, and while sales are unsynced.
    /// </summary>
    public static GuardDecision DecideReset(bool online, bool pinConfigured, Guards.ApprovalResult? approval, int unsynced)
    {
        if (!online) return new(false, unsynced, "guard.offline",
            "目前離線，無法重設本機資料：重設會清除離線商品資料，離線時無法重新下載，這台收銀機將無法結帳。請等恢復連線後再試。",
            "Offline: reset is refused. It clears the offline catalog, which cannot be downloaded again while offline, so this register could not sell. Try again once online.");
        if (!pinConfigured) return new(false, unsynced, "guard.pinNotConfigured",
            "重設需要店長密碼，但這台收銀機未設定：請以 --Agent:ManagerPin=（4 到 8 位數字）重新啟動收銀程式。",
            "Reset needs the manager's PIN and none is configured: restart the agent with --Agent:ManagerPin=(4-8 digits).");
        if (approval is { Approved: false, RetryAfter: { } wait })
        {
            var message = PinLockout.Message(wait).Split(" / ");
            return new(false, unsynced, "guard.manager.pin.locked", message[0], message[^1]);
        }
        if (approval is not { Approved: true }) return new(false, unsynced, "guard." + (approval?.Code ?? "manager.pin.required"),
            approval?.Code == "manager.pin.wrong" ? "店長密碼錯誤，未重設。" : "請輸入店長密碼。",
            approval?.Code == "manager.pin.wrong" ? "Wrong manager PIN: nothing was reset." : "Enter the manager's PIN.");
        if (unsynced > 0) return Unsynced(unsynced, "重設本機資料", "reset this register's data");
        return new(true, 0, "ok", "可以重設本機資料。", "You may reset this register's data.");
    }

    private static GuardDecision Unsynced(int unsynced, string zh, string en)
    {
        return new(false, unsynced, "guard.unsynced",
            $"還有 {unsynced} 筆銷售尚未上傳到雲端，無法{zh}。請等待上傳完成（連線恢復後會自動上傳）。",
            $"{unsynced} sale(s) are not uploaded to the cloud yet, so you cannot {en}. Wait until they upload (it happens by itself once online).");
    }
}
