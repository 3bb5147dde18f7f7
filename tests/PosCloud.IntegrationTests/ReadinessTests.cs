using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.Contracts.Readiness;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// Readiness rows and imports on PostgreSQL (the production path): a heartbeat upserts one row per register
/// and keeps "since when"; an imported export goes through the COPY ingestion exactly once, and the
/// register's own upload of the same sales afterwards answers duplicate.
/// </summary>
public class ReadinessTests(ReadinessTests.Cloud cloud) : IClassFixture<ReadinessTests.Cloud>
{
    public sealed class Cloud : ServerCloud;

    private static RegisterHeartbeat Beat(string printer = "ok") =>
        new(DateTimeOffset.UtcNow, "v1", 30, null, 500, 500, printer, 0, 0.3, "1.0.0-it", printer == "error" ? "cover open" : null);

    [SkippableFact]
    public async Task Heartbeats_keep_one_row_per_register_and_the_first_time_a_reason_was_seen_on_PostgreSQL()
    {
        var api = cloud.Require().Api;
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        Assert.True((await register.PostAsJsonAsync("/api/v1/registers/S001-R1/heartbeat", Beat("error"))).IsSuccessStatusCode);
        var first = (await hq.GetFromJsonAsync<ReadinessReport>("/api/v1/readiness?storeId=S001"))!.Items.Single(i => i.RegisterId == "S001-R1");
        Assert.Equal([NotReadyReason.PrinterError], first.Issues.Select(i => i.Reason));
        await Task.Delay(50);
        var answer = await (await register.PostAsJsonAsync("/api/v1/registers/S001-R1/heartbeat", Beat("error"))).Content.ReadFromJsonAsync<HeartbeatAnswer>();
        Assert.False(answer!.Ready);
        Assert.Equal(["PrinterError"], answer.Reasons);
        var second = (await hq.GetFromJsonAsync<ReadinessReport>("/api/v1/readiness?storeId=S001"))!.Items.Single(i => i.RegisterId == "S001-R1");
        Assert.Equal(first.NotReadySince, second.NotReadySince);
        Assert.True(second.LastHeartbeatAt > first.LastHeartbeatAt);
        Assert.Equal(1, await api.WithDbAsync(db => db.RegisterReadiness.CountAsync(r => r.RegisterId == "S001-R1")));

        Assert.True((await register.PostAsJsonAsync("/api/v1/registers/S001-R1/heartbeat", Beat("ok"))).IsSuccessStatusCode);
        var cleared = (await hq.GetFromJsonAsync<ReadinessReport>("/api/v1/readiness?storeId=S001"))!.Items.Single(i => i.RegisterId == "S001-R1");
        Assert.True(cleared.Ready);
        Assert.Null(cleared.NotReadySince);
    }

    [SkippableFact]
    public async Task An_import_takes_the_upload_path_once_on_PostgreSQL_and_a_later_upload_is_duplicate()
    {
        var api = cloud.Require().Api;
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        var batch = Scenario.Batch(Scenario.Order(5001, at), Scenario.Order(5002, at.AddMinutes(1)));
        // The agent's export puts its unsynced returns after every sale, in a batch of returns only.
        var sold = batch.Orders[0];
        var ret = new OfflineReturn(Guid.NewGuid(), sold.OrderId, 1, at.AddMinutes(5), "S001-E02", "顧客退貨",
            [new OfflineReturnLine(0, sold.Lines[0].Sku, 1, sold.Lines[0].UnitPrice)], [new OfflinePayment("cash", sold.Lines[0].UnitPrice)], sold.Lines[0].UnitPrice);
        var returnsOnly = new UploadBatchRequest(Guid.NewGuid(), "S001", "S001-R1", [], [ret]);
        var file = SaleExportFile.Write(new SaleExportPayload(Guid.NewGuid(), "S001", "S001-R1", DateTimeOffset.UtcNow, "store-manager-pin", 2, [batch, returnsOnly]), ApiFactory.RegisterKey);

        var imported = await hq.PostAsync("/api/v1/registers/S001-R1/imports", new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<SaleImportResult>())!.Accepted);
        Assert.Equal(1, await api.WithDbAsync(db => db.Returns.CountAsync(r => r.Id == ret.ReturnId)));
        var ids = batch.Orders.Select(o => o.OrderId).ToList();
        var views = await Scenario.WaitUntilFinalAsync(register, ids, TimeSpan.FromSeconds(60));
        Assert.All(views, v => Assert.Equal(OrderStatus.Reconciled, v.Status));

        var upload = await Scenario.UploadAsync(register, batch with { BatchId = Guid.NewGuid() });
        Assert.All(upload.Results, r => Assert.Equal(UploadOutcome.Duplicate, r.Outcome));
        Assert.Equal(2, await api.WithDbAsync(db => db.Orders.CountAsync(o => ids.Contains(o.Id))));

        var foreignHq = await hq.PostAsync("/api/v1/registers/S002-R1/imports", new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreignHq.StatusCode);
        Assert.Contains("file.foreignRegister", await foreignHq.Content.ReadAsStringAsync());
    }
}
