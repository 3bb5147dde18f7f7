using System.Net;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

public class RateLimitTests
{
    [Fact]
    public async Task Past_the_burst_a_key_gets_429_with_Retry_After_and_other_keys_are_unaffected()
    {
        var file = Path.Combine(Path.GetTempPath(), $"poscloud-test-{Guid.NewGuid():N}.db");
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PosCloud"] = $"Data Source={file}",
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = "3",
        });
        using var register = api.CreateRegisterClient();
        using var hq = api.CreateRegisterClient(ApiFactory.HqKey);
        var url = $"/api/v1/orders/status?ids={Guid.NewGuid()}";

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5; i++)
        {
            var r = await register.GetAsync(url);
            codes.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) limited ??= r;
        }

        Assert.Equal(HttpStatusCode.OK, codes[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 must carry Retry-After");
        Assert.Contains("Retry after", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await hq.GetAsync(url)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await register.GetAsync(url)).StatusCode);
    }
}
