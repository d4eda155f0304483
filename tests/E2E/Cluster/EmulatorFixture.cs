using Sandbox;

namespace E2E.Tests.Cluster;

/// <summary>The same system on the Kubernetes API emulator, so the scenarios themselves are proven here too.</summary>
public sealed class EmulatorFixture : SystemFixture
{
    private protected override Task<SandboxSystem> StartAsync(string directory) => SandboxSystem.StartAsync(directory);
}
