using System.Net;
using System.Net.Sockets;
using PosCloud.HealthProbe;

namespace PosCloud.DeployTests;

/// <summary>The probe the chiseled images run for HEALTHCHECK: 0 only on a 2xx answer.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task Exit_code_follows_the_http_status()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var ctx = await listener.GetContextAsync();
                ctx.Response.StatusCode = ctx.Request.Url!.AbsolutePath == "/health/ready" ? 200 : 503;
                await using (var body = new StreamWriter(ctx.Response.OutputStream)) await body.WriteAsync(ctx.Response.StatusCode == 200 ? "Healthy" : "Unhealthy");
                ctx.Response.Close();
            }
        });

        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await Probe.RunAsync([$"http://127.0.0.1:{port}/health/ready"], output, error));
        Assert.Contains("200", output.ToString());
        Assert.Equal(1, await Probe.RunAsync([$"http://127.0.0.1:{port}/health/live"], output, error));
        Assert.Contains("503", error.ToString());
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy_and_bad_usage_is_2()
    {
        var error = new StringWriter();
        Assert.Equal(1, await Probe.RunAsync([$"http://127.0.0.1:{FreePort()}/health/live"], TextWriter.Null, error, TimeSpan.FromSeconds(3)));
        Assert.Contains("unhealthy", error.ToString());
        Assert.Equal(2, await Probe.RunAsync(["not a url"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await Probe.RunAsync(["ftp://127.0.0.1/x"], TextWriter.Null, TextWriter.Null));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
