using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PosCloud.Api.Dashboard.Auth;
using PosCloud.Core.Stores;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// The Api's edge over real HTTP (Kestrel on 127.0.0.1): forwarded headers from trusted proxies only,
/// Secure cookie and HSTS over HTTPS, security headers, Swagger off in Production, rate limit before authentication.
/// </summary>
public sealed partial class EdgeSecurityTests
{
    private const string Client1 = "203.0.113.7";
    private const string Client2 = "203.0.113.8";

    /// <summary>The sign-in form through a proxy that says who the client is: page, antiforgery cookie + field, POST.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string forwardedFor, string userName, string password, string? forwardedProto = null)
    {
        HttpRequestMessage Through(HttpMethod method, string path)
        {
            var r = new HttpRequestMessage(method, path);
            r.Headers.Add("X-Forwarded-For", forwardedFor);
            if (forwardedProto is not null) r.Headers.Add("X-Forwarded-Proto", forwardedProto);
            return r;
        }
        var page = await http.SendAsync(Through(HttpMethod.Get, "/dashboard/login"));
        var html = await page.Content.ReadAsStringAsync();
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var field = HiddenField().Match(html);
        var post = Through(HttpMethod.Post, "/dashboard/login");
        post.Headers.Add("Cookie", cookies);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
        });
        return await http.SendAsync(post);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_sign_in_throttle_counts_the_real_client_address()
    {
        await using var api = KestrelApi.Start(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using var http = api.Client();

        // 20 failures with made-up names from one client lock that client's address (4 × 5 per address)…
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, Client1, $"made-up-{i}", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(http, Client1, "made-up-next", "wrong")).StatusCode);
        // …and nobody else's: HQ behind the same proxy still signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(http, Client2, "hq-operator", "operator-demo-1234")).StatusCode);
    }

    [Fact]
    public async Task An_untrusted_sender_of_forwarded_headers_is_counted_as_itself()
    {
        // No proxy configured: the header is anyone's to write, so it is ignored.
        await using var api = KestrelApi.Start();
        using var http = api.Client();
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, $"198.51.100.{i + 1}", $"made-up-{i}", "wrong")).StatusCode);
        // Twenty "different" clients were one address: it is locked, whatever the header says next.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(http, Client2, "made-up-next", "wrong")).StatusCode);
    }

    [Fact]
    public async Task Over_forwarded_HTTPS_from_a_trusted_proxy_the_cookie_is_Secure_and_HSTS_is_sent()
    {
        await using var api = KestrelApi.Start(new() { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });
        using var http = api.Client();
        var signedIn = await SignInAsync(http, Client1, "hq-operator", "operator-demo-1234", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAuth.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", signedIn.Headers.GetValues("Strict-Transport-Security").Single());

        // Plain HTTP from the same proxy: no HSTS (it would be ignored), no Secure cookie (the browser would drop it).
        var plain = await SignInAsync(http, Client1, "hq-operator", "operator-demo-1234");
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAuth.CookieName + "=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_untrusted_sender_cannot_claim_HTTPS()
    {
        await using var api = KestrelApi.Start(new() { ["ForwardedHeaders:KnownProxies:0"] = "10.9.9.9" });
        using var http = api.Client();
        var signedIn = await SignInAsync(http, Client1, "hq-operator", "operator-demo-1234", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("secure", signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAuth.CookieName + "=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_dashboard_pages_keep_their_own_policy()
    {
        await using var api = KestrelApi.Start();
        using var register = api.Client(ApiFactory.RegisterKey);
        using var anonymous = api.Client();
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["api 200"] = await register.GetAsync($"/api/v1/orders/status?ids={Guid.NewGuid()}"),
            ["api 401"] = await anonymous.GetAsync($"/api/v1/orders/status?ids={Guid.NewGuid()}"),
            ["api 404"] = await register.GetAsync("/api/v1/nothing-here"),
            ["health"] = await anonymous.GetAsync("/health/live"),
            ["dashboard login page"] = await anonymous.GetAsync("/dashboard/login"),
            ["dashboard api 401"] = await anonymous.GetAsync("/dashboard/api/me"),
            ["dashboard asset"] = await anonymous.GetAsync("/dashboard/assets/app.js"),
        };
        foreach (var (what, r) in responses)
        {
            Assert.True(r.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", what);
            Assert.True(r.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", what);
            Assert.True(r.Headers.TryGetValues("Referrer-Policy", out _), what);
            Assert.True(r.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("frame-ancestors 'none'"), what);
        }
        Assert.Contains("script-src 'self'", responses["dashboard login page"].Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("same-origin", responses["dashboard login page"].Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", responses["api 200"].Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("Production", null, HttpStatusCode.NotFound)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    [InlineData("Testing", null, HttpStatusCode.OK)]
    [InlineData("Testing", "false", HttpStatusCode.NotFound)]
    public async Task Swagger_is_off_in_Production_unless_enabled(string environment, string? enabled, HttpStatusCode expected)
    {
        await using var api = KestrelApi.Start(new() { ["environment"] = environment, ["Swagger:Enabled"] = enabled });
        using var http = api.Client();
        Assert.Equal(expected, (await http.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal(expected, (await http.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_made_up_keys_is_refused_per_address_before_any_key_lookup()
    {
        await using var api = KestrelApi.Start(new() { ["RateLimit:PerAddressPermitsPerSecond"] = "1", ["RateLimit:PerAddressBurst"] = "10" });
        var keys = Enumerable.Range(0, 100).Select(i => $"flood-{Guid.NewGuid():N}-{i}").ToList();
        using var lookups = new KeyLookupCounter(keys.Select(ApiKeyHash.Of));

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        foreach (var key in keys)
        {
            using var http = api.Client(key);
            var r = await http.GetAsync($"/api/v1/orders/status?ids={Guid.NewGuid()}");
            codes.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) limited ??= r;
        }

        var answered = codes.Count(c => c == HttpStatusCode.Unauthorized);
        Assert.Equal(100, answered + codes.Count(c => c == HttpStatusCode.TooManyRequests));
        Assert.InRange(answered, 10, 20); // the burst, plus one a second while the loop runs
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 must carry Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Only the requests that got through looked a key up (a register, then a client lookup each); the 429s cost none.
        Assert.Equal(answered * 2, lookups.Count);

        // No key at all, and the dashboard's sign-in, wait in the same line.
        using var anonymous = api.Client();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/api/v1/orders/status?ids=" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsync("/dashboard/login", new FormUrlEncodedContent([]))).StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();

    /// <summary>Counts the database commands EF Core runs with one of the given key hashes as a parameter (other tests' commands do not match).</summary>
    private sealed class KeyLookupCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly HashSet<string> _hashes;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public KeyLookupCounter(IEnumerable<string> hashes)
        {
            _hashes = hashes.ToHashSet(StringComparer.Ordinal);
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data
                && data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => p.Value is string s && _hashes.Contains(s)))
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
