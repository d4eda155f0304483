using System.Globalization;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Store;

/// <summary>
/// All objects, one global monotonic resourceVersion (like an etcd revision) and a bounded event history for
/// watch resumption. A read-modify-write holds <see cref="Gate"/> (reentrant) across the read and the write.
/// Objects handed out are the stored instances: callers clone before changing anything.
/// </summary>
internal sealed class ObjectStore(int historySize)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _rv;
    private long _compactedRv;

    public Lock Gate { get; } = new();

    public long CurrentRv
    {
        get
        {
            lock (Gate)
            {
                return _rv;
            }
        }
    }

    public JsonObject? Get(string storeKey, string? ns, string name)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(storeKey, out var bucket) && bucket.TryGetValue(Key(ns, name), out var o)
                ? o
                : null;
        }
    }

    public List<JsonObject> List(string storeKey, string? ns)
    {
        lock (Gate)
        {
            if (!_buckets.TryGetValue(storeKey, out var bucket))
            {
                return [];
            }

            return ns is null
                ? [.. bucket.Values]
                : [.. bucket.Where(kv => kv.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(kv => kv.Value)];
        }
    }

    public List<(string StoreKey, JsonObject Object)> All()
    {
        lock (Gate)
        {
            return [.. _buckets.SelectMany(b => b.Value.Values.Select(o => (b.Key, o)))];
        }
    }

    /// <summary>Stores a new or changed object under a fresh resourceVersion and publishes the event.</summary>
    public JsonObject Write(string storeKey, JsonObject obj, JsonObject? previous)
    {
        lock (Gate)
        {
            var stored = Json.Json.Clone(obj);
            stored.Metadata()["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
            if (!_buckets.TryGetValue(storeKey, out var bucket))
            {
                bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                _buckets[storeKey] = bucket;
            }

            bucket[Key(stored.Namespace(), stored.Name())] = stored;
            Publish(new StoredEvent(previous is null ? "ADDED" : "MODIFIED", storeKey, stored, previous, _rv));
            return stored;
        }
    }

    /// <summary>Removes an object; its final state gets a fresh resourceVersion and goes out as DELETED.</summary>
    public JsonObject Remove(string storeKey, JsonObject current)
    {
        lock (Gate)
        {
            var final = Json.Json.Clone(current);
            final.Metadata()["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
            _buckets[storeKey].Remove(Key(current.Namespace(), current.Name()));
            Publish(new StoredEvent("DELETED", storeKey, final, current, _rv));
            return final;
        }
    }

    /// <summary>
    /// Opens a feed. <paramref name="fromRv"/> null: <paramref name="initial"/> holds the current objects; N: the
    /// retained events after N are queued first; an N older than the history sets <paramref name="expired"/>.
    /// </summary>
    public WatchSubscription Subscribe(string? storeKey, string? ns, long? fromRv,
        out List<JsonObject> initial, out string? expired, bool isInternal = false)
    {
        lock (Gate)
        {
            var subscription = new WatchSubscription(storeKey, ns) { IsInternal = isInternal };
            initial = [];
            expired = null;
            if (fromRv is null)
            {
                initial = storeKey is null ? [.. All().Select(e => e.Object)] : List(storeKey, ns);
            }
            else if (fromRv < _compactedRv)
            {
                expired = $"too old resource version: {fromRv} ({_compactedRv + 1})";
                return subscription;
            }
            else
            {
                foreach (var e in _history.Where(e => e.Rv > fromRv && subscription.Matches(e)))
                {
                    subscription.Events.Writer.TryWrite(e);
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            _subscriptions.Remove(subscription);
        }

        subscription.Events.Writer.TryComplete();
    }

    /// <summary>
    /// The resourceVersion a bookmark may carry: the current one, but only when every event for this feed up to it
    /// has been read, so a client that resumes from the bookmark misses nothing.
    /// </summary>
    public bool TryQuiescentRv(WatchSubscription subscription, out long rv)
    {
        lock (Gate)
        {
            rv = _rv;
            return subscription.Events.Reader.Count == 0;
        }
    }

    public void CompactHistory()
    {
        lock (Gate)
        {
            _history.Clear();
            _compactedRv = _rv;
        }
    }

    public void DropWatches(Func<WatchSubscription, bool> which)
    {
        List<WatchSubscription> dropped;
        lock (Gate)
        {
            dropped = [.. _subscriptions.Where(which)];
        }

        foreach (var subscription in dropped)
        {
            subscription.Drop();
        }
    }

    private void Publish(StoredEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > historySize)
        {
            _compactedRv = _history.Dequeue().Rv;
        }

        foreach (var subscription in _subscriptions.Where(s => s.Matches(e)))
        {
            subscription.Events.Writer.TryWrite(e);
        }
    }

    private static string Key(string? ns, string name) => (ns ?? "") + "/" + name;
}
