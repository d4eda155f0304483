namespace Operator.Runtime;

/// <summary>Starts the informers with the host (on every replica) and stops them last.</summary>
internal sealed class InformerHostedService(InformerFactory factory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        factory.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => factory.StopAsync().WaitAsync(cancellationToken);
}
