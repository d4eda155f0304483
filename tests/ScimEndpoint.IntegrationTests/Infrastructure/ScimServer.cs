using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using ScimEndpoint;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>
/// A real SCIM endpoint (Kestrel, in-memory store) on 127.0.0.1 with both ports picked by the system, and a temp
/// key-set file that accepts <see cref="Token"/>. Start one per test class or per test; dispose it at the end.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ScimServer.StartAsync();
/// var response = await server.Client.GetAsync("Users?filter=userName eq \"a\"");   // relative to /scim/v2/
/// await server.WriteKeySetAsync(new ScimServer.Key("key-2", "other-token"));     // rotate without restart
/// </code>
/// </example>
internal sealed class ScimServer : IAsyncDisposable
{
    /// <summary>The token the initial key set accepts (key id <see cref="KeyId"/>).</summary>
    public const string Token = "scimop_integration-test-token_0123456789abcdefghijklmnopqrstuvwxyz";

    public const string KeyId = "test-key";

    /// <summary>How often the server re-reads the key set; tests poll for changes for a few seconds.</summary>
    public static readonly TimeSpan KeySetPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _directory;

    private ScimServer(WebApplication app, string directory, string keySetPath)
    {
        App = app;
        _directory = directory;
        KeySetPath = keySetPath;
        ScimBaseUri = app.ScimBaseUri();
        ManagementBaseUri = app.ManagementBaseUri();
        Client = CreateClient(Token);
        Management = new HttpClient { BaseAddress = ManagementBaseUri };
    }

    public WebApplication App { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/scim/v2</c>.</summary>
    public Uri ScimBaseUri { get; }

    public Uri ManagementBaseUri { get; }

    /// <summary>Sends <c>Authorization: Bearer <see cref="Token"/></c>; base address is the SCIM base with a slash.</summary>
    public HttpClient Client { get; }

    /// <summary>A client for <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
    public HttpClient Management { get; }

    public string KeySetPath { get; }

    /// <summary>One key of a key-set file: the id, the clear token (hashed when written) and an optional expiry.</summary>
    public sealed record Key(string Id, string Token, DateTimeOffset? ExpiresAt = null);

    /// <summary>
    /// Starts a server. <paramref name="settings"/> are extra configuration keys (e.g. <c>Scim:Tenant</c>);
    /// with <paramref name="writeKeySet"/> false no key-set file exists at start; <paramref name="configure"/> runs
    /// last on the builder (e.g. to post-configure options that have no configuration key).
    /// </summary>
    public static async Task<ScimServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        bool writeKeySet = true,
        Action<WebApplicationBuilder>? configure = null)
    {
        var directory = Directory.CreateTempSubdirectory("scim-server-").FullName;
        var keySetPath = Path.Combine(directory, "keys.json");
        if (writeKeySet)
        {
            await File.WriteAllTextAsync(keySetPath, KeySetJson(new Key(KeyId, Token)));
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Scim:ListenAddress"] = "127.0.0.1",
            ["Scim:Port"] = "0",
            ["Scim:ManagementPort"] = "0",
            ["Scim:KeySetPath"] = keySetPath,
            ["Scim:KeySetPollInterval"] = KeySetPollInterval.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = ScimApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ScimServer(app, directory, keySetPath);
    }

    /// <summary>A client for the SCIM base; with a null token it sends no Authorization header.</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(ScimBaseUri + "/") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Replaces the key-set file atomically (write a temp file, then rename), as a Secret update would.</summary>
    public Task WriteKeySetAsync(params Key[] keys) => WriteKeySetTextAsync(KeySetJson(keys));

    /// <summary>Replaces the key-set file with arbitrary text, e.g. invalid JSON.</summary>
    public async Task WriteKeySetTextAsync(string content)
    {
        var temp = KeySetPath + ".tmp";
        await File.WriteAllTextAsync(temp, content);
        File.Move(temp, KeySetPath, overwrite: true);
    }

    /// <summary>The key-set file format: <c>{"keys":[{"id","sha256","expiresAt"?}]}</c>.</summary>
    public static string KeySetJson(params Key[] keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var entry = new JsonObject { ["id"] = key.Id, ["sha256"] = Sha256Hex(key.Token) };
            if (key.ExpiresAt is { } expiresAt)
            {
                entry["expiresAt"] = expiresAt.UtcDateTime.ToString("O");
            }

            array.Add(entry);
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }

    public static string Sha256Hex(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Management.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
