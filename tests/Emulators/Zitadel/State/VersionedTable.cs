namespace Emulators.Zitadel.State;

/// <summary>
/// A table that remembers recent versions of each row, so List* calls can read the state as of
/// "now minus the projection lag" (§11.3) while writes and GetUserByID read the current state.
/// Not thread-safe: <see cref="EmulatorState"/> guards it.
/// </summary>
internal sealed class VersionedTable<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, List<(DateTimeOffset At, TValue? Value)>> _rows = [];

    public IEnumerable<TValue> Current => _rows.Values.Select(versions => versions[^1].Value).OfType<TValue>();

    public TValue? Get(TKey key) => _rows.TryGetValue(key, out var versions) ? versions[^1].Value : null;

    /// <summary>The rows a projection that is <paramref name="cutoff"/> old sees; null means up to date.</summary>
    public IEnumerable<TValue> Visible(DateTimeOffset? cutoff) => cutoff is not { } at
        ? Current
        : _rows.Values.Select(versions => versions.LastOrDefault(version => version.At <= at).Value)
            .OfType<TValue>();

    public void Put(TKey key, TValue value, DateTimeOffset at) => Append(key, value, at);

    public void Remove(TKey key, DateTimeOffset at)
    {
        if (Get(key) is not null)
        {
            Append(key, null, at);
        }
    }

    /// <summary>Removes every current row that matches <paramref name="predicate"/>.</summary>
    public void RemoveWhere(Func<TValue, bool> predicate, DateTimeOffset at)
    {
        foreach (var (key, versions) in _rows.ToList())
        {
            if (versions[^1].Value is { } value && predicate(value))
            {
                Append(key, null, at);
            }
        }
    }

    /// <summary>Forgets versions no lagging reader can see any more.</summary>
    public void Prune(DateTimeOffset cutoff)
    {
        foreach (var (key, versions) in _rows.ToList())
        {
            var lastVisible = versions.FindLastIndex(version => version.At <= cutoff);
            if (lastVisible > 0)
            {
                versions.RemoveRange(0, lastVisible);
            }

            if (versions is [{ Value: null } only] && only.At <= cutoff)
            {
                _rows.Remove(key);
            }
        }
    }

    private void Append(TKey key, TValue? value, DateTimeOffset at)
    {
        if (!_rows.TryGetValue(key, out var versions))
        {
            versions = [];
            _rows[key] = versions;
        }

        versions.Add((at, value));
    }
}
