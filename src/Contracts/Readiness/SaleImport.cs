namespace PosCloud.Contracts.Readiness;

/// <summary>The answer to importing a register's export file: one upload result per batch it held.</summary>
public sealed record SaleImportResult(
    string RegisterId,
    Guid ExportId,
    int Orders,
    int Accepted,
    int Duplicate,
    int Rejected,
    IReadOnlyList<Batches.UploadBatchResponse> Batches);
