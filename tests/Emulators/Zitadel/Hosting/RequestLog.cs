using System.Collections.Concurrent;

namespace Emulators.Zitadel.Hosting;

/// <summary>Every request in arrival order, for call counting in tests.</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    public int Count(string method) => _entries.Count(entry => entry.Method == method);

    public void Add(RequestLogEntry entry) => _entries.Enqueue(entry);

    public void Clear() => _entries.Clear();
}
