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
    private readonly ChildProcess _process;

    private EndpointProcess(ChildProcess process, Uri scimBase, Uri management, string token)
    {
        _process = process;
        ScimBase = scimBase;
        ManagementBase = management;
        Token = token;
    }

    public Uri ScimBase { get; }

    public Uri ManagementBase { get; }

    public string Token { get; }

    /// <summary>The endpoint's resident memory (working set) in MiB, read now.</summary>
    public double ResidentMiB => _process.ResidentMiB;

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
        var directory = Directory.CreateTempSubdirectory("scimbench-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var keySet = Path.Combine(directory, "keys.json");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await File.WriteAllTextAsync(
            keySet, JsonSerializer.Serialize(new { keys = new[] { new { id = "bench", sha256 = hash } } }), cancellationToken);

        var (port, managementPort) = (ChildProcess.FreePort(), ChildProcess.FreePort());
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_gcServer"] = "1" };
        foreach (var (key, value) in storeSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        ChildProcess process;
        try
        {
            process = ChildProcess.Start(
                "ScimEndpoint.dll",
                [
                    $"--Scim:Port={port}", $"--Scim:ManagementPort={managementPort}", "--Scim:ListenAddress=127.0.0.1",
                    $"--Scim:KeySetPath={keySet}", "--Logging:LogLevel:Default=Warning",
                ],
                environment,
                directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var endpoint = new EndpointProcess(
            process,
            new Uri($"http://127.0.0.1:{port}/scim/v2"),
            new Uri($"http://127.0.0.1:{managementPort}"),
            token);
        try
        {
            await process.WaitReadyAsync(new Uri(endpoint.ManagementBase, "/readyz"), TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            endpoint.Dispose();
            throw;
        }

        return endpoint;
    }

    public void Dispose() => _process.Dispose();
}
