using E2E.Tests.Gate;
using Sandbox;
using Testcontainers.K3s;

namespace E2E.Tests.Cluster;

/// <summary>
/// k3s in Docker (Testcontainers) with the CRDs installed, and the ZITADEL emulator, the operator and the local
/// kubelet running on this machine against it, as envtest-style suites run controllers.
/// </summary>
public sealed class K3sFixture : SystemFixture
{
    private K3sContainer? _container;

    private protected override async Task<SandboxSystem> StartAsync(string directory)
    {
        K3sGate.Current.EnsureRunnable();
        _container = new K3sBuilder(K3sServer.Image(Environment.GetEnvironmentVariable(K3sServer.ImageVariable)))
            .WithCommand([.. K3sServer.ExtraArguments])
            .Build();
        await _container.StartAsync();
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await KubeconfigFile.WriteAsync(kubeconfig, await _container.GetKubeconfigAsync());
        return await SandboxSystem.StartOnClusterAsync(directory, kubeconfig);
    }

    protected override async ValueTask StopInfrastructureAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
