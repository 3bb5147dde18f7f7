using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosCloud.Api.Batches;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Readiness;

/// <summary>The verdict on an import: the result, or why the file was refused (HTTP status, code, reason).</summary>
public sealed record SaleImportOutcome(SaleImportResult? Result, int Status, string Code, string Reason);

/// <summary>
/// HQ imports a register's escape-hatch file: the signature is checked against the register's stored key
/// hash, then each batch goes through <see cref="BatchIngestion"/>, the very path of an upload — so a sale
/// already in the cloud answers duplicate, and a later upload of an imported sale does too.
/// </summary>
public sealed partial class SaleImports(CloudDbContext db, BatchIngestion ingestion, IOptions<UploadLimits> limits, ILogger<SaleImports> log)
{
    public async Task<SaleImportOutcome> ImportAsync(string registerId, byte[] file, string importedBy, CancellationToken ct)
    {
        var register = await db.Registers.AsNoTracking().Where(r => r.Id == registerId).Select(r => new { r.StoreId, r.ApiKeyHash }).FirstOrDefaultAsync(ct);
        if (register is null) return new(null, 404, "register.notFound", $"No register {registerId}.");
        var check = SaleExportFile.Read(file, registerId, register.ApiKeyHash);
        if (!check.Trusted)
        {
            LogRefused(registerId, importedBy, check.Code, check.Reason);
            return new(null, 422, check.Code, check.Reason);
        }
        var payload = check.Payload!;
        if (payload.StoreId != register.StoreId)
            return new(null, 422, "file.foreignRegister", $"The file names store {payload.StoreId}; register {registerId} belongs to {register.StoreId}.");
        foreach (var (b, i) in payload.Batches.Select((b, i) => (b, i)))
        {
            // A batch of returns only (an export puts the unsynced returns after every sale) has orders: [].
            if (b.BatchId == Guid.Empty || b.Orders is null || (b.Orders.Count == 0 && (b.Returns?.Count ?? 0) == 0))
                return new(null, 400, "file.batch", $"payload.batches[{i}] needs a batchId and at least one order or return.");
            if ((b.Returns?.Count ?? 0) > Contracts.Limits.ContractLimits.MaxReturnsPerBatch)
                return new(null, 413, "file.batch", $"payload.batches[{i}] holds {b.Returns!.Count} returns; at most {Contracts.Limits.ContractLimits.MaxReturnsPerBatch}.");
            if (b.Orders.Count > limits.Value.MaxOrdersPerBatch)
                return new(null, 413, "file.batch", $"payload.batches[{i}] holds {b.Orders.Count} orders; at most {limits.Value.MaxOrdersPerBatch}.");
        }

        var answers = new List<UploadBatchResponse>();
        foreach (var batch in payload.Batches)
        {
            var ingested = await ingestion.IngestAsync(batch, ct);
            db.ChangeTracker.Clear();
            // A batchId belongs to the register that first used it (BatchIngestion); another's is refused.
            if (ingested.Response is null)
                return new(null, 409, "file.batch", $"batchId {batch.BatchId} belongs to register {ingested.OwnedBy}; nothing of this batch was imported.");
            answers.Add(ingested.Response);
        }
        var results = answers.SelectMany(a => a.Results).ToList();
        var result = new SaleImportResult(registerId, payload.ExportId, results.Count,
            results.Count(r => r.Outcome == UploadOutcome.Accepted), results.Count(r => r.Outcome == UploadOutcome.Duplicate),
            results.Count(r => r.Outcome == UploadOutcome.Rejected), answers);
        LogImported(registerId, payload.ExportId, importedBy, result.Accepted, result.Duplicate, result.Rejected);
        return new(result, 200, "ok", $"{result.Accepted} accepted, {result.Duplicate} already in the cloud, {result.Rejected} rejected.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import for {RegisterId} by {ImportedBy} refused ({Code}): {Reason}")]
    private partial void LogRefused(string registerId, string importedBy, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ExportId} of {RegisterId} by {ImportedBy}: {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected")]
    private partial void LogImported(string registerId, Guid exportId, string importedBy, int accepted, int duplicate, int rejected);
}
