using System.Collections.Concurrent;

namespace Operator.Runtime;

/// <summary>
/// Gathers the keys of a burst: the first <see cref="Add"/> of a key hands it on after the delay, and further adds
/// of that key meanwhile are part of the same hand-on. Runs on the wall clock, not the operator's replaceable
/// <see cref="TimeProvider"/>: batching limits API load, it is not policy time, and a frozen test clock must not
/// hold reconciles back.
/// </summary>
internal sealed class KeyBatcher(TimeSpan delay, Action<ObjectKey> handOn)
{
    private readonly ConcurrentDictionary<ObjectKey, byte> _pending = new();

    public void Add(ObjectKey key)
    {
        if (_pending.TryAdd(key, 0))
        {
            _ = HandOnAsync(key);
        }
    }

    private async Task HandOnAsync(ObjectKey key)
    {
        await Task.Delay(delay, TimeProvider.System).ConfigureAwait(false);

        // Note: removed before the hand-on, so a change arriving during the reconcile starts the next batch.
        _pending.TryRemove(key, out _);
        handOn(key);
    }
}
