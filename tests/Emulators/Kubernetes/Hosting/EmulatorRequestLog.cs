using System.Collections.Concurrent;

namespace Emulators.Kubernetes.Hosting;

/// <summary>Every request in arrival order, recorded when its answer starts (watches: when the stream opens).</summary>
internal sealed class EmulatorRequestLog
{
    private readonly ConcurrentQueue<RequestEntry> _entries = new();

    public int Count(Func<RequestEntry, bool> predicate) => _entries.Count(predicate);

    public IReadOnlyList<RequestEntry> Snapshot() => [.. _entries];

    public void Clear() => _entries.Clear();

    internal void Add(RequestEntry entry) => _entries.Enqueue(entry);
}
