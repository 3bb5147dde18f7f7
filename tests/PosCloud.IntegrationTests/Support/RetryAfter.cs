using System.Net;

namespace PosCloud.IntegrationTests.Support;

public static class RetryAfter
{
    /// <summary>
    /// Sends until the answer is not one of <paramref name="retryOn"/> or <paramref name="attempts"/> are used
    /// up, waiting as long as Retry-After says (1 s without it) between them, as a client should.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode[] retryOn, int attempts = int.MaxValue)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (!retryOn.Contains(response.StatusCode) || attempt >= attempts) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }
}
