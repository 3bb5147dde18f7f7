using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Invoices;
using PosCloud.Core.Invoices;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The Turnkey delivery on PostgreSQL + RabbitMQ (Api and workers apart, as in production) against the fake Turnkey:
/// a sale becomes exactly one F0401 file in SRC that passes the MIG checks; the platform's OK makes it Uploaded; an
/// ERR or a platform refusal makes it Error with its code, and a resend hands it over again; a worker killed between
/// the record and the rename leaves no lost and no second file; two workers hand each message over once.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class TurnkeyDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> WithTurnkey(Dictionary<string, string?> settings, FakeTurnkey turnkey, params (string Key, string Value)[] more)
    {
        var s = new Dictionary<string, string?>(settings)
        {
            ["Turnkey:Enabled"] = "true",
            ["Turnkey:Root"] = turnkey.Root,
            ["Turnkey:PollInterval"] = "00:00:00.200",
            ["Turnkey:RecoverAfter"] = "00:00:01",
        };
        foreach (var (k, v) in more) s[k] = v;
        return s;
    }

    /// <summary>A B2C sale whose invoice was printed (PrintMark Y), with its items as issued.</summary>
    private static async Task<OfflineOrder> SellAsync(HttpClient register, string number, DateTimeOffset? at = null)
    {
        var soldAt = DateTimeOffset.FromUnixTimeSeconds((at ?? DateTimeOffset.UtcNow.AddMinutes(-5)).ToUnixTimeSeconds());
        var sale = Scenario.Order(Random.Shared.NextInt64(100_000, 900_000), soldAt) with
        {
            Invoice = new OfflineInvoice(number, soldAt, "4821", Items: [new OfflineInvoiceItem("外套", 1, 589m, 589m)], TotalAmount: 589),
        };
        var answer = await Scenario.UploadAsync(register, Scenario.Batch(sale));
        Assert.Equal(UploadOutcome.Accepted, Assert.Single(answer.Results).Outcome);
        return sale;
    }

    private static async Task<PlatformMessageView> MessageAsync(HttpClient hq, string number)
    {
        var list = (await hq.GetFromJsonAsync<List<PlatformMessageView>>("/api/v1/platform-messages?kind=F0401"))!;
        return Assert.Single(list, m => m.DocumentNumber == number);
    }

    private static async Task<PlatformMessageView> WaitForStateAsync(HttpClient hq, string number, string state)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var m = await MessageAsync(hq, number);
            if (m.State == state) return m;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{number} stayed {m.State} ({m.ResultCode} {m.ResultText}), expected {state}");
            await Task.Delay(100);
        }
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }

    [SkippableFact]
    public async Task A_sale_becomes_one_F0401_file_in_SRC_that_passes_the_MIG_checks_and_the_platform_OK_makes_it_uploaded()
    {
        using var turnkey = new FakeTurnkey();
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        await using var workers = new WorkersFactory(WithTurnkey(settings, turnkey)).Start();

        var sale = await SellAsync(register, "TK10000001");
        var period = (await hq.GetFromJsonAsync<InvoiceView>("/api/v1/invoices/TK10000001"))!.Period;
        await UntilAsync(() => turnkey.SrcFiles().Count == 1, "one F0401 file in SRC");
        var file = Assert.Single(turnkey.SrcFiles());
        var xml = XDocument.Load(file);
        Assert.Empty(FakeTurnkey.MigProblems(xml));
        XNamespace ns = "urn:GEINV:eInvoiceMessage:F0401:4.1";
        Assert.Equal("TK10000001", xml.Descendants(ns + "InvoiceNumber").Single().Value);
        Assert.Equal("外套", xml.Descendants(ns + "Description").Single().Value);
        // What Turnkey got is what the invoice API says the F0401 is.
        Assert.Equal(XDocument.Parse(await hq.GetStringAsync($"/api/v1/invoices/{period}/TK10000001/f0401")).ToString(), xml.ToString());

        var handed = await MessageAsync(hq, "TK10000001");
        Assert.Equal((PlatformMessageStates.HandedOver, 1, Path.GetFileName(file)), (handed.State, handed.Attempts, handed.FileName));
        Assert.Equal(PlatformMessageStates.HandedOver, (await hq.GetFromJsonAsync<InvoiceView>($"/api/v1/invoices/{period}/TK10000001"))!.PlatformState);
        Assert.Contains((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!, d => d.Number == "TK10000001");

        // Turnkey takes it (BAK), the platform answers 00000.
        Assert.Equal([(Path.GetFileName(file), false)], turnkey.UpCast());
        var result = turnkey.PlatformAnswers("F0401", "TK10000001", "00000", "處理成功");
        var uploaded = await WaitForStateAsync(hq, "TK10000001", PlatformMessageStates.Uploaded);
        Assert.Equal("00000", uploaded.ResultCode);
        var view = (await hq.GetFromJsonAsync<InvoiceView>($"/api/v1/invoices/{period}/TK10000001"))!;
        Assert.Equal((PlatformMessageStates.Uploaded, "00000"), (view.PlatformState, view.PlatformResultCode));
        Assert.NotNull(view.UploadedToPlatformAt);
        Assert.DoesNotContain((await hq.GetFromJsonAsync<List<InvoiceDeadlineView>>("/api/v1/invoices/deadlines"))!, d => d.Number == "TK10000001");
        await UntilAsync(() => !File.Exists(result), "the ProcessResult file is moved aside once read");

        // Still the one file: nothing handed over twice.
        await Task.Delay(1000);
        Assert.Single(turnkey.AllFiles());
        Assert.Equal(1, await api.WithDbAsync(db => db.PlatformMessages.CountAsync(m => m.DocumentNumber == "TK10000001")));
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsync($"/api/v1/platform-messages/{uploaded.Id}/resend", null)).StatusCode);
    }

    [SkippableFact]
    public async Task Turnkey_ERR_and_a_platform_refusal_are_errors_with_their_code_and_a_resend_hands_the_message_over_again()
    {
        using var turnkey = new FakeTurnkey(rangeHourFolders: true);
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        await using var workers = new WorkersFactory(WithTurnkey(settings, turnkey)).Start();

        await SellAsync(register, "TK20000001");
        await UntilAsync(() => turnkey.SrcFiles().Count == 1, "the file in SRC");
        // Turnkey's XML check refuses it (ERR/<date>/<HH-HH>/).
        Assert.True(Assert.Single(turnkey.UpCast(refuse: _ => true)).Refused);
        var error = await WaitForStateAsync(hq, "TK20000001", PlatformMessageStates.Error);
        Assert.Equal("7001", error.ResultCode);
        Assert.Contains("ERR/", error.ResultText);
        Assert.Single(turnkey.ErrFiles());
        Assert.Contains((await hq.GetFromJsonAsync<List<PlatformMessageView>>("/api/v1/platform-messages?state=Error"))!, m => m.Id == error.Id);
        // HQ resends it once (a second resend of the same refusal is a conflict).
        var resent = await hq.PostAsync($"/api/v1/platform-messages/{error.Id}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsync($"/api/v1/platform-messages/{error.Id}/resend", null)).StatusCode);

        // The second attempt is a new file; this time the platform refuses it with its own code.
        await UntilAsync(() => turnkey.SrcFiles().Count == 1, "the resent file in SRC");
        Assert.EndsWith("-2.xml", Assert.Single(turnkey.SrcFiles()));
        Assert.False(Assert.Single(turnkey.UpCast()).Refused);
        turnkey.PlatformAnswers("F0401", "TK20000001", "E0201", "訊息重複");
        var refused = await WaitForStateAsync(hq, "TK20000001", PlatformMessageStates.Error);
        Assert.Equal(("E0201", "訊息重複", 2), (refused.ResultCode, refused.ResultText, refused.Attempts));
        Assert.Equal(2, turnkey.AllFiles().Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await hq.GetAsync("/api/v1/platform-messages?state=Lost")).StatusCode);
    }

    [SkippableFact]
    public async Task A_worker_killed_between_the_record_and_the_rename_leaves_exactly_one_file_after_the_next_worker_starts()
    {
        using var turnkey = new FakeTurnkey();
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);

        await using (var crashing = WorkerProcess.Start("turnkey-crash", WithTurnkey(settings, turnkey, ("Workers:TestTurnkeyStopAfterRecord", "true"))))
        {
            await SellAsync(register, "TK30000001");
            await crashing.WaitForOutputAsync("Turnkey delivery stopped after recording", Wait);
            crashing.Kill();
        }
        // Recorded as handed over, but no file reached Turnkey.
        var recorded = await MessageAsync(hq, "TK30000001");
        Assert.Equal(PlatformMessageStates.HandedOver, recorded.State);
        Assert.Empty(turnkey.AllFiles());

        await using var next = new WorkersFactory(WithTurnkey(settings, turnkey)).Start();
        await UntilAsync(() => turnkey.SrcFiles().Count == 1, "the recovered file in SRC");
        Assert.Equal(recorded.FileName, Path.GetFileName(Assert.Single(turnkey.SrcFiles())));
        // Several more polls (RecoverAfter 1 s): the file in SRC, then in BAK, is never renamed again.
        await Task.Delay(2500);
        turnkey.UpCast();
        await Task.Delay(2500);
        Assert.Single(turnkey.AllFiles());
        Assert.Equal((PlatformMessageStates.HandedOver, 1), ((await MessageAsync(hq, "TK30000001")).State, (await MessageAsync(hq, "TK30000001")).Attempts));
    }

    [SkippableFact]
    public async Task Two_workers_on_one_database_hand_over_each_message_once()
    {
        using var turnkey = new FakeTurnkey();
        var (settings, _, _) = await ApiFactory.NewServerAsync();
        await using var api = new ApiFactory(settings);
        const int count = 300;
        var now = DateTimeOffset.UtcNow;
        await api.WithDbAsync(db =>
        {
            // Rows as another part adds them: only the shared fields; the state defaults to Pending.
            db.PlatformMessages.AddRange(Enumerable.Range(0, count).Select(i => new PlatformMessage
            {
                Kind = "F0401", Period = "11512", DocumentNumber = $"TW{i:D8}", StoreId = "S001",
                Xml = $"<Invoice xmlns=\"urn:GEINV:eInvoiceMessage:F0401:4.1\"><Main><InvoiceNumber>TW{i:D8}</InvoiceNumber></Main></Invoice>",
                DueAt = now.AddDays(2), CreatedAt = now,
            }));
            return db.SaveChangesAsync();
        });
        Assert.Equal(count, await api.WithDbAsync(db => db.PlatformMessages.CountAsync(m => m.State == PlatformMessageStates.Pending)));

        var fast = WithTurnkey(settings, turnkey, ("Turnkey:BatchSize", "7"), ("Turnkey:PollInterval", "00:00:00.050"));
        await using var first = new WorkersFactory(fast).Start();
        await using var second = new WorkersFactory(fast).Start();
        await UntilAsync(() => turnkey.SrcFiles().Count >= count, "every message in SRC");
        await Task.Delay(1000);

        var files = turnkey.AllFiles().Select(Path.GetFileName).ToList();
        Assert.Equal(count, files.Count);
        Assert.Equal(count, files.Distinct().Count());
        var rows = await api.WithDbAsync(db => db.PlatformMessages.Select(m => new { m.State, m.Attempts, m.FileName }).ToListAsync());
        Assert.All(rows, r => Assert.Equal((PlatformMessageStates.HandedOver, 1), (r.State, r.Attempts)));
        Assert.Equal(files.Order(StringComparer.Ordinal), rows.Select(r => r.FileName).Order(StringComparer.Ordinal));
    }
}
