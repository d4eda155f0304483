using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScimBench;

/// <summary>
/// The SCIM endpoint as a child process (the built <c>ScimEndpoint.dll</c> run with <c>dotnet</c>) on free loopback
/// ports with a fresh key set. Disposing kills it, including on Ctrl-C and on failure.
/// </summary>
internal sealed class EndpointProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _lastOutput = new();

    private EndpointProcess(Process process, string directory, Uri scimBase, Uri management, string token)
    {
        _process = process;
        _directory = directory;
        ScimBase = scimBase;
        ManagementBase = management;
        Token = token;
    }

    public Uri ScimBase { get; }

    public Uri ManagementBase { get; }

    public string Token { get; }

    /// <summary>The endpoint's resident memory (working set) in MiB, read now.</summary>
    public double ResidentMiB
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    /// <summary>Starts the endpoint with the in-memory store.</summary>
    public static Task<EndpointProcess> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(new Dictionary<string, string> { ["Scim:Store"] = "InMemory" }, cancellationToken);

    /// <summary>
    /// Starts the endpoint with the given store settings (configuration keys such as <c>Scim:Zitadel:Url</c>), passed
    /// in its environment, never on its command line, where any local user could read a credential.
    /// </summary>
    public static async Task<EndpointProcess> StartAsync(
        IReadOnlyDictionary<string, string> storeSettings, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ScimEndpoint.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("ScimEndpoint.dll is not next to the benchmark; build bench/ScimBench.", dll);
        }

        var directory = Directory.CreateTempSubdirectory("scimbench-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var keySet = Path.Combine(directory, "keys.json");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await File.WriteAllTextAsync(
            keySet, JsonSerializer.Serialize(new { keys = new[] { new { id = "bench", sha256 = hash } } }), cancellationToken);

        var (port, managementPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                dll, $"--Scim:Port={port}", $"--Scim:ManagementPort={managementPort}", "--Scim:ListenAddress=127.0.0.1",
                $"--Scim:KeySetPath={keySet}", "--Logging:LogLevel:Default=Warning",
            },
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_gcServer"] = "1" },
        };
        foreach (var (key, value) in storeSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var endpoint = new EndpointProcess(
            process,
            directory,
            new Uri($"http://127.0.0.1:{port}/scim/v2"),
            new Uri($"http://127.0.0.1:{managementPort}"),
            token);
        process.OutputDataReceived += (_, e) => endpoint.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => endpoint.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await endpoint.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            endpoint.Dispose();
            throw;
        }

        return endpoint;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Note: the process was never started or is already gone; there is nothing left to stop.
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The endpoint exited with code {_process.ExitCode} before it was ready:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(ManagementBase, "/readyz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again until the deadline.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The endpoint was not ready on {ManagementBase}readyz within 30 s:\n{Output()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > 40)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_lastOutput)
        {
            return string.Join('\n', _lastOutput);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
