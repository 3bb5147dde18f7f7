using System.Text;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Readiness;
using PosCloud.Core.Stores;

namespace PosCloud.UnitTests.Readiness;

/// <summary>The escape-hatch file: signed by the register's key, checked by the cloud with only the key's stored hash.</summary>
public class SaleExportFileTests
{
    private const string Key = "pk_register-one-key";

    private static SaleExportPayload Payload(string registerId = "S001-R1") => new(Guid.NewGuid(), "S001", registerId, DateTimeOffset.UtcNow, "store-manager-pin", 1,
        [new UploadBatchRequest(Guid.NewGuid(), "S001", registerId,
            [new OfflineOrder(Guid.NewGuid(), 7, DateTimeOffset.UtcNow, "S001-E02", null, [new OfflineOrderLine("TS-0400001", "外套", LineType.Regular, 1, 500m)],
                [new OfflinePayment("cash", 500m)], 500m)])]);

    [Fact]
    public void The_cloud_verifies_with_the_stored_hash_and_reads_the_same_orders()
    {
        var payload = Payload();
        var file = SaleExportFile.Write(payload, Key);
        Assert.Equal(ApiKeyHash.Of(Key), SaleExportFile.KeyHash(Key)); // one hash on both sides
        var check = SaleExportFile.Read(file, "S001-R1", ApiKeyHash.Of(Key));
        Assert.True(check.Trusted, check.Reason);
        Assert.Equal(payload.Batches[0].Orders[0].OrderId, check.Payload!.Batches[0].Orders[0].OrderId);
        Assert.Equal(500m, check.Payload.Batches[0].Orders[0].Total);
        Assert.Contains("外套", Encoding.UTF8.GetString(file)); // readable JSON, not escaped
    }

    [Fact]
    public void A_changed_price_is_refused_as_tampered()
    {
        var text = Encoding.UTF8.GetString(SaleExportFile.Write(Payload(), Key));
        var tampered = Encoding.UTF8.GetBytes(text.Replace("\"unitPrice\": 500", "\"unitPrice\": 5"));
        Assert.NotEqual(text, Encoding.UTF8.GetString(tampered));
        var check = SaleExportFile.Read(tampered, "S001-R1", ApiKeyHash.Of(Key));
        Assert.False(check.Trusted);
        Assert.Equal("file.signature", check.Code);
    }

    [Fact]
    public void Another_registers_file_is_refused_as_foreign_even_when_relabelled()
    {
        var foreign = SaleExportFile.Write(Payload("S001-R2"), "pk_register-two-key");
        Assert.Equal("file.foreignRegister", SaleExportFile.Read(foreign, "S001-R1", ApiKeyHash.Of(Key)).Code);
        // Relabelled as R1 on the outside: the signature (R2's key) no longer matches R1's.
        var relabelled = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(foreign).Replace("\"registerId\": \"S001-R2\"", "\"registerId\": \"S001-R1\"").Replace("\"registerId\":\"S001-R2\"", "\"registerId\":\"S001-R1\""));
        Assert.Equal("file.signature", SaleExportFile.Read(relabelled, "S001-R1", ApiKeyHash.Of(Key)).Code);
    }

    [Fact]
    public void Not_a_file_and_no_key_are_refused_with_their_reason()
    {
        Assert.Equal("file.notJson", SaleExportFile.Read("hello"u8, "S001-R1", ApiKeyHash.Of(Key)).Code);
        Assert.Equal("file.format", SaleExportFile.Read("{}"u8, "S001-R1", ApiKeyHash.Of(Key)).Code);
        Assert.Equal("register.noKey", SaleExportFile.Read(SaleExportFile.Write(Payload(), Key), "S001-R1", null).Code);
    }
}
