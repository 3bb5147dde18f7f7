using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosCloud.Contracts.Batches;

namespace PosCloud.Contracts.Readiness;

/// <summary>What a register's escape-hatch export holds: its unsynced sales as the very batches an upload would send.</summary>
/// <param name="ExportId">Made by the register for this file.</param>
/// <param name="ExportedBy">The manager who approved the export (PIN), as the agent records approvers.</param>
public sealed record SaleExportPayload(
    Guid ExportId,
    string StoreId,
    string RegisterId,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    int OrderCount,
    IReadOnlyList<UploadBatchRequest> Batches);

/// <summary>
/// The export file: readable JSON <c>{"format", "registerId", "signature", "payload"}</c>, where signature is
/// HMAC-SHA256 over the payload's bytes exactly as written in the file.
///
/// The HMAC key. The cloud never stores a register's key, only its SHA-256 (Core's ApiKeyHash), so a MAC keyed
/// by the raw key could not be checked by HQ. Both sides can compute that hash: the register from its key, the
/// cloud from its table. So the MAC key is HMAC-SHA256(key: UTF-8 of the lower-hex key hash, "poscloud-sale-export/1"),
/// a derived key used for nothing else. Who can forge a file: whoever holds the register key (the register)
/// or reads the cloud's Registers table (who can already write orders directly). The hash alone still does not
/// authenticate to the API (the API hashes what it is sent), so deriving from it opens no new door.
/// Rotating a register's key invalidates its earlier export files: import them before rotating.
/// </summary>
public static class SaleExportFile
{
    public const string Format = "poscloud-unsynced-sales/1";
    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes(Format);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable Chinese item names in the file (it is a file, never HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>SHA-256 of a register key in lower hex: the value the cloud stores (same as Core's ApiKeyHash.Of).</summary>
    public static string KeyHash(string registerKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registerKey.Trim())));

    public static byte[] MacKey(string registerKeyHash) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(registerKeyHash.Trim().ToLowerInvariant()), KeyLabel);

    /// <summary>The file's bytes, signed with the register's key.</summary>
    public static byte[] Write(SaleExportPayload payload, string registerKey)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(MacKey(KeyHash(registerKey)), body));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("registerId", payload.RegisterId);
            w.WriteString("signature", signature);
            w.WritePropertyName("payload");
            // Raw: the payload's bytes in the file are exactly the bytes signed.
            w.WriteRawValue(body, skipInputValidation: true);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads and checks a file for a register whose stored key hash is <paramref name="registerKeyHash"/>.</summary>
    public static SaleExportCheck Read(ReadOnlySpan<byte> file, string expectedRegisterId, string? registerKeyHash)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(file.ToArray()); }
        catch (JsonException e) { return SaleExportCheck.Refused("file.notJson", $"The file is not JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                return SaleExportCheck.Refused("file.format", $"Not a PosCloud export: format must be \"{Format}\".");
            var fileRegister = root.TryGetProperty("registerId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (!string.Equals(fileRegister, expectedRegisterId, StringComparison.Ordinal))
                return SaleExportCheck.Refused("file.foreignRegister", $"This file is register {fileRegister ?? "(none)"}'s export, not {expectedRegisterId}'s.");
            if (!root.TryGetProperty("signature", out var sig) || sig.ValueKind != JsonValueKind.String || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
                return SaleExportCheck.Refused("file.format", "The file needs a signature and a payload.");
            if (string.IsNullOrEmpty(registerKeyHash))
                return SaleExportCheck.Refused("register.noKey", $"Register {expectedRegisterId} has no key, so no file of it can be trusted.");
            byte[] given;
            try { given = Convert.FromHexString(sig.GetString()!); }
            catch (FormatException) { return SaleExportCheck.Refused("file.signature", "The signature is not hexadecimal."); }
            var raw = Encoding.UTF8.GetBytes(payload.GetRawText());
            var expected = HMACSHA256.HashData(MacKey(registerKeyHash), raw);
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
                return SaleExportCheck.Refused("file.signature",
                    $"The signature does not match register {expectedRegisterId}'s key: the file was changed after export, or was signed with another key.");
            SaleExportPayload? content;
            try { content = payload.Deserialize<SaleExportPayload>(Json); }
            catch (JsonException e) { return SaleExportCheck.Refused("file.payload", $"The payload cannot be read: {e.Message}"); }
            if (content is null || content.Batches is null)
                return SaleExportCheck.Refused("file.payload", "The payload holds no batches.");
            if (content.RegisterId != expectedRegisterId || content.Batches.Any(b => b is null || b.RegisterId != expectedRegisterId || b.StoreId != content.StoreId))
                return SaleExportCheck.Refused("file.foreignRegister", $"The payload holds sales of another register than {expectedRegisterId}.");
            return new SaleExportCheck(true, "ok", "Signature valid.", content);
        }
    }
}

/// <summary>The verdict on an export file: the payload when trusted, else a code and the reason.</summary>
public sealed record SaleExportCheck(bool Trusted, string Code, string Reason, SaleExportPayload? Payload)
{
    public static SaleExportCheck Refused(string code, string reason) => new(false, code, reason, null);
}
