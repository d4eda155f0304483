namespace Operator.Runtime;

/// <summary>Runs every registered controller; on stop, lets each drain its in-flight reconciles.</summary>
internal sealed class ControllerHostedService(IEnumerable<IController> controllers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(controllers.Select(c => Task.Run(() => c.RunAsync(_stopping.Token), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
