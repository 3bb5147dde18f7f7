using System.ComponentModel.DataAnnotations;

namespace PosCloud.OfflineAgent.Hosting;

/// <summary>Section "Cloud": where the cloud is and how the agent decides it is reachable.</summary>
public sealed class CloudOptions
{
    public const string Section = "Cloud";

    /// <summary>The cloud's base address, e.g. http://127.0.0.1:5080/. Required.</summary>
    [Required(ErrorMessage = "Cloud:BaseUrl is required (the cloud's address, e.g. http://127.0.0.1:5080/).")]
    public string BaseUrl { get; set; } = "";

    /// <summary>How often /health/live is probed.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>A probe slower than this counts as a failure: a shop cannot wait on a dying link.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Failures in a row before the agent calls itself offline.</summary>
    [Range(1, 100)] public int FailuresToOffline { get; set; } = 3;
    /// <summary>Successes in a row before the agent calls itself online again.</summary>
    [Range(1, 100)] public int SuccessesToOnline { get; set; } = 2;
    /// <summary>Timeout of one upload or status request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How often the snapshot is re-checked while online (cheap: ETag, 304 when unchanged).</summary>
    public TimeSpan SnapshotRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Section "Agent": who this register is and the store's house rules.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    [Required(ErrorMessage = "Agent:StoreId is required (e.g. S001).")]
    [RegularExpression("^[A-Za-z0-9_-]{1,32}$", ErrorMessage = "Agent:StoreId must be 1-32 letters, digits, '-' or '_' (e.g. S001).")]
    public string StoreId { get; set; } = "";

    [Required(ErrorMessage = "Agent:RegisterId is required (e.g. S001-R1).")]
    [RegularExpression("^[A-Za-z0-9_-]{1,40}-R[0-9]{1,4}$", ErrorMessage = "Agent:RegisterId must look like {{storeId}}-R{{n}}, e.g. S001-R1.")]
    public string RegisterId { get; set; } = "";

    [Required(ErrorMessage = "Agent:RegisterKey is required (the register's X-Api-Key, issued by HQ).")]
    public string RegisterKey { get; set; } = "";

    /// <summary>Folder of the local SQLite store (agent.db). Created when missing.</summary>
    [Required(ErrorMessage = "Agent:DataPath is required (a folder for agent.db).")]
    public string DataPath { get; set; } = "agent-data";

    /// <summary>The online POS the 「點此開啟前台」 button opens. Empty: the screen's own online checkout.</summary>
    public string? OnlinePosUrl { get; set; }

    /// <summary>
    /// A single sale above this total needs a manager's PIN. 0 turns the cap off. Unset: 30,000 when a
    /// manager PIN is configured, off when none is (a cap nobody can approve would only block sales).
    /// </summary>
    [Range(typeof(decimal), "0", "100000000")] public decimal? OfflineSaleCap { get; set; }

    public const decimal DefaultSaleCap = 30_000m;

    public bool ManagerPinConfigured => !string.IsNullOrEmpty(ManagerPin) || StaffPins.Count > 0;

    /// <summary>The cap in force: the configured one, else the default when a PIN can approve, else off (0).</summary>
    public decimal EffectiveSaleCap => OfflineSaleCap ?? (ManagerPinConfigured ? DefaultSaleCap : 0m);

    /// <summary>Store-wide manager PIN for sales above the cap.</summary>
    public string? ManagerPin { get; set; }

    /// <summary>Per-manager PINs: Agent:StaffPins:{staffId}=PIN. The approver is recorded on the sale.</summary>
    public Dictionary<string, string> StaffPins { get; set; } = new();

    /// <summary>Largest unit price the checkout accepts before calling it a typo.</summary>
    [Range(typeof(decimal), "1", "10000000")] public decimal MaxUnitPrice { get; set; } = 1_000_000m;

    [Range(1, 9999)] public int MaxQuantity { get; set; } = 9_999;
}

/// <summary>Section "Upload": the background queue.</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";
    /// <summary>Orders per batch (the cloud accepts up to 500).</summary>
    [Range(1, 500)] public int BatchSize { get; set; } = 100;
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How often waiting orders' cloud status is asked.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long the queue sleeps when there is nothing to do.</summary>
    public TimeSpan IdleInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Failed attempts in a row (5xx answers, or no answer while the cloud is reachable) before a batch is halved
    /// into new batches so the good sales go on; a single sale that still fails is set aside as 上傳受阻.
    /// </summary>
    [Range(1, 50, ErrorMessage = "Upload:SplitAfterFailures must be 1-50.")] public int SplitAfterFailures { get; set; } = 3;
    /// <summary>How long a set-aside (上傳受阻) sale waits before it is tried again; doubles up to about 8 times this.</summary>
    public TimeSpan BlockedRetryInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Restore recovery: how long the cloud may answer "unknown" for a sale it had accepted before the sale is sent
    /// again (same orderId). Long enough for a replica or a restore in progress to catch up.
    /// </summary>
    public TimeSpan MissingInCloudGrace { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How often the cloud is asked whether it still has a page (500) of the sales it finished (restore recovery).</summary>
    public TimeSpan PresenceCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Section "TestHooks": only for crash tests; every value defaults to off.</summary>
public sealed class TestHookOptions
{
    public const string Section = "TestHooks";
    /// <summary>Sleep inside the sale's SQLite transaction, before commit, so a test can kill the process there.</summary>
    public int DelayInsideSaleTransactionMs { get; set; }
    /// <summary>Sleep inside the return's SQLite transaction, before commit, so a test can kill the process there.</summary>
    public int DelayInsideReturnTransactionMs { get; set; }
    /// <summary>Throw inside the return's transaction after this step (return, cancel, replacement, allowance).</summary>
    public string? FailReturnAfterStep { get; set; }
}
