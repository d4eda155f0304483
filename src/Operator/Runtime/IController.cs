namespace Operator.Runtime;

/// <summary>A registered controller the host runs.</summary>
internal interface IController
{
    string Name { get; }

    /// <summary>
    /// Subscribes to the informers, waits for them to sync and for leadership, then runs the workers until
    /// <paramref name="stopping"/> fires; then drains in-flight reconciles for up to the shutdown timeout.
    /// </summary>
    Task RunAsync(CancellationToken stopping);
}
