using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosCloud.Core.Invoices;
using PosCloud.Core.Outbox;
using PosCloud.Core.Persistence;

namespace PosCloud.Reconciliation.Turnkey;

/// <summary>
/// Hands each pending <see cref="PlatformMessage"/> to Turnkey as a file exactly once, and reads back what became of
/// it. The hand-over is: write the file under a staging name, record it (HandedOver + file name) and commit, then
/// rename it into SRC. A worker that stops between the commit and the rename leaves a HandedOver row whose file is in
/// none of SRC, BAK and ERR; after <see cref="TurnkeyOptions.RecoverAfter"/> any worker renames the same
/// (deterministic) name again, so the file is neither lost nor doubled. Conventions: <see cref="TurnkeyFiles"/>.
/// </summary>
public sealed partial class TurnkeyDelivery(
    IServiceScopeFactory scopes,
    IOptions<TurnkeyOptions> options,
    TimeProvider time,
    ILogger<TurnkeyDelivery> logger)
{
    private TurnkeyOptions Options => options.Value;

    /// <summary>Our own folder beside Turnkey's (same file system, so the rename into SRC is atomic).</summary>
    private string Staging => Path.Combine(Options.Root, "PosCloud", "staging");

    private string ReadResults => Path.Combine(Options.Root, "PosCloud", "results-read");

    /// <summary>
    /// Claims up to one page of Pending rows (the outbox's claim: locked rows are skipped, so two workers never hand
    /// over the same row), writes their files to staging, records the hand-over and commits; then renames them into
    /// SRC unless <paramref name="stopAfterRecord"/> (a test standing for a worker killed at that point).
    /// Returns the rows handed over.
    /// </summary>
    public async Task<int> HandOverPendingAsync(bool stopAfterRecord, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var handed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = OutboxClaim.NeedsTransaction(db) ? await db.Database.BeginTransactionAsync(ct) : null;
            var rows = await OutboxClaim.ClaimAsync(db, db.PlatformMessages, "PlatformMessages", nameof(PlatformMessage.State),
                PlatformMessageStates.Pending, nameof(PlatformMessage.Id), Options.BatchSize, ct);
            var now = time.GetUtcNow();
            var list = new List<PlatformMessage>();
            foreach (var row in rows)
            {
                if (string.IsNullOrWhiteSpace(row.Xml))
                {
                    Resolve(row, PlatformMessageStates.Error, NoContentCode, "The message has no XML to hand over; correct it and resend.", now);
                    continue;
                }
                row.Attempts++;
                row.FileName = TurnkeyFiles.FileName(row.Kind, row.Period, row.DocumentNumber, row.Id, row.Attempts);
                await WriteStagingAsync(row.FileName, row.Xml, ct);
                row.State = PlatformMessageStates.HandedOver;
                row.HandedOverAt = now;
                row.ResultCode = null;
                row.ResultText = null;
                row.ResolvedAt = null;
                list.Add(row);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            if (tx is not null) await tx.CommitAsync(CancellationToken.None);
            return list;
        });
        if (stopAfterRecord) return handed.Count;
        foreach (var row in handed) MoveIntoSrc(row.Kind, row.FileName!);
        if (handed.Count > 0) LogHandedOver(handed.Count);
        return handed.Count;
    }

    public const string NoContentCode = "NoXml";

    private async Task WriteStagingAsync(string fileName, string xml, CancellationToken ct)
    {
        Directory.CreateDirectory(Staging);
        await File.WriteAllTextAsync(Path.Combine(Staging, fileName), xml, new System.Text.UTF8Encoding(false), ct);
    }

    /// <summary>The rename into SRC. When the name is already there (a recovery racing a slow rename) the staging copy is dropped.</summary>
    private void MoveIntoSrc(string kind, string fileName)
    {
        var src = TurnkeyFiles.Src(Options.Root, kind);
        Directory.CreateDirectory(src);
        var staged = Path.Combine(Staging, fileName);
        var target = Path.Combine(src, fileName);
        try
        {
            File.Move(staged, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(staged);
        }
    }

    /// <summary>
    /// For every HandedOver row: a file in ERR is an Error (7001, Turnkey's local XML check); a file in SRC or BAK is
    /// waiting for the platform; a file nowhere, recorded longer ago than RecoverAfter, is renamed into SRC again
    /// (claimed by a compare-and-set on HandedOverAt, so only one worker does it). Returns (errors, recovered).
    /// </summary>
    public async Task<(int Errors, int Recovered)> FollowUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var waiting = await db.PlatformMessages.AsNoTracking().Where(m => m.State == PlatformMessageStates.HandedOver && m.FileName != null)
            .Select(m => new { m.Id, m.Kind, m.FileName, m.HandedOverAt }).ToListAsync(ct);
        var (errors, recovered) = (0, 0);
        var now = time.GetUtcNow();
        foreach (var kind in waiting.GroupBy(w => w.Kind))
        {
            // Dated folders from the day before the oldest hand-over (Turnkey's clock may be behind ours).
            var since = kind.Min(w => w.HandedOverAt ?? now).UtcDateTime.Date.AddDays(-1);
            var inErr = Located(TurnkeyFiles.Err(Options.Root, kind.Key), since);
            var inBak = Located(TurnkeyFiles.Bak(Options.Root, kind.Key), since);
            var src = TurnkeyFiles.Src(Options.Root, kind.Key);
            foreach (var row in kind)
            {
                if (inErr.TryGetValue(row.FileName!, out var where))
                {
                    errors += await ResolveIfHandedOverAsync(db, row.Id, row.FileName!, PlatformMessageStates.Error, TurnkeyFiles.LocalValidationCode,
                        $"Turnkey's XML check refused the file (moved to ERR/{where}); fix the message and resend.", ct);
                    continue;
                }
                if (inBak.ContainsKey(row.FileName!) || File.Exists(Path.Combine(src, row.FileName!))) continue;
                if (row.HandedOverAt is { } at && now - at < Options.RecoverAfter) continue;
                // Nowhere: the rename never happened. Claim the recovery, then rename the same name again.
                var claimed = await db.PlatformMessages
                    .Where(m => m.Id == row.Id && m.State == PlatformMessageStates.HandedOver && m.FileName == row.FileName && m.HandedOverAt == row.HandedOverAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.HandedOverAt, now), ct);
                if (claimed == 0) continue;
                if (!File.Exists(Path.Combine(Staging, row.FileName!)))
                {
                    var xml = await db.PlatformMessages.AsNoTracking().Where(m => m.Id == row.Id).Select(m => m.Xml).FirstAsync(ct);
                    await WriteStagingAsync(row.FileName!, xml ?? "", ct);
                }
                MoveIntoSrc(row.Kind, row.FileName!);
                recovered++;
                LogRecovered(row.Id, row.FileName!);
            }
        }
        return (errors, recovered);
    }

    /// <summary>File name → "yyyyMMdd/hour" of every file under BAK or ERR in dated folders from <paramref name="since"/> on.</summary>
    private static Dictionary<string, string> Located(string folder, DateTime since)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return found;
        var from = since.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var date in Directory.EnumerateDirectories(folder))
        {
            var dateName = Path.GetFileName(date);
            if (!TurnkeyFiles.IsDateFolder(dateName) || string.CompareOrdinal(dateName, from) < 0) continue;
            foreach (var hour in Directory.EnumerateDirectories(date))
            {
                var hourName = Path.GetFileName(hour);
                if (!TurnkeyFiles.IsHourFolder(hourName)) continue;
                foreach (var file in Directory.EnumerateFiles(hour)) found.TryAdd(Path.GetFileName(file), TurnkeyFiles.Where(dateName, hourName));
            }
        }
        return found;
    }

    /// <summary>
    /// Reads the ProcessResult and SummaryResult files Turnkey left, marks each named message Uploaded (00000) or Error
    /// (the platform's code and text), and moves the file to PosCloud/results-read (unreadable ones to results-unreadable).
    /// Only HandedOver rows change, so a file read twice (two workers) changes nothing the second time.
    /// </summary>
    public async Task<int> ReadResultsAsync(CancellationToken ct)
    {
        var folder = Options.ResultsFolder;
        if (!Directory.Exists(folder)) return 0;
        var changed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(file);
            var process = TurnkeyFiles.IsProcessResult(name);
            if (!process && !TurnkeyFiles.IsSummaryResult(name)) continue;
            IReadOnlyList<TurnkeyFiles.Verdict> verdicts;
            try
            {
                var doc = XDocument.Load(file);
                verdicts = process ? TurnkeyFiles.ParseProcessResult(doc) : TurnkeyFiles.ParseSummaryResult(doc);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or IOException)
            {
                LogUnreadable(file, ex.Message);
                MoveAside(file, "results-unreadable");
                continue;
            }
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
                foreach (var verdict in verdicts) changed += await ApplyAsync(db, verdict, ct);
            }
            MoveAside(file, "results-read");
        }
        return changed;
    }

    private async Task<int> ApplyAsync(CloudDbContext db, TurnkeyFiles.Verdict verdict, CancellationToken ct)
    {
        var refs = verdict.References.Where(r => r.Length <= PlatformMessageKinds.DocumentNumberMaxLength).ToList();
        if (refs.Count == 0) return 0;
        var candidates = await db.PlatformMessages.AsNoTracking()
            .Where(m => m.State == PlatformMessageStates.HandedOver && refs.Contains(m.DocumentNumber) && (verdict.MessageType == null || m.Kind == verdict.MessageType))
            .Select(m => new { m.Id, m.FileName, m.HandedOverAt, m.DocumentNumber }).ToListAsync(ct);
        // A number repeats from period to period: the verdict is for the latest hand-over of that number.
        var changed = 0;
        foreach (var row in candidates.GroupBy(c => c.DocumentNumber).Select(g => g.OrderByDescending(c => c.HandedOverAt).First()))
        {
            var ok = TurnkeyFiles.IsSuccess(verdict.Code);
            changed += await ResolveIfHandedOverAsync(db, row.Id, row.FileName!, ok ? PlatformMessageStates.Uploaded : PlatformMessageStates.Error,
                ok ? TurnkeyFiles.Success : verdict.Code, verdict.Description ?? (ok ? "處理成功" : null), ct);
        }
        return changed;
    }

    /// <summary>Sets the verdict only while the row is still the same hand-over; an uploaded issue also stamps its invoice.</summary>
    private async Task<int> ResolveIfHandedOverAsync(CloudDbContext db, long id, string fileName, string state, string code, string? text, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        code = Clip(code, PlatformMessageStates.ResultCodeMaxLength)!;
        text = Clip(text, PlatformMessageStates.ResultTextMaxLength);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var n = await db.PlatformMessages.Where(m => m.Id == id && m.State == PlatformMessageStates.HandedOver && m.FileName == fileName)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.ResultCode, code)
                    .SetProperty(m => m.ResultText, text).SetProperty(m => m.ResolvedAt, now), ct);
            if (n > 0 && state == PlatformMessageStates.Uploaded)
            {
                var m = await db.PlatformMessages.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Kind, x.Period, x.DocumentNumber }).FirstAsync(ct);
                if (m.Kind == PlatformMessageKinds.Issue)
                    await db.IssuedInvoices.Where(i => i.Period == m.Period && i.Number == m.DocumentNumber && i.UploadedToPlatformAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.UploadedToPlatformAt, now), ct);
            }
            await tx.CommitAsync(ct);
            if (n > 0) LogResolved(id, state, code);
            return n;
        });
    }

    private void MoveAside(string file, string folder)
    {
        var target = Path.Combine(Options.Root, "PosCloud", folder, time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(target);
        try
        {
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // Another worker read and moved it first; its verdicts were applied once (only HandedOver rows change).
        }
    }

    private static void Resolve(PlatformMessage row, string state, string code, string text, DateTimeOffset now)
    {
        row.State = state;
        row.ResultCode = code;
        row.ResultText = text;
        row.ResolvedAt = now;
    }

    private static string? Clip(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Turnkey: handed over {Count} message(s)")]
    private partial void LogHandedOver(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnkey: message {Id} was recorded as handed over but its file {FileName} was in none of SRC, BAK and ERR; renamed into SRC again")]
    private partial void LogRecovered(long id, string fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turnkey: message {Id} is {State} ({Code})")]
    private partial void LogResolved(long id, string state, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnkey: result file {File} could not be read ({Error}); moved to PosCloud/results-unreadable")]
    private partial void LogUnreadable(string file, string error);
}
