using System.Net;
using System.Net.Http.Headers;

namespace PosCloud.OfflineAgent.UploadQueue;

/// <summary>What to do after one upload attempt.</summary>
public enum AttemptVerdict { Done, RetryWithBackoff, RetryAfterServerSaid, RetryLater }

/// <summary>Retry timing as pure functions (the random draw is passed in, so tests pin it).</summary>
public static class RetryRules
{
    /// <summary>
    /// Exponential backoff with "equal jitter": half the doubled wait is fixed, half random, so many
    /// registers coming back after the same outage do not hammer the cloud in lockstep.
    /// attempt 1 → base·[0.5,1), attempt 2 → 2·base·[0.5,1) … capped at max.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan max, double random01)
    {
        if (attempt < 1) attempt = 1;
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jitter = Math.Clamp(random01, 0, 1);
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * jitter);
    }

    /// <summary>429's Retry-After (seconds or an HTTP date); when missing or odd, 1 s. Never more than <paramref name="max"/>… unless the cloud insists: it is obeyed up to 10 minutes.</summary>
    public static TimeSpan RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        TimeSpan wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => TimeSpan.FromSeconds(1),
        };
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : wait;
    }

    /// <summary>Timeouts and 5xx are the cloud's trouble: retry the same batch. 429: wait as told. Other 4xx: a person must look; retry slowly.</summary>
    public static AttemptVerdict Classify(HttpStatusCode? status)
    {
        if (status is null) return AttemptVerdict.RetryWithBackoff; // timeout or connection failure
        var code = (int)status.Value;
        if (code is >= 200 and < 300) return AttemptVerdict.Done;
        if (code == 429) return AttemptVerdict.RetryAfterServerSaid;
        if (code >= 500 || code == 408) return AttemptVerdict.RetryWithBackoff;
        return AttemptVerdict.RetryLater;
    }
}
