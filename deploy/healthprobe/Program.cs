using PosCloud.HealthProbe;

return await Probe.RunAsync(args, Console.Out, Console.Error);

namespace PosCloud.HealthProbe
{
    /// <summary>GET one URL; exit 0 on a 2xx answer, 1 on anything else (status, refused, timeout), 2 on bad usage.</summary>
    public static class Probe
    {
        public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeSpan? timeout = null)
        {
            var url = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("HEALTH_PROBE_URL") ?? DefaultUrl;
            if (args.Length > 1 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                await error.WriteLineAsync($"usage: dotnet PosCloud.HealthProbe.dll [http://host:port/path]  (got: {string.Join(' ', args)})");
                return 2;
            }
            using var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(uri);
                var body = await response.Content.ReadAsStringAsync();
                var line = $"{(int)response.StatusCode} {uri} {body}";
                if (response.IsSuccessStatusCode)
                {
                    await output.WriteLineAsync(line);
                    return 0;
                }
                await error.WriteLineAsync(line);
                return 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await error.WriteLineAsync($"unhealthy: {uri}: {ex.Message}");
                return 1;
            }
        }
    }
}
