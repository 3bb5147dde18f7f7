using PosCloud.Contracts;
using PosCloud.Contracts.Batches;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>The manager who approved an offline sale above the cap travels with the order, on PostgreSQL.</summary>
public class ApproverTests(ServerCloud cloud) : IClassFixture<ServerCloud>
{
    [SkippableFact]
    public async Task The_approver_is_stored_and_shown_and_an_overlong_one_is_refused_naming_the_field()
    {
        using var client = cloud.Require().Api.CreateRegisterClient();
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        var byManager = Scenario.Order(2001, earlier) with { ApprovedBy = "S001-E01" };
        var byStorePin = Scenario.Order(2002, earlier) with { ApprovedBy = "store-manager-pin" };
        var none = Scenario.Order(2003, earlier);
        var overlong = Scenario.Order(2004, earlier) with { ApprovedBy = new string('m', 65) };

        var response = await Scenario.UploadAsync(client, Scenario.Batch(byManager, byStorePin, none, overlong));

        var rejected = response.Results.Single(r => r.OrderId == overlong.OrderId);
        Assert.Equal(UploadOutcome.Rejected, rejected.Outcome);
        Assert.Equal("orders[3].approvedBy", Assert.Single(rejected.Errors).Field);
        Assert.All(response.Results.Where(r => r.OrderId != overlong.OrderId), r => Assert.Equal(UploadOutcome.Accepted, r.Outcome));
        Assert.Equal("S001-E01", (await Scenario.GetOrderAsync(client, byManager.OrderId)).ApprovedBy);
        Assert.Equal("store-manager-pin", (await Scenario.GetOrderAsync(client, byStorePin.OrderId)).ApprovedBy);
        Assert.Null((await Scenario.GetOrderAsync(client, none.OrderId)).ApprovedBy);
    }
}
