namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Serializes work per key within this process (here: per user whose authorization is rewritten), taking several
/// keys in a fixed order so two callers never wait on each other.
/// </summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var entered = new List<string>(ordered.Count);
        var taken = new List<string>(ordered.Count);
        try
        {
            foreach (var key in ordered)
            {
                var gate = Enter(key);
                entered.Add(key);
                await gate.WaitAsync(cancellationToken);
                taken.Add(key);
            }
        }
        catch
        {
            // Undo exactly what happened: release the gates taken, and leave the one entered but not taken (a
            // cancelled wait). Keys never entered are not touched; another caller may hold them.
            Release(taken);
            Leave(entered.Except(taken, StringComparer.Ordinal));
            throw;
        }

        return new Releaser(this, ordered);
    }

    private SemaphoreSlim Enter(string key)
    {
        lock (_gates)
        {
            var entry = _gates.TryGetValue(key, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _gates[key] = (entry.Gate, entry.Users + 1);
            return entry.Gate;
        }
    }

    private void Release(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            lock (_gates)
            {
                _gates[key].Gate.Release();
            }
        }

        Leave(keys);
    }

    private void Leave(IEnumerable<string> keys)
    {
        lock (_gates)
        {
            foreach (var key in keys)
            {
                var (gate, users) = _gates[key];
                if (users == 1)
                {
                    _gates.Remove(key);
                    gate.Dispose();
                }
                else
                {
                    _gates[key] = (gate, users - 1);
                }
            }
        }
    }

    private sealed class Releaser(KeyedLock owner, List<string> keys) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Release(keys);
            return ValueTask.CompletedTask;
        }
    }
}
