using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Operator.Runtime;

namespace Operator.Tests.Hosting;

/// <summary>The management listener that replaced Kestrel: probes, metrics and the edges of its HTTP.</summary>
public sealed class ManagementServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
    private OperatorHost _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // Note: an API server that refuses connections, so the ConfigMap informer never syncs and /readyz stays 503.
        await File.WriteAllTextAsync(_kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: unused}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        _app = OperatorApp.Build(
            ["--urls=http://127.0.0.1:0", "--Operator:Kubeconfig=" + _kubeconfig, "--Logging:LogLevel:Default=None"],
            builder => builder.Services.AddInformer<V1ConfigMap>());
        await _app.StartAsync().WaitAsync(Timeout);
        _http = new HttpClient { BaseAddress = _app.ManagementAddress, Timeout = Timeout };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Fact]
    public async Task Probes_HealthyAtOnce_NotReadyWhileAnInformerHasNotSynced()
    {
        using var health = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await _http.GetAsync(new Uri("/readyz?verbose", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", health.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("informers not synced", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_PrometheusTextByDefault_OpenMetricsWhenAskedFor()
    {
        using var text = await _http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0, text/plain; q=0.5");
        using var open = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        Assert.Contains("scim_operator_informer_synced{resource=\"configmaps\"} 0", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/openmetrics-text", open.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("# EOF\n", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPathsAndMethods_NotFoundAndMethodNotAllowed_HeadHasNoBody()
    {
        using var missing = await _http.GetAsync(new Uri("/", UriKind.Relative));
        using var post = await _http.PostAsync(new Uri("/healthz", UriKind.Relative), new StringContent("x"));
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/healthz", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(2, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MalformedRequestLine_BadRequestAndClosed()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _app.ManagementAddress!.Port);
        await socket.SendAsync("nonsense\r\n\r\n"u8.ToArray());
        var answer = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Timeout)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Encoding.ASCII.GetString(answer.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsBeyondTheCap_ClosedOnAccept_ServedAgainOnceTheIdleOnesGo()
    {
        var server = _app.Services.GetRequiredService<ManagementServer>();
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < ManagementServer.MaxConnections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, _app.ManagementAddress!.Port);
            }

            await WaitForAsync(() => server.OpenConnections == ManagementServer.MaxConnections);

            // One more is accepted and closed at once: no answer, end of stream (or a reset).
            using (var extra = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                await extra.ConnectAsync(IPAddress.Loopback, _app.ManagementAddress!.Port);
                await extra.SendAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
                var received = 0;
                try
                {
                    received = await extra.ReceiveAsync(new byte[64].AsMemory()).AsTask().WaitAsync(Timeout);
                }
                catch (SocketException)
                {
                }

                Assert.Equal(0, received);
            }
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }

        await WaitForAsync(() => server.OpenConnections == 0);
        Assert.Equal("ok", await _http.GetStringAsync(new Uri("healthz", UriKind.Relative)));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:8081", "0.0.0.0:8081")]
    [InlineData("http://*:8081", "0.0.0.0:8081")]
    [InlineData("http://+:9090/", "0.0.0.0:9090")]
    [InlineData("http://localhost:0", "127.0.0.1:0")]
    [InlineData("http://[::1]:8081", "[::1]:8081")]
    public void Parse_AddressesAndWildcards(string url, string endpoint) =>
        Assert.Equal(endpoint, ManagementServer.Parse(url).ToString());

    [Theory]
    [InlineData("https://0.0.0.0:8443")]
    [InlineData("http://operator.example:8081")]
    [InlineData("8081")]
    public void Parse_HttpsHostNamesAndGarbage_Rejected(string url) =>
        Assert.Throws<InvalidOperationException>(() => ManagementServer.Parse(url));
}
