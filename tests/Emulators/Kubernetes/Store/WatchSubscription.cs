using System.Threading.Channels;

namespace Emulators.Kubernetes.Store;

/// <summary>A live feed of store events for one bucket (or all of them) and optionally one namespace.</summary>
internal sealed class WatchSubscription(string? storeKey, string? ns) : IDisposable
{
    private readonly CancellationTokenSource _dropped = new();

    public string? StoreKey { get; } = storeKey;

    public string? Namespace { get; } = ns;

    /// <summary>A feed of an emulator controller, never dropped by fault knobs.</summary>
    public bool IsInternal { get; init; }

    public Channel<StoredEvent> Events { get; } = Channel.CreateUnbounded<StoredEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Fires when the emulator drops every watch (<see cref="KubernetesEmulator.DropWatches"/>).</summary>
    public CancellationToken Dropped => _dropped.Token;

    public bool Matches(StoredEvent e) =>
        (StoreKey is null || StoreKey == e.StoreKey) &&
        (Namespace is null || Namespace == e.Object["metadata"]?["namespace"]?.ToString());

    public void Drop() => _dropped.Cancel();

    public void Dispose() => _dropped.Dispose();
}
