using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Prometheus;

namespace Operator.Runtime;

/// <summary>
/// The management listener: <c>GET /healthz</c> (process alive), <c>/readyz</c> (every informer synced, else 503)
/// and <c>/metrics</c> (Prometheus text, or OpenMetrics when asked for). A few lines of HTTP/1.1 over a socket, one
/// request per connection, instead of Kestrel: the callers are the kubelet's probes and a Prometheus scraper, and
/// not loading ASP.NET Core takes the idle operator from 122 to 113 MiB resident (docs/benchmarks.md, issue 4).
/// </summary>
/// <remarks>
/// Listens on <c>urls</c> (configuration, e.g. <c>--urls=http://127.0.0.1:0</c>; several separated by <c>;</c>),
/// else <c>ASPNETCORE_URLS</c>, else <see cref="DefaultUrl"/>. Port 0 binds a free port; <see cref="Address"/> tells
/// which once started.
/// </remarks>
internal sealed class ManagementServer(
    IConfiguration configuration, InformerFactory informers, OperatorMetrics metrics, ILogger<ManagementServer> logger)
    : IHostedService, IDisposable
{
    public const string DefaultUrl = "http://0.0.0.0:8081";

    private const int MaxRequestBytes = 8 * 1024;

    /// <summary>Connections served at once; more are closed on accept, so idle or slow clients (each may hold one
    /// for up to <see cref="RequestTimeout"/>) cannot make the listener hold unbounded buffers.</summary>
    internal const int MaxConnections = 64;
    private const string TextContentType = "text/plain; charset=utf-8";
    private const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private int _connections;

    /// <summary>Connections being served now.</summary>
    internal int OpenConnections => Volatile.Read(ref _connections);

    /// <summary>The first bound address (e.g. <c>http://127.0.0.1:41234/</c>); null before start.</summary>
    public Uri? Address { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["urls"] is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultUrl;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var endpoint = Parse(url);
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(endpoint);
                socket.Listen(64);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _listeners.Add(socket);
            var bound = (IPEndPoint)socket.LocalEndPoint!;
            var host = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any)
                ? "localhost"
                : bound.Address.ToString();
            Address ??= new UriBuilder("http", host, bound.Port).Uri;
            RuntimeLog.ManagementListening(logger, bound.ToString());
            _loops.Add(Task.Run(() => AcceptLoopAsync(socket, _stopping.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _listeners)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var socket in _listeners)
        {
            socket.Dispose();
        }

        _stopping.Dispose();
    }

    /// <summary>Accepts <c>http://host:port</c> with an IP address, <c>localhost</c>, <c>*</c> or <c>+</c> as host.</summary>
    internal static IPEndPoint Parse(string url)
    {
        var wildcard = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
            .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"The management URL '{url}' is not http://<address>:<port>.");
        }

        var address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
            : throw new InvalidOperationException(
                $"The management URL '{url}' must name an IP address, localhost, * or +, not a host name.");
        return new IPEndPoint(address, uri.Port);
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || ct.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted; take the next.
                continue;
            }

            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                connection.Dispose();
                continue;
            }

            _ = ServeCountedAsync(connection, ct);
        }
    }

    private async Task ServeCountedAsync(Socket connection, CancellationToken stopping)
    {
        try
        {
            await ServeAsync(connection, stopping).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(RequestTimeout);
        var stream = new NetworkStream(connection, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var request = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
                var (status, contentType, body) = request is null
                    ? (HttpStatusCode.BadRequest, TextContentType, "bad request"u8.ToArray())
                    : await RespondAsync(request.Value, timeout.Token).ConfigureAwait(false);
                await WriteAsync(stream, status, contentType, body, request?.Method == "HEAD", timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away or was too slow; nothing to answer.
            }
        }
    }

    private async Task<(HttpStatusCode Status, string ContentType, byte[] Body)> RespondAsync(Request request, CancellationToken ct)
    {
        if (request.Path is not ("/healthz" or "/readyz" or "/metrics"))
        {
            return (HttpStatusCode.NotFound, TextContentType, []);
        }

        if (request.Method is not ("GET" or "HEAD"))
        {
            return (HttpStatusCode.MethodNotAllowed, TextContentType, []);
        }

        switch (request.Path)
        {
            case "/healthz":
                return (HttpStatusCode.OK, TextContentType, "ok"u8.ToArray());
            case "/readyz":
                return informers.AllSynced
                    ? (HttpStatusCode.OK, TextContentType, "ok"u8.ToArray())
                    : (HttpStatusCode.ServiceUnavailable, TextContentType, "informers not synced"u8.ToArray());
            default:
                var openMetrics = request.Accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase);
                using (var buffer = new MemoryStream())
                {
                    await metrics.Registry.CollectAndExportAsTextAsync(
                        buffer, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, ct)
                        .ConfigureAwait(false);
                    return (HttpStatusCode.OK, openMetrics ? OpenMetricsContentType : PrometheusContentType, buffer.ToArray());
                }
        }
    }

    /// <summary>Reads up to the blank line ending the headers; null for a malformed or oversized request.</summary>
    private static async Task<Request?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                return null;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !parts[1].StartsWith('/'))
        {
            return null;
        }

        var accept = lines.Skip(1)
            .Where(l => l.StartsWith("Accept:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l["Accept:".Length..].Trim())
            .FirstOrDefault() ?? "";
        var query = parts[1].IndexOf('?', StringComparison.Ordinal);
        return new Request(parts[0], query < 0 ? parts[1] : parts[1][..query], accept);
    }

    private static async Task WriteAsync(
        NetworkStream stream, HttpStatusCode status, string contentType, byte[] body, bool headOnly, CancellationToken ct)
    {
        var allow = status == HttpStatusCode.MethodNotAllowed ? "Allow: GET, HEAD\r\n" : "";
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {(int)status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n" +
            $"{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).ConfigureAwait(false);
        if (!headOnly && body.Length > 0)
        {
            await stream.WriteAsync(body, ct).ConfigureAwait(false);
        }
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK => "OK",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        _ => "Service Unavailable",
    };

    private readonly record struct Request(string Method, string Path, string Accept);
}
