using System.Text;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>Base for test classes that want a fresh <see cref="ScimServer"/> per test (xunit creates one instance per test).</summary>
public abstract class ScimServerTest : IAsyncLifetime
{
    private ScimServer? _server;

    internal ScimServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await ScimServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>POSTs a JSON body as <c>application/scim+json</c> with the authorized client.</summary>
    internal Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    /// <summary>Sends a JSON body as <c>application/scim+json</c> with the authorized client.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/scim+json"),
        };
        return await Server.Client.SendAsync(request);
    }
}
