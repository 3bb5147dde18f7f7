namespace PosCloud.OfflineAgent.Hosting;

/// <summary>What `--help` prints: every setting, its default and how to pass it.</summary>
public static class HelpText
{
    public static bool Wanted(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "/?");

    public const string Text = """
        PosCloud store agent — offline checkout for one register, web UI on this machine only.

        Usage: PosCloud.OfflineAgent [--Section:Key=value …]
        Settings come from appsettings.json, then environment variables (Section__Key), then the
        command line (--Section:Key=value or --Section:Key value). Later sources win.

        Required
          Cloud:BaseUrl              the cloud's address, e.g. http://127.0.0.1:5080/
          Agent:StoreId              this store, e.g. S001
          Agent:RegisterId           this register, {storeId}-R{n}, e.g. S001-R1
          Agent:RegisterKey          the register's X-Api-Key
          Invoicing:SellerId         the seller's 統一編號, 8 digits + checksum (demo 12345675 in appsettings.json)
          Invoicing:SellerName       the seller's registered name
          Invoicing:QrAesKey         32 hex chars: the AES key for the QR verification field (MOF QRcode 密碼種子);
                                     appsettings.json carries a published TEST key — set your own (Invoicing__QrAesKey)
        Optional (default)
          Agent:DataPath             folder of the local store agent.db (agent-data)
          Agent:OnlinePosUrl         what 「點此開啟前台」 opens (empty: this screen's online checkout)
          Agent:OfflineSaleCap       one sale above this total asks a manager's PIN; 0 = off
                                     (30000 when a manager PIN is set, else off; a cap without a PIN stops the start)
          Agent:ManagerPin           store-wide manager PIN, 4-8 digits (none)
          Agent:StaffPins:{staffId}  a manager's own PIN; the approver is recorded on the sale (none)
          Agent:MaxUnitPrice         a typed unit price above this is refused as a typo (1000000)
          Agent:MaxQuantity          largest quantity of one line (9999)
          Returns:FilingCutoffDay    last day of the month after an invoice period its invoices are cancelled;
                                     later returns issue an allowance (15, the legal filing deadline; 1-15)
          Returns:ManagerApprovalAbove a refund above this asks a manager's PIN; 0 = off (1000 when a PIN is set, else off)
          Invoicing:LowNumbersWarning warn the clerk below this many invoice numbers left; 0 = off (50)
          Invoicing:PrintItemsByDefault 「列印明細」 starts ticked: the 交易明細 slip after the proof (false)
          Invoicing:QrAesKeys:{sellerId} the QR key of another seller this register issues for (a store
                                     with its own 統一編號, from the snapshot); unlisted: Invoicing:QrAesKey (none)
          Printer:Endpoint           receipt printer: tcp://host:9100, host:port or /dev/usb/lp0; empty = preview only (empty)
          Printer:ConnectTimeout     TCP connect to the printer (00:00:03)
          Printer:WriteTimeout       sending one proof (00:00:10)
          Printer:StatusTimeout      each DLE EOT status answer (00:00:01)
          Printer:StatusInterval     status check of an idle printer; 0 = only when printing (00:00:15)
          Printer:RetryMax           longest wait between retries of a failed print (00:00:30)
          Cloud:ProbeInterval        how often /health/live is probed (00:00:01)
          Cloud:ProbeTimeout         a slower probe counts as failed (00:00:02)
          Cloud:FailuresToOffline    failed probes in a row before going offline (3)
          Cloud:SuccessesToOnline    good probes in a row before going online (2)
          Cloud:RequestTimeout       one upload/status request (00:00:15)
          Cloud:SnapshotRefreshInterval  snapshot re-check while online, ETag (00:05:00)
          Upload:BatchSize           orders per upload, at most 500 (100)
          Upload:BackoffBase         first retry wait after a timeout/5xx (00:00:01)
          Upload:BackoffMax          longest retry wait (00:01:00)
          Upload:StatusPollInterval  how often waiting orders' cloud status is asked (00:00:02)
          Upload:SplitAfterFailures  failed tries of one batch before it is halved so others go on (3)
          Upload:BlockedRetryInterval  wait before a set-aside (上傳受阻) sale is tried again (00:05:00)
          Upload:MissingInCloudGrace how long the cloud may not know an accepted sale before it is re-sent (00:10:00)
          Upload:PresenceCheckInterval how often finished sales are checked to still be in the cloud (00:05:00)
          ASPNETCORE_URLS            where the web UI listens (http://127.0.0.1:5180); loopback only
          Agent:AllowNonLoopback     containers only: allow http://+:8080 behind a port mapping (false)

        Example
          PosCloud.OfflineAgent --Cloud:BaseUrl=http://127.0.0.1:5080/ --Agent:StoreId=S001 \
            --Agent:RegisterId=S001-R1 --Agent:RegisterKey=demo-S001-R1-key --Agent:ManagerPin=2468
        """;
}
