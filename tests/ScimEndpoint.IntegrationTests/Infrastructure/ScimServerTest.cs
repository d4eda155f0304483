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
}
