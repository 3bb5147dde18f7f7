namespace PosCloud.OfflineAgent.Hosting;

/// <summary>
/// Checks the settings a support person most often gets wrong, beyond the attributes, and says what
/// to fix in words. Pure: returns the problems; start-up prints them and stops.
/// </summary>
public static class OptionsChecks
{
    public static IReadOnlyList<string> Problems(CloudOptions cloud, AgentOptions agent, UploadOptions upload)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(cloud.BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
            problems.Add($"Cloud:BaseUrl '{cloud.BaseUrl}' is not an http(s) address, e.g. http://127.0.0.1:5080/.");
        if (!string.IsNullOrWhiteSpace(agent.OnlinePosUrl) && !Uri.TryCreate(agent.OnlinePosUrl, UriKind.Absolute, out _))
            problems.Add($"Agent:OnlinePosUrl '{agent.OnlinePosUrl}' is not an absolute address.");
        if (!string.IsNullOrWhiteSpace(agent.StoreId) && !string.IsNullOrWhiteSpace(agent.RegisterId)
            && !agent.RegisterId.StartsWith(agent.StoreId + "-R", StringComparison.Ordinal))
            problems.Add($"Agent:RegisterId '{agent.RegisterId}' does not belong to Agent:StoreId '{agent.StoreId}' (expected {agent.StoreId}-R1, {agent.StoreId}-R2 …).");
        if (cloud.ProbeInterval <= TimeSpan.Zero || cloud.ProbeTimeout <= TimeSpan.Zero || cloud.RequestTimeout <= TimeSpan.Zero)
            problems.Add("Cloud:ProbeInterval, Cloud:ProbeTimeout and Cloud:RequestTimeout must be positive times like 00:00:02.");
        if (upload.BackoffBase <= TimeSpan.Zero || upload.BackoffMax < upload.BackoffBase)
            problems.Add("Upload:BackoffBase must be positive and Upload:BackoffMax at least as long.");
        if (upload.BlockedRetryInterval < TimeSpan.FromSeconds(1) || upload.BlockedRetryInterval > TimeSpan.FromDays(1))
            problems.Add("Upload:BlockedRetryInterval must be between 00:00:01 and 1.00:00:00 (a blocked sale is retried slowly, never in a tight loop).");
        if (upload.MissingInCloudGrace < TimeSpan.FromSeconds(1) || upload.MissingInCloudGrace > TimeSpan.FromDays(30))
            problems.Add("Upload:MissingInCloudGrace must be between 00:00:01 and 30.00:00:00 (how long the cloud may not know an accepted sale before it is sent again).");
        if (upload.PresenceCheckInterval < TimeSpan.FromSeconds(1) || upload.PresenceCheckInterval > TimeSpan.FromDays(1))
            problems.Add("Upload:PresenceCheckInterval must be between 00:00:01 and 1.00:00:00.");
        if (!string.IsNullOrEmpty(agent.ManagerPin) && !IsPin(agent.ManagerPin))
            problems.Add("Agent:ManagerPin must be 4-8 digits.");
        foreach (var (staff, pin) in agent.StaffPins)
            if (!IsPin(pin)) problems.Add($"Agent:StaffPins:{staff} must be 4-8 digits.");
        // A cap nobody can approve refuses every large sale with no way forward at the counter: refuse the contradiction.
        if (agent.OfflineSaleCap > 0 && !agent.ManagerPinConfigured)
            problems.Add($"Agent:OfflineSaleCap is {agent.OfflineSaleCap} but no manager PIN is set: set Agent:ManagerPin (or Agent:StaffPins:{{staffId}}), or Agent:OfflineSaleCap=0 to sell without a cap.");
        return problems;
    }

    /// <summary>Allowed but worth a line in the log.</summary>
    public static IReadOnlyList<string> Warnings(AgentOptions agent) =>
        agent.ManagerPinConfigured ? [] : ["No manager PIN is set (Agent:ManagerPin): the sale cap is off and 重設本機資料 cannot be approved."];

    private static bool IsPin(string pin) => pin.Length is >= 4 and <= 8 && pin.All(char.IsAsciiDigit);
}
