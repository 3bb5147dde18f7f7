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
        return new(false, unsynced, "guard.unsynced",
            $"還有 {unsynced} 筆銷售尚未上傳到雲端，無法{zh}。請等待上傳完成（連線恢復後會自動上傳）。",
            $"{unsynced} sale(s) are not uploaded to the cloud yet, so you cannot {en}. Wait until they upload (it happens by itself once online).");
    }
}
