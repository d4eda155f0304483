using Emulators.Kubernetes.Store;

namespace Emulators.Kubernetes.Controllers;

/// <summary>
/// Runs a level-based controller pass after every store change it watches, and at least every
/// <see cref="ResyncPeriod"/>, on its own task, like a kube-controller-manager loop. Failures of one pass are
/// retried on the next one.
/// </summary>
internal static class ControllerLoop
{
    public static readonly TimeSpan ResyncPeriod = TimeSpan.FromMilliseconds(200);

    public static Task Start(ObjectStore store, string? storeKey, Action reconcile, CancellationToken stopping) =>
        Task.Run(async () =>
        {
            var subscription = store.Subscribe(storeKey, null, store.CurrentRv, out _, out _, isInternal: true);
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    while (subscription.Events.Reader.TryRead(out _))
                    {
                        // Level-based: the pass below looks at the whole state, not at single events.
                    }

                    try
                    {
                        reconcile();
                    }
                    catch (Errors.ApiException)
                    {
                        // Conflicts with concurrent writers: the next pass sees the new state and retries.
                    }

                    using var round = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    round.CancelAfter(ResyncPeriod);
                    try
                    {
                        await subscription.Events.Reader.WaitToReadAsync(round.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Resync period elapsed or the emulator stops.
                    }
                }
            }
            finally
            {
                store.Unsubscribe(subscription);
                subscription.Dispose();
            }
        }, CancellationToken.None);
}
