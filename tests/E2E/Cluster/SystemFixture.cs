using Sandbox;

namespace E2E.Tests.Cluster;

/// <summary>
/// One system per test class, started by the first test that asks for it (so a class whose tests are all skipped
/// starts nothing) and stopped when the class is done.
/// </summary>
public abstract class SystemFixture : IAsyncLifetime
{
    private readonly Lazy<Task<SandboxSystem>> _system;

    protected SystemFixture() =>
        _system = new(() => StartAsync(Directory.CreateTempSubdirectory("scimop-e2e-").FullName));

    internal Task<SandboxSystem> SystemAsync() => _system.Value;

    private protected abstract Task<SandboxSystem> StartAsync(string directory);

    /// <summary>Stops what <see cref="StartAsync"/> started besides the system (the k3s container).</summary>
    protected virtual ValueTask StopInfrastructureAsync() => ValueTask.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_system.IsValueCreated && _system.Value.IsCompletedSuccessfully)
        {
            await (await _system.Value).DisposeAsync();
        }

        await StopInfrastructureAsync();
    }
}
